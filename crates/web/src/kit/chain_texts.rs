//! UI strings of the chain's ways of working that more than one flow shows (the menu,
//! the work lists on the start page, a worker who cannot join yet), per language.
//! Reached from every page as `shell.c`; each flow's own words live in its texts.rs.

use crate::kit::i18n::Lang;

crate::texts! {
    /// The chain's shared words, as `shell.c` on every page.
    pub struct ChainTexts, texts {
        start_role_evu: "je ziet nieuwe EVU-aanmeldingen en wijst in één keer een combinatie van professionals toe.",
            "you see new EVU referrals and assign a combination of professionals at once.";
        nav_evu: "EVU",
            "EVU";
        sg_title: "SAVE-begeleiding",
            "SAVE guidance";
        sg_next_review: "Volgende evaluatie",
            "Next review";
        sg_review_due: "evaluatie nu nodig",
            "review due now";
        evu_family_title: "EVU",
            "EVU";
        work_guidances: "SAVE-begeleidingen met evaluatiedatum",
            "SAVE guidance with review dates";
        work_on_site: "SAVE op locatie: vandaag",
            "SAVE on site: today";
        work_consents: "Toestemming nog te vragen",
            "Consent still to ask";
        work_consents_none: "Geen openstaande toestemmingsstappen.",
            "No consent steps pending.";
        work_reviews: "Evaluaties en acties die nu aan de beurt zijn",
            "Reviews and actions due now";
        work_evu: "EVU: nieuwe aanmeldingen om te bemensen",
            "EVU: new referrals to staff";
        work_vt: "Veilig Thuis: veiligheidsbeoordelingen",
            "Veilig Thuis: safety assessments";
        work_vt_link: "naar de werklijst van Veilig Thuis",
            "to Veilig Thuis's work list";
        work_nothing: "Niets op de lijst.",
            "Nothing on the list.";
    }
}

/// A worker of an EVU combination who may not join yet, and the consent step to ask.
pub fn join_refused(
    lang: Lang,
    worker: &str,
    organisation: &str,
    step: eenplan_domain::family::ConsentStep,
) -> String {
    match lang {
        Lang::Nl => format!(
            "{worker} ({organisation}) kan nog niet aansluiten: vraag eerst de toestemming van het gezin voor de stap '{}'.",
            step.label_nl()
        ),
        Lang::En => format!(
            "{worker} ({organisation}) cannot join yet: ask the family's consent to the step '{}' first.",
            step.label_en()
        ),
    }
}
