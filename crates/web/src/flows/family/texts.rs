//! The family flow's own words, Dutch and English side by side; a missing translation
//! does not compile.

crate::texts! {
    /// The plan page's own words.
    pub struct PlanTexts, plan_texts {
        domain_goals: "Doelen per leefgebied",
            "Goals per life domain";
        domain_goals_hint: "Kies het leefgebied en schrijf het doel op. Lege regels tellen niet mee.",
            "Choose the life domain and write down the goal. Empty rows are ignored.";
        scale: "Schaalvraag",
            "Safety scale";
        goal: "Doel",
            "Goal";
        action: "Actie",
            "Action";
        who: "Wie",
            "Who";
        score: "Cijfer (0 tot en met 10)",
            "Score (0 to 10)";
        life_domain: "Leefgebied",
            "Life domain";
        what: "Wat",
            "What";
        due: "Uiterlijk op",
            "By";
        status: "Stand van zaken",
            "Progress";
        choose: "Kies een leefgebied",
            "Choose a life domain";
        rows_hint: "Lege regels tellen niet mee. Na het opslaan komen er nieuwe lege regels bij.",
            "Empty rows are ignored. New empty rows appear after saving.";
        not_saved: "Het plan is niet opgeslagen. Verbeter wat hieronder is aangegeven; alles wat je had ingevuld staat er nog.",
            "The plan was not saved. Correct what is marked below; everything you typed is still there.";
        err_score: "Vul een heel getal in van 0 tot en met 10.",
            "Enter a whole number from 0 to 10.";
        err_scale_who: "Vul in wie dit cijfer gaf.",
            "Enter who gave this score.";
        err_domain: "Kies een leefgebied uit de lijst.",
            "Choose a life domain from the list.";
        err_status: "Kies een stand van zaken uit de lijst.",
            "Choose a progress from the list.";
        err_goal: "Schrijf het doel op, of kies geen leefgebied.",
            "Write down the goal, or choose no life domain.";
        err_what: "Vul in wat er moet gebeuren.",
            "Enter what needs to happen.";
        err_action_who: "Vul in wie dit doet.",
            "Enter who does this.";
        err_empty_line: "Haal de lege regel weg.",
            "Remove the empty line.";
        err_domain_twice: "Dit leefgebied staat er twee keer in.",
            "This life domain appears twice.";
        err_agree_who: "Kies wie van het gezin akkoord gaf.",
            "Choose who in the family agreed.";
    }
}

crate::texts! {
    /// How a family rule's refusal is said where the shared texts have no sentence for it.
    pub struct RefusalTexts, refusals {
        agreement_incomplete: "Niet iedereen die moet instemmen heeft ingestemd, of er stemde iemand in die dat niet mag.",
            "Not everyone who has to agree has agreed, or someone agreed who may not.";
    }
}
