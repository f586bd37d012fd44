//! The joint assessment meeting in the browser: the family's meetings with the form to
//! schedule one (`list`), one meeting with the organisations' views side by side and
//! the forms its course allows (`show`), and those forms' steps (`steps`).

mod list;
mod show;
mod steps;

pub use list::{list, schedule};
pub use show::show;
pub use steps::{cancel, judge, view};

use eenplan_store::Family;
use jiff::civil::DateTime;

use crate::kit::form::Errors;
use crate::kit::{Lang, Refusal};

/// "2026-12-01 14:00".
/// "21 apr 2026 14:00": when a meeting is, as a person reads it.
fn when(lang: crate::kit::i18n::Lang, dt: DateTime) -> String {
    format!(
        "{} {:02}:{:02}",
        crate::kit::dates::dutch_date(lang, dt.date()),
        dt.hour(),
        dt.minute()
    )
}

fn running_organisations(family: &Family) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for i in family.involvements.iter().filter(|i| !i.ended) {
        if !out.iter().any(|(id, _)| *id == i.organisation_id) {
            out.push((i.organisation_id.clone(), i.organisation_name.clone()));
        }
    }
    out
}

/// A refusal on the page: at its field, or above the forms.
fn place(lang: Lang, e: &impl Refusal, errs: &mut Errors) {
    if let Some(top) = e.place(lang, errs) {
        errs.insert("form", top);
    }
}

/// The judgement form's rows: fixed names, so every field has its own id and error.
const ROWS: usize = 5;
pub(super) const WHAT: [&str; ROWS] = ["what_1", "what_2", "what_3", "what_4", "what_5"];
pub(super) const OWNER: [&str; ROWS] = ["owner_1", "owner_2", "owner_3", "owner_4", "owner_5"];
const DOMAIN: [&str; ROWS] = ["domain_1", "domain_2", "domain_3", "domain_4", "domain_5"];
pub(super) const DUE: [&str; ROWS] = ["due_1", "due_2", "due_3", "due_4", "due_5"];

/// The field of row `n` (1-based) in `names`.
pub(super) fn row_id(names: [&'static str; ROWS], n: usize) -> &'static str {
    names[n.clamp(1, ROWS) - 1]
}
