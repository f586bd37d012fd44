//! The decision aid of the Meldcode huiselijk geweld en kindermishandeling: the five steps,
//! and the five questions of the afwegingskader (step 4 and 5) that end in an advice.
//! Walked through one question at a time; nothing about the child is stored.
//!
//! Source: Besluit verplichte meldcode huiselijk geweld en kindermishandeling (2013,
//! afwegingskader since 2019); Rijksoverheid, "Meldcode: stappenplan bij vermoedens van
//! huiselijk geweld of kindermishandeling"; the seed texts (schools hesitate to contact
//! Veilig Thuis).

use crate::codes::code_list;

/// The five steps, in order.
pub const STEPS_NL: [&str; 5] = [
    "Breng signalen in kaart.",
    "Overleg met een collega en raadpleeg zo nodig Veilig Thuis of een deskundige op het gebied van letselduiding.",
    "Ga in gesprek met de betrokkene(n).",
    "Weeg het geweld of de kindermishandeling met het afwegingskader.",
    "Beslis: hulp organiseren en/of melden bij Veilig Thuis.",
];
pub const STEPS_EN: [&str; 5] = [
    "Map the signs.",
    "Consult a colleague and, if needed, Veilig Thuis or an expert in injury assessment.",
    "Talk with the people involved.",
    "Weigh the violence or child abuse with the assessment framework.",
    "Decide: organise help and/or report to Veilig Thuis.",
];

/// The afwegingskader's questions, in order.
pub const QUESTIONS_NL: [&str; 5] = [
    "Heb ik op basis van de stappen 1 tot en met 3 een vermoeden van huiselijk geweld of kindermishandeling?",
    "Schat ik in dat er sprake is van acute onveiligheid of structurele onveiligheid?",
    "Ben ik in staat om effectieve hulp te bieden of te organiseren om de (dreigende) onveiligheid af te wenden?",
    "Aanvaarden de betrokkenen de hulp die nodig is om de onveiligheid af te wenden, en zijn zij bereid zich daarvoor in te zetten?",
    "Leidt de hulp binnen de gewenste termijn tot de noodzakelijke veiligheid en het welzijn van alle betrokkenen?",
];
pub const QUESTIONS_EN: [&str; 5] = [
    "Based on steps 1 to 3, do I suspect domestic violence or child abuse?",
    "Do I judge that there is acute or structural unsafety?",
    "Am I able to offer or organise effective help to avert the (threatening) unsafety?",
    "Do the people involved accept the help needed to avert the unsafety, and are they willing to commit to it?",
    "Does the help lead, within the desired time, to the necessary safety and well-being of everyone involved?",
];

code_list! {
    Advice, "advice" {
        /// No suspicion: close, and record what you did.
        CloseAndRecord = "close_and_record", "Afsluiten en vastleggen", "Close and record";
        /// Offer or organise help yourself, and follow whether it works.
        OrganiseHelp = "organise_help", "Hulp bieden of organiseren", "Offer or organise help";
        /// Report to Veilig Thuis.
        Report = "report", "Melden bij Veilig Thuis", "Report to Veilig Thuis";
    }
}

/// Where the walk is after the answers so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Ask question `n` (0-based) next.
    Question(usize),
    Advice(Advice),
}

/// The next question or the advice, given the answers (yes = `true`) in order.
/// Answers beyond the advice are ignored.
pub fn next(answers: &[bool]) -> Next {
    // The answer that ends the walk at each question, and what it leads to.
    const ENDS: [(bool, Advice); 5] = [
        (false, Advice::CloseAndRecord),
        (true, Advice::Report),
        (false, Advice::Report),
        (false, Advice::Report),
        (false, Advice::Report),
    ];
    for (i, (ending, advice)) in ENDS.iter().enumerate() {
        match answers.get(i) {
            None => return Next::Question(i),
            Some(a) if a == ending => return Next::Advice(*advice),
            Some(_) => {}
        }
    }
    Next::Advice(Advice::OrganiseHelp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_through_the_afwegingskader() {
        assert_eq!(next(&[]), Next::Question(0));
        assert_eq!(next(&[false]), Next::Advice(Advice::CloseAndRecord));
        assert_eq!(next(&[true]), Next::Question(1));
        assert_eq!(
            next(&[true, true]),
            Next::Advice(Advice::Report),
            "acute or structural unsafety: always report"
        );
        assert_eq!(next(&[true, false]), Next::Question(2));
        assert_eq!(next(&[true, false, false]), Next::Advice(Advice::Report));
        assert_eq!(
            next(&[true, false, true, false]),
            Next::Advice(Advice::Report)
        );
        assert_eq!(next(&[true, false, true, true]), Next::Question(4));
        assert_eq!(
            next(&[true, false, true, true, false]),
            Next::Advice(Advice::Report)
        );
        assert_eq!(
            next(&[true, false, true, true, true]),
            Next::Advice(Advice::OrganiseHelp)
        );
        assert_eq!(
            next(&[false, true, true]),
            Next::Advice(Advice::CloseAndRecord)
        );
    }
}
