//! UI strings of the chain's ways of working that more than one flow shows (the menu,
//! the work lists on the start page, a worker who cannot join yet), per language.
//! Reached from every page as `shell.c`; each flow's own words live in its texts.rs.

use crate::kit::i18n::Lang;

#[derive(Debug)]
pub struct ChainTexts {
    pub start_role_evu: &'static str,
    pub nav_evu: &'static str,
    pub sg_title: &'static str,
    pub sg_next_review: &'static str,
    pub sg_review_due: &'static str,
    pub evu_family_title: &'static str,
    pub work_guidances: &'static str,
    pub work_on_site: &'static str,
    pub work_consents: &'static str,
    pub work_consents_none: &'static str,
    pub work_reviews: &'static str,
    pub work_evu: &'static str,
    pub work_vt: &'static str,
    pub work_vt_link: &'static str,
    pub work_nothing: &'static str,
}

pub const NL: ChainTexts = ChainTexts {
    start_role_evu: "je ziet nieuwe EVU-aanmeldingen en wijst in één keer een combinatie van professionals toe.",
    nav_evu: "EVU",
    sg_title: "SAVE-begeleiding",
    sg_next_review: "Volgende evaluatie",
    sg_review_due: "evaluatie nu nodig",
    evu_family_title: "EVU",
    work_guidances: "SAVE-begeleidingen met evaluatiedatum",
    work_on_site: "SAVE op locatie: vandaag",
    work_consents: "Toestemming nog te vragen",
    work_consents_none: "Geen openstaande toestemmingsstappen.",
    work_reviews: "Evaluaties en acties die nu aan de beurt zijn",
    work_evu: "EVU: nieuwe aanmeldingen om te bemensen",
    work_vt: "Veilig Thuis: veiligheidsbeoordelingen",
    work_vt_link: "naar de werklijst van Veilig Thuis",
    work_nothing: "Niets op de lijst.",
};

pub const EN: ChainTexts = ChainTexts {
    start_role_evu: "you see new EVU referrals and assign a combination of professionals at once.",
    nav_evu: "EVU",
    sg_title: "SAVE guidance",
    sg_next_review: "Next review",
    sg_review_due: "review due now",
    evu_family_title: "EVU",
    work_guidances: "SAVE guidance with review dates",
    work_on_site: "SAVE on site: today",
    work_consents: "Consent still to ask",
    work_consents_none: "No consent steps pending.",
    work_reviews: "Reviews and actions due now",
    work_evu: "EVU: new referrals to staff",
    work_vt: "Veilig Thuis: safety assessments",
    work_vt_link: "to Veilig Thuis's work list",
    work_nothing: "Nothing on the list.",
};

pub fn texts(lang: Lang) -> &'static ChainTexts {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
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
