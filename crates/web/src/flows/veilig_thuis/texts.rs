//! The words of Veilig Thuis's pages, Dutch and English side by side.

crate::texts! {
    /// The words of Veilig Thuis's work list and contact pages.
    pub struct VtTexts, veilig_thuis {
        vt_title: "Veilig Thuis: werklijst",
            "Veilig Thuis: work list";
        vt_intro: "Meldingen die op hun veiligheidsbeoordeling wachten (binnen vijf werkdagen, acuut direct) en overdrachten waarvan de terugkoppeling eraan komt.",
            "Reports waiting for their safety assessment (within five working days, acute at once) and hand-overs whose follow-up check is coming up.";
        vt_empty: "Niets op de werklijst.",
            "Nothing on the work list.";
        vt_one_on_list: "1 op de werklijst",
            "1 on the work list";
        vt_n_on_list: "{n} op de werklijst",
            "{n} on the work list";
        vt_new: "Adviesvraag of melding vastleggen",
            "Record an advice request or report";
        vt_kind: "Soort contact",
            "Kind of contact";
        vt_acute: "Acuut: direct beoordelen",
            "Acute: assess at once";
        vt_reporter: "Melder",
            "Reporter";
        vt_reporter_name: "Naam van de melder",
            "Reporter's name";
        vt_reporter_contact: "Bereikbaar op",
            "Reporter's contact";
        vt_concern: "De zorg: wat is gezien of gehoord",
            "The concern: what was seen or heard";
        vt_received: "Ontvangen",
            "Received";
        vt_due: "Beoordelen uiterlijk",
            "Assess by";
        vt_child: "Kind",
            "Child";
        vt_contact: "Contact",
            "Contact";
        vt_radar: "Radar: eerdere signalen",
            "Radar: earlier signals";
        vt_feedback: "Terugkoppeling aan de melder",
            "Feedback to the reporter";
        vt_radar_file: "Bekend dossier",
            "Known file";
        vt_radar_none: "Geen eerdere signalen en geen bekend dossier.",
            "No earlier signals and no known file.";
        vt_assess: "Veiligheidsbeoordeling vastleggen",
            "Record the safety assessment";
        vt_outcome: "Uitkomst",
            "Outcome";
        vt_follow_up_on: "Terugkoppelen op (bij overdracht)",
            "Check back on (for a hand-over)";
        vt_follow_up_date: "Terugkoppelen op",
            "Check back on";
        vt_received_at: "Ontvangen op",
            "Received on";
        vt_received_hint: "Wanneer de melding of adviesvraag binnenkwam, ook als je die later vastlegt: de termijn telt vanaf dan. Leeg is nu.",
            "When the report or advice request came in, also when you record it later: the term counts from then. Empty is now.";
        vt_received_time: "Ontvangen om (uu:mm)",
            "Received at (hh:mm)";
        vt_recorded: "Ontvangen",
            "Received";
        vt_children: "Kinderen",
            "Children";
        vt_children_hint: "Eén melding kan over meer kinderen uit één gezin gaan; laat een rij leeg als die niet nodig is. Meer rijen nodig? Kies onderaan 'Nog een kind'.",
            "One report may concern several children of one family; leave a row empty when it is not needed. Need more rows? Choose 'Another child' at the bottom.";
        vt_child_n: "Kind {n}",
            "Child {n}";
        vt_add_child: "Nog een kind",
            "Another child";
        vt_reporter_details: "Melder",
            "Reporter";
        vt_reporter_unknown: "Niet bekend",
            "Not known";
        vt_born: "geboren {date}",
            "born {date}";
        vt_findings: "Bevindingen: wat Veilig Thuis heeft uitgezocht",
            "Findings: what Veilig Thuis found out";
        vt_reasoning: "Afweging: waarom deze uitkomst",
            "Reasoning: why this outcome";
        vt_assessment: "Veiligheidsbeoordeling",
            "Safety assessment";
        err_vt_future: "Dit moment ligt in de toekomst; vul in wanneer de melding binnenkwam.",
            "This moment is in the future; fill in when the report came in.";
        err_vt_time: "Vul een tijd in als uu:mm, bijvoorbeeld 23:45.",
            "Fill in a time as hh:mm, for example 23:45.";
        err_vt_findings: "Beschrijf wat Veilig Thuis heeft uitgezocht.",
            "Describe what Veilig Thuis found out.";
        err_vt_reasoning: "Beschrijf waarom je tot deze uitkomst komt.",
            "Describe why you come to this outcome.";
        vt_assessed: "Beoordeeld",
            "Assessed";
        vt_advice_given: "Advies gegeven",
            "Advice given";
        err_vt_reporter: "Kies wie meldt: bij een melding is de melder bekend.",
            "Choose who reports: a report's reporter is known.";
        err_vt_follow_up: "Kies een datum na vandaag waarop Veilig Thuis terugkoppelt.",
            "Choose a date after today on which Veilig Thuis checks back.";
        err_vt_evu: "Het EVU werkt alleen in de wijken die het dekt.",
            "The EVU only works in the neighbourhoods it covers.";
        err_vt_done: "Deze melding is al beoordeeld, of is een adviesvraag.",
            "This report has been assessed already, or is an advice request.";
    }
}
