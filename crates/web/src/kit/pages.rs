//! Pieces of pages that more than one way of working shows the same way.

use eenplan_domain::family::ConsentStep;
use eenplan_store::Involvement;

use crate::kit::form::label_of;
use crate::kit::texts::Lang;

/// What the lead still has to ask, in words: the consent step and the partner it is for
/// (the store's `missing_consents` says which). The consent page and the start page's
/// work list say it in the same sentence.
pub fn missing_consent_steps(lang: Lang, missing: Vec<(ConsentStep, &Involvement)>) -> Vec<String> {
    let mut missing: Vec<String> = missing
        .into_iter()
        .map(|(step, partner)| {
            format!(
                "{} — {} ({})",
                label_of(lang, step, ConsentStep::label_nl, ConsentStep::label_en),
                partner.organisation_name,
                partner.user_name
            )
        })
        .collect();
    missing.sort();
    missing.dedup();
    missing
}
