//! The timeline's sentences, Dutch and English side by side. Each is one template; the
//! timeline fills in the names, dates and labels (`{actor}`, `{name}`, …) with
//! `kit::texts::fill`, so word order stays the language's own.

crate::texts! {
    /// One sentence per kind of event on the family's timeline.
    pub struct TimelineTexts, timeline_texts {
        opened: "{actor} opende het dossier",
            "{actor} opened the file";
        member_added: "{name} toegevoegd als {kind}",
            "{name} added as {kind}";
        member_corrected: "{actor} corrigeerde de gegevens van {name}: {reason}",
            "{actor} corrected the details of {name}: {reason}";
        network_member_corrected: "{actor} corrigeerde de gegevens van netwerklid {name}: {reason}",
            "{actor} corrected the details of network member {name}: {reason}";
        member_ended: "Gezinslid beëindigd: {reason}",
            "Family member ended: {reason}";
        network_member_added: "{name} toegevoegd aan het netwerk ({relation})",
            "{name} added to the network ({relation})";
        involvement_started: "{who} toegevoegd als {role}",
            "{who} added as {role}";
        involvement_started_expertise: "{who} toegevoegd als {role}, expertise {expertise}",
            "{who} added as {role}, expertise {expertise}";
        network_member_ended: "Netwerklid beëindigd: {reason}",
            "Network member ended: {reason}";
        involvement_ended: "Betrokkenheid beëindigd: {reason}",
            "Involvement ended: {reason}";
        handover: "Overdracht door {actor}: {reason}",
            "Handover by {actor}: {reason}";
        plan_saved: "{actor} sloeg het plan op (versie {version})",
            "{actor} saved the plan (version {version})";
        /// One family member agreed; Dutch says "ging", English has one verb for both.
        plan_agreed_one: "{names} ging akkoord met versie {version} van het plan",
            "{names} agreed to version {version} of the plan";
        plan_agreed_more: "{names} gingen akkoord met versie {version} van het plan",
            "{names} agreed to version {version} of the plan";
        note_written: "{actor} schreef een notitie ({how}, {on})",
            "{actor} wrote a note ({how}, {on})";
        note_corrected: "{actor} corrigeerde een notitie: {reason}",
            "{actor} corrected a note: {reason}";
        note_edited: "{actor} wijzigde een notitie",
            "{actor} edited a note";
        guidance_started: "{actor} startte SAVE-begeleiding door {who}; einddatum {end}, eerste evaluatie {review}",
            "{actor} started SAVE guidance by {who}; ends {end}, first review {review}";
        guidance_reviewed: "{actor} evalueerde de SAVE-begeleiding; einddatum {end}, volgende evaluatie {review}",
            "{actor} reviewed the SAVE guidance; ends {end}, next review {review}";
        guidance_ended: "{actor} sloot de SAVE-begeleiding af met als uitkomst: {outcome}",
            "{actor} closed the SAVE guidance with the outcome: {outcome}";
        evu_referred: "Aangemeld bij het EVU door {source}",
            "Referred to the EVU by {source}";
        evu_combination_assigned: "Het EVU wees een combinatie toe: {names}",
            "The EVU assigned a combination: {names}";
        evu_referral_declined: "Het EVU pakte de aanmelding niet op",
            "The EVU declined the referral";
        evu_referral_closed: "De inzet van het EVU is afgesloten",
            "The EVU's work was closed";
        meeting_scheduled: "{actor} plande een {what} op {at}",
            "{actor} scheduled a {what} on {at}";
        view_recorded: "{actor} legde de visie van de organisatie vast voor de gezamenlijke beoordeling (versie {version})",
            "{actor} recorded the organisation's view for the joint assessment (version {version})";
        meeting_held: "{actor} legde het gezamenlijk oordeel vast: {actions} in het plan (versie {version})",
            "{actor} recorded the joint judgement: {actions} in the plan (version {version})";
        actions_one: "{count} actie",
            "{count} action";
        actions_more: "{count} acties",
            "{count} actions";
        meeting_cancelled: "{actor} gelastte de gezamenlijke beoordeling af",
            "{actor} cancelled the joint assessment";
        order_requested: "{actor} vroeg de Raad voor de Kinderbescherming om onderzoek",
            "{actor} asked the Child Protection Board to investigate";
        investigation_started: "De Raad nam het verzoek in onderzoek ({on})",
            "The Board started its investigation ({on})";
        no_measure: "De Raad ziet geen maatregel nodig: verder in vrijwillige hulp",
            "The Board sees no need for a measure: voluntary help goes on";
        petitioned: "De Raad vroeg de kinderrechter om: {measure}",
            "The Board petitioned the juvenile court for: {measure}";
        granted: "De kinderrechter sprak uit: {measure}",
            "The juvenile court granted: {measure}";
        granted_until: "De kinderrechter sprak uit: {measure}, tot en met {until}",
            "The juvenile court granted: {measure}, until {until}";
        refused: "De kinderrechter wees het verzoek af",
            "The juvenile court refused the petition";
        system: "eenplan",
            "eenplan";
        consent_given: "{actor} legde toestemming vast: {step}",
            "{actor} recorded consent: {step}";
        consent_withdrawn: "{actor} legde vast dat een toestemming is ingetrokken: {reason}",
            "{actor} recorded that a consent was withdrawn: {reason}";
        consent_withdrawn_by_family: "{actor} trok zelf een toestemming in, via Mijn gezin. {reason}",
            "{actor} withdrew a consent themselves, through My family. {reason}";
        framework_changed: "{actor} legde het kader vast: {framework}, vanaf {on}",
            "{actor} recorded the framework: {framework}, from {on}";
        family_invited: "{actor} nodigde {name} uit voor een gezinsaccount",
            "{actor} invited {name} to a family account";
        family_invitation_revoked: "{actor} trok de uitnodiging van {name} voor een gezinsaccount in",
            "{actor} revoked the invitation of {name} to a family account";
        family_account_activated: "{name} activeerde het gezinsaccount en kan nu inloggen op Mijn gezin",
            "{name} activated their family account and can now sign in to My family";
        family_account_blocked: "{actor} blokkeerde het gezinsaccount van {name}",
            "{actor} blocked the family account of {name}";
        /// A family member as the one who did something, named as the file names them.
        family_actor: "{name} (gezinslid)",
            "{name} (family member)";
        /// A family member whose account the file no longer knows.
        family_actor_unknown: "een gezinslid",
            "a family member";
        item_plan_line: "een regel van het plan",
            "a line of the plan";
        item_plan: "het plan",
            "the plan";
        item_other: "een onderdeel van het dossier",
            "a part of the file";
        /// "Niet zichtbaar voor": the reason is for the professionals who read this.
        mark_hidden: "{what} afgeschermd voor {name} door {actor}. Reden: {reason}",
            "{what} hidden from {name} by {actor}. Reason: {reason}";
        mark_only_child: "{actor} legde vast dat {what} alleen over {name} gaat",
            "{actor} recorded that {what} concerns only {name}";
        mark_shared: "{actor} deelde {what} met {name}, via Mijn gezin",
            "{actor} shared {what} with {name}, through My family";
        mark_other: "{actor} markeerde {what} voor {name}",
            "{actor} marked {what} for {name}";
        mark_hidden_ended: "{actor} hief de afscherming van {what} voor {name} op",
            "{actor} lifted the hiding of {what} from {name}";
        mark_only_child_ended: "{actor} legde vast dat {what} niet meer alleen over {name} gaat",
            "{actor} recorded that {what} no longer concerns only {name}";
        mark_shared_ended: "{actor} deelt {what} niet meer met {name}",
            "{actor} no longer shares {what} with {name}";
        mark_other_ended: "{actor} hief een markering op",
            "{actor} lifted a mark";
        family_plan_added: "{name} gaf via Mijn gezin een eigen schaalscore ({score}) en kijk bij versie {version} van het plan",
            "{name} added their own scale ({score}) and view to version {version} of the plan, through My family";
        file_closed: "{actor} sloot het dossier af op {on}: {reason}",
            "{actor} closed the file on {on}: {reason}";
        file_closed_note: "{actor} sloot het dossier af op {on}: {reason} ({note})",
            "{actor} closed the file on {on}: {reason} ({note})";
        file_reopened: "{actor} heropende het dossier: {reason}",
            "{actor} reopened the file: {reason}";
        other: "{actor} legde een wijziging in het dossier vast",
            "{actor} recorded a change to the file";
    }
}
