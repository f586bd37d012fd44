//! The complaints flow's words, Dutch and English side by side, in plain language: a
//! complainant may be a parent under stress or a young person.

crate::texts! {
    /// The public complaint form, the status page, the officer's pages and the analysis.
    pub struct ComplaintTexts, complaints {
        title: "Een klacht indienen",
            "File a complaint";
        intro: "Ben je niet tevreden over hoe een organisatie of een medewerker met jou of je gezin omging? Vertel het hier. De klachtenfunctionaris van die organisatie neemt je klacht in behandeling. Je hoeft hiervoor niet in te loggen.",
            "Are you unhappy with how an organisation or one of its staff treated you or your family? Tell us here. The organisation's complaints officer will handle your complaint. You do not need to sign in.";
        f_organisation: "Over welke organisatie gaat je klacht?",
            "Which organisation is your complaint about?";
        f_professional: "Over welke medewerker (als je dat weet)",
            "Which member of staff (if you know)";
        f_professional_hint: "Niet verplicht.",
            "Optional.";
        f_what: "Wat is er gebeurd?",
            "What happened?";
        f_what_hint: "Schrijf op wat er gebeurde, wanneer, en wat je graag anders had gezien.",
            "Write down what happened, when, and what you would have wanted instead.";
        f_name: "Je naam",
            "Your name";
        f_email: "Je e-mailadres",
            "Your e-mail address";
        f_phone: "Je telefoonnummer",
            "Your phone number";
        f_contact_hint: "Vul een e-mailadres of een telefoonnummer in, zodat de klachtenfunctionaris contact met je kan opnemen.",
            "Fill in an e-mail address or a phone number, so the complaints officer can contact you.";
        err_contact: "Vul een e-mailadres of een telefoonnummer in.",
            "Fill in an e-mail address or a phone number.";
        send: "Klacht versturen",
            "Send complaint";
        filed_title: "Je klacht is ontvangen",
            "Your complaint has been received";
        filed_intro: "Bewaar het kenmerk en de code hieronder. Daarmee kun je later zien hoe het met je klacht staat. De code laten we maar één keer zien.",
            "Keep the reference and the code below. With them you can see later how your complaint is doing. We show the code only once.";
        reference: "Kenmerk",
            "Reference";
        code: "Code",
            "Code";
        filed_term: "{organisation} laat je uiterlijk {date} weten wat zij van je klacht vindt.",
            "{organisation} will tell you what it thinks of your complaint by {date} at the latest.";
        status_title: "Hoe staat het met mijn klacht?",
            "How is my complaint doing?";
        status_intro: "Vul het kenmerk en de code in die je kreeg toen je de klacht indiende.",
            "Fill in the reference and the code you were given when you filed the complaint.";
        status_show: "Bekijken",
            "Show";
        status_unknown: "We vinden geen klacht met dit kenmerk en deze code. Kijk of je ze goed hebt overgenomen.",
            "We find no complaint with this reference and code. Check that you copied them correctly.";
        status_about: "Je klacht over {organisation}, ontvangen op {date}.",
            "Your complaint about {organisation}, received on {date}.";
        state_received: "De klachtenfunctionaris heeft je klacht nog niet bevestigd. Dat gebeurt meestal binnen een paar werkdagen.",
            "The complaints officer has not yet confirmed your complaint. That usually happens within a few working days.";
        state_confirmed: "De klachtenfunctionaris heeft op {date} bevestigd dat je klacht is ontvangen en behandelt hem nu.",
            "The complaints officer confirmed on {date} that your complaint was received and is handling it now.";
        state_extended: "De klachtenfunctionaris heeft op {date} laten weten dat er meer tijd nodig is. De reden: {reason}",
            "The complaints officer said on {date} that more time is needed. The reason: {reason}";
        state_decided: "Je klacht is afgehandeld op {date}. De uitkomst: {outcome}.",
            "Your complaint was decided on {date}. The outcome: {outcome}.";
        term_end: "Uiterlijk {date} hoor je wat {organisation} van je klacht vindt.",
            "By {date} at the latest you will hear what {organisation} thinks of your complaint.";
        measures: "Wat er verandert",
            "What changes";
        elsewhere_title: "Hulp en andere wegen",
            "Help and other routes";
        elsewhere_jeugdstem: "Jeugdstem helpt je gratis met je klacht: een vertrouwenspersoon luistert, denkt mee en gaat zo nodig mee naar gesprekken.",
            "Jeugdstem helps you with your complaint for free: a confidential adviser listens, thinks along and can join conversations.";
        elsewhere_commission: "Ben je het niet eens met hoe een jeugdhulpaanbieder, een gecertificeerde instelling of Veilig Thuis je klacht afhandelde? Dan kun je naar de onafhankelijke Klachtencommissie van die organisatie.",
            "Do you disagree with how a youth-care provider, a certified institution or Veilig Thuis handled your complaint? Then you can go to that organisation's independent complaints committee.";
        elsewhere_ombudsman: "Ging je klacht over de gemeente, het lokale team of de Raad voor de Kinderbescherming en ben je niet tevreden over de afhandeling? Dan kun je naar de Nationale Ombudsman.",
            "Was your complaint about the municipality, the local team or the Child Protection Board and are you unhappy with how it was handled? Then you can go to the National Ombudsman.";
        elsewhere_children: "Ben je jonger dan 18, of gaat het om de rechten van een kind? De Kinderombudsman luistert ook.",
            "Are you under 18, or is it about a child's rights? The Children's Ombudsman listens too.";
        site_jeugdstem: "Website van Jeugdstem",
            "Jeugdstem's website";
        site_ombudsman: "Website van de Nationale Ombudsman",
            "The National Ombudsman's website";
        site_children: "Website van de Kinderombudsman",
            "The Children's Ombudsman's website";
        list_title: "Klachten",
            "Complaints";
        list_empty: "Er zijn geen klachten over je organisatie.",
            "There are no complaints about your organisation.";
        col_reference: "Kenmerk",
            "Reference";
        col_received: "Ontvangen",
            "Received";
        col_state: "Stand",
            "Status";
        col_term: "Uiterlijk af",
            "Due by";
        col_complainant: "Klager",
            "Complainant";
        procedure: "Procedure",
            "Procedure";
        term_source: "Termijn: zes weken na ontvangst, met verlenging tien weken ({source}).",
            "Term: six weeks from receipt, ten weeks when extended ({source}).";
        contact: "Contact",
            "Contact";
        about_professional: "Over medewerker",
            "About staff member";
        confirm_title: "Ontvangst bevestigen",
            "Confirm receipt";
        confirm: "Ontvangst bevestigen",
            "Confirm receipt";
        extend_title: "Termijn verlengen",
            "Extend the term";
        extend_hint: "Kan alleen vóór het einde van de termijn, en de klager krijgt de reden te zien.",
            "Only before the term ends; the complainant sees the reason.";
        extend: "Verlengen",
            "Extend";
        f_date: "Datum",
            "Date";
        f_reason: "Reden",
            "Reason";
        decide_title: "Afhandeling vastleggen",
            "Record the decision";
        f_outcome: "Uitkomst",
            "Outcome";
        f_theme: "Waar ging de klacht vooral over?",
            "What was the complaint mainly about?";
        f_measures: "Genomen maatregelen",
            "Measures taken";
        f_measures_hint: "Eén maatregel per regel. Leeg als er niets verandert.",
            "One measure per line. Empty when nothing changes.";
        decide: "Vastleggen",
            "Record";
        err_handling_reason: "Schrijf op waarom er meer tijd nodig is.",
            "Write down why more time is needed.";
        err_handling_late: "De termijn is al voorbij: verlengen kan alleen daarvóór.",
            "The term has passed: it can only be extended before.";
        err_handling_before: "Deze datum ligt vóór de ontvangst van de klacht.",
            "This date is before the complaint was received.";
        err_handling_done: "Dit is al vastgelegd.",
            "This has been recorded already.";
        analysis_title: "Klachtenanalyse {year}",
            "Complaints analysis {year}";
        analysis_intro: "Alle klachten over {organisation} die in {year} binnenkwamen. Aantallen van 1 tot {threshold} tonen we niet (<{threshold}), en soms een ander getal erbij, zodat niemand een klager herkent.",
            "All complaints about {organisation} received in {year}. Counts from 1 up to {threshold} are not shown (<{threshold}), sometimes with another number, so nobody can recognise a complainant.";
        f_year: "Jaar",
            "Year";
        err_year: "Vul een jaar in, zoals 2026.",
            "Fill in a year, such as 2026.";
        a_received: "Ontvangen klachten",
            "Complaints received";
        a_decided: "Afgehandeld",
            "Decided";
        a_open: "Nog in behandeling",
            "Still being handled";
        a_by_theme: "Waar de klachten over gingen",
            "What the complaints were about";
        a_by_outcome: "Uitkomst",
            "Outcome";
        a_median: "Behandelduur (mediaan)",
            "Handling time (median)";
        a_days: "{n} dagen",
            "{n} days";
        a_within: "Binnen de termijn afgehandeld",
            "Decided within the term";
        a_none: "geen",
            "none";
        a_measures: "Genomen maatregelen",
            "Measures taken";
        a_measures_hidden: "Te weinig afgehandelde klachten om de maatregelen te tonen.",
            "Too few decided complaints to show the measures.";
        a_figure: "Onderdeel",
            "Item";
        a_value: "Aantal",
            "Count";
        download_csv: "Download als CSV",
            "Download as CSV";
    }
}

crate::texts! {
    /// A family member's complaints (the form's other words are the complaints flow's).
    pub struct PortalComplaintTexts, portal_complaints {
        intro: "Ben je niet tevreden over hoe een organisatie of een medewerker met jou of je gezin omging? Vertel het hier. De klachtenfunctionaris van die organisatie behandelt je klacht. Je klacht komt niet in het dossier van je gezin.",
            "Are you unhappy with how an organisation or one of its staff treated you or your family? Tell us here. The organisation's complaints officer will handle your complaint. Your complaint does not go into your family's file.";
        contact_hint: "We vulden je gegevens van je account alvast in. Je mag ze veranderen.",
            "We filled in the details from your account. You may change them.";
        no_professional: "Geen bepaalde medewerker", "No one in particular";
        professional_elsewhere: "Deze medewerker werkt niet bij de organisatie die je koos. Kies een andere medewerker, of geen.",
            "This person does not work at the organisation you chose. Choose someone else, or no one.";
        list_title: "Mijn klachten", "My complaints";
        list_intro: "Hier zie je de klachten die je via je gezinsaccount indiende, en hoe het ermee staat.",
            "Here you see the complaints you filed through your family account, and how they are doing.";
        none: "Je hebt nog geen klacht ingediend via je gezinsaccount.",
            "You have not filed a complaint through your family account yet.";
        filed: "Je klacht is verstuurd. Hieronder zie je hoe het ermee staat.",
            "Your complaint has been sent. Below you see how it is doing.";
        about: "Klacht over {organisation}", "Complaint about {organisation}";
        filed_on: "Ingediend op", "Filed on";
        new: "Een klacht indienen", "File a complaint";
        mine: "Mijn klachten bekijken", "See my complaints";
        back: "Terug naar mijn gezin", "Back to my family";
    }
}
