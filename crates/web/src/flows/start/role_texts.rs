//! The words of the role blocks on the start page (team lead, behavioural scientist,
//! privacy officer, Raad). Dutch and English side by side.

crate::texts! {
    /// Headings, counts, lines and what an empty block means.
    pub struct RoleTexts, role_texts {
        caseload_title: "Caseload van je team",
            "Your team's caseload";
        caseload_intro: "Per professional: de dossiers die hij of zij regisseert en de dossiers waarin hij of zij partner is.",
            "Per professional: the files they lead and the files they work in as partner.";
        caseload_none: "Er werkt nog niemand met een zorgrol in je team.",
            "Nobody in your team holds a care role yet.";
        col_professional: "Professional",
            "Professional";
        col_led: "Regisseur van",
            "Leads";
        col_partner: "Partner in",
            "Partner in";
        col_total: "Totaal",
            "Total";
        team_overdue_title: "Over tijd in de dossiers van je team",
            "Overdue in your team's files";
        team_overdue_count: "{n} dossiers met een evaluatie of actie over tijd",
            "{n} files with a review or action overdue";
        team_overdue_one: "1 dossier met een evaluatie of actie over tijd",
            "1 file with a review or action overdue";
        team_overdue_none: "Niets over tijd: geen evaluatie en geen open actie in de plannen van je team is over de datum.",
            "Nothing overdue: no review and no open action in your team's plans is past its date.";
        regisseur: "regisseur",
            "lead";
        all_team_files: "Alle dossiers van je team op datum",
            "All your team's files by date";
        handovers_title: "Overdrachten in {month}",
            "Handovers in {month}";
        handovers_count: "{n} overdrachten van de regie of van het werk als partner, van of naar iemand van je team.",
            "{n} handovers of the lead or of a partner's work, from or to someone in your team.";
        handovers_one: "1 overdracht van de regie of van het werk als partner, van of naar iemand van je team.",
            "1 handover of the lead or of a partner's work, from or to someone in your team.";
        handovers_none: "Geen overdrachten in {month}: de gezinnen van je team hielden hun vaste gezichten.",
            "No handovers in {month}: your team's families kept the same faces.";
        handover_lead: "regie",
            "lead";
        handover_partner: "werk als partner",
            "partner's work";
        handover_from_to: "van {from} naar {to}",
            "from {from} to {to}";
        handover_closed: "een dossier dat je niet (meer) kunt openen",
            "a file you cannot open (any more)";
        meetings_title: "Gezamenlijke beoordelingen die eraan komen",
            "Joint assessment meetings ahead";
        meetings_count: "{n} gepland",
            "{n} scheduled";
        meetings_none: "Geen gezamenlijke beoordeling gepland in de dossiers waarbij jij of je team betrokken is.",
            "No joint assessment meeting scheduled in the files you or your team work in.";
        reviews_title: "Plannen met een evaluatie aan de beurt",
            "Plans with a review due";
        reviews_intro: "Evaluatiedatum verstreken of binnen twee weken.",
            "Review date passed or within two weeks.";
        reviews_count: "{n} plannen",
            "{n} plans";
        reviews_one: "1 plan",
            "1 plan";
        reviews_none: "Geen plan hoeft de komende twee weken geëvalueerd te worden.",
            "No plan needs a review in the next two weeks.";
        review_on: "evaluatie op",
            "review on";
        review_overdue: "over tijd",
            "overdue";
        all_by_date: "Alle gezinnen op datum",
            "All families by date";
        emergencies_title: "Noodtoegang te beoordelen",
            "Emergency access to review";
        emergencies_count: "{n} nog te beoordelen",
            "{n} still to review";
        emergencies_none: "Geen noodtoegang te beoordelen: elke doorbraak in jullie deel van het toegangslog is beoordeeld.",
            "No emergency access to review: every use in your part of the access log has been reviewed.";
        emergency_by: "door",
            "by";
        review_it: "Beoordelen",
            "Review";
        all_emergencies: "Alle noodtoegang",
            "All emergency access";
        refused_title: "Geweigerde pogingen, laatste 30 dagen",
            "Refused attempts, last 30 days";
        refused_count: "{n} keer geweigerd",
            "{n} refused";
        refused_none: "Geen geweigerde pogingen in de laatste 30 dagen in jullie deel van het toegangslog.",
            "No refused attempts in the last 30 days in your part of the access log.";
        all_refused: "Alle geweigerde pogingen in het toegangslog",
            "All refused attempts in the access log";
        copies_title: "Verzoeken om een kopie van het dossier",
            "Requests for a copy of the file";
        copies_count: "{n} nog te overhandigen",
            "{n} still to hand over";
        copies_none: "Geen verzoeken om een kopie open.",
            "No requests for a copy open.";
        copies_due: "uiterlijk",
            "due";
        copies_soon: "bijna verlopen of verlopen",
            "due soon or late";
        all_copies: "Alle verzoeken om een kopie",
            "All requests for a copy";
        raad_title: "Verzoeken om op te pakken",
            "Requests to take up";
        raad_count: "{n} verzoeken wachten op de Raad",
            "{n} requests wait for the Raad";
        raad_one: "1 verzoek wacht op de Raad",
            "1 request waits for the Raad";
        raad_none: "Geen nieuwe verzoeken: elk verzoek aan jullie is opgepakt.",
            "No new requests: every request to you has been taken up.";
        raad_requested: "ingediend op {date} door {organisation}",
            "requested on {date} by {organisation}";
        raad_all: "De hele werklijst van de Raad",
            "The Raad's whole work list";
        policy_title: "Cijfers van jullie gebieden",
            "Figures for your areas";
        policy_period: "Van {from} tot en met {to}; alleen totalen, nooit een gezin. Een getal van minder dan vijf gezinnen staat er als <5.",
            "From {from} to {to}; totals only, never a family. A figure of fewer than five families shows as <5.";
        policy_synthetic: "Synthetische gegevens: dit is een demo, deze cijfers zijn geen resultaten van de pilots.",
            "Synthetic data: this is a demo, these figures are not the pilots' results.";
        policy_no_areas: "Je organisatie werkt nog in geen enkel gebied, dus er zijn geen cijfers voor je. De ketenbeheerder legt de gebieden vast.",
            "Your organisation works in no area yet, so there are no figures for you. The chain administrator records the areas.";
        col_measure: "Maat",
            "Measure";
        col_own_areas: "Jullie gebieden",
            "Your areas";
        col_other_areas: "Alle andere gebieden samen",
            "All other areas together";
        policy_files: "Dossiers geteld",
            "Files counted";
        policy_median_days: "mediaan {n} dagen",
            "median {n} days";
        policy_median_count: "mediaan {n}",
            "median {n}";
        policy_per_100: "{n} per 100 dossiers",
            "{n} per 100 files";
        policy_none: "–",
            "–";
        more: "en nog {n}",
            "and {n} more";
    }
}
