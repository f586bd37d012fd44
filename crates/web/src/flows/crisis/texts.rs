//! The words of `/spoed` and `/meldcode`, Dutch and English side by side.

crate::texts! {
    /// The words of the crisis and Meldcode pages.
    pub struct CrisisTexts, crisis {
        crisis_always: "Ook als je twijfelt: 24/7 gratis bereikbaar",
            "Also when in doubt: free, 24/7";
        crisis_q_client: "Ben je cliënt van Veilig Thuis Utrecht of SAVE Jeugdbescherming?",
            "Are you a client of Veilig Thuis Utrecht or SAVE Jeugdbescherming?";
        crisis_q_province: "In welke provincie woon je?",
            "In which province do you live?";
        yes: "Ja",
            "Yes";
        no: "Nee",
            "No";
        crisis_no_client: "Nee, geen van beide",
            "No, neither";
        crisis_call: "Bel",
            "Call";
        crisis_worker_fallback: "Heb je het nummer van je SAVE-medewerker niet bij de hand? Bel dan Veilig Thuis:",
            "Don't have your SAVE worker's number at hand? Call Veilig Thuis:";
        crisis_again: "Opnieuw beginnen",
            "Start again";
        crisis_office_hours: "Nu is het kantoortijd (werkdagen 08:30–17:00).",
            "It is office hours now (working days 08:30–17:00).";
        meldcode_intro: "Een hulpmiddel voor professionals, zoals leerkrachten, bij een vermoeden van huiselijk geweld of kindermishandeling. Er wordt niets over het kind opgeslagen.",
            "An aid for professionals, such as teachers, who suspect domestic violence or child abuse. Nothing about the child is stored.";
        meldcode_steps: "De vijf stappen",
            "The five steps";
        meldcode_start: "Naar het afwegingskader (stap 4 en 5)",
            "To the assessment framework (steps 4 and 5)";
        meldcode_question: "Afwegingsvraag",
            "Assessment question";
        meldcode_of: "van",
            "of";
        meldcode_back: "Vorige vraag",
            "Previous question";
        meldcode_advice: "Advies",
            "Advice";
        meldcode_advice_close: "Er is geen vermoeden: sluit af en leg vast wat je hebt gedaan en waarom.",
            "There is no suspicion: close, and record what you did and why.";
        meldcode_advice_help: "Bied of organiseer zelf hulp en volg of de veiligheid blijft. Verandert dat, loop het afwegingskader dan opnieuw door.",
            "Offer or organise help yourself and keep checking safety. If that changes, go through the framework again.";
        meldcode_advice_report: "Meld bij Veilig Thuis. Melden betekent niet dat je stopt met helpen: bespreek met Veilig Thuis wat jij kunt blijven doen.",
            "Report to Veilig Thuis. Reporting does not mean you stop helping: discuss with Veilig Thuis what you can keep doing.";
        meldcode_contact: "Veilig Thuis, ook voor advies (gratis, 24/7):",
            "Veilig Thuis, also for advice (free, 24/7):";
    }
}
