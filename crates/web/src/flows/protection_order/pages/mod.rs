//! The protection order request in the browser: on the family's side the request form
//! and how each request stands (`family`); on the Raad's side the work list and one
//! request with the step its course allows next (`raad`).

mod family;
mod raad;

pub use family::{family, request};
pub use raad::{decision, investigation, list, outcome, show};

use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::protection_order::{Measure, RequestState};
use eenplan_store::{ProtectionOrderRequest, StoreError, Tx};
use jiff::civil::Date;

use super::texts::PoTexts;
use crate::kit::form::{Choice, ChoiceField, Errors, FormData, Input, choices, label_of};
use crate::kit::i18n::Texts;
use crate::kit::{Lang, Refusal};

/// A request in words: the facts that are known so far, in order.
pub(super) struct Summary {
    pub(super) id: String,
    pub(super) family: String,
    pub(super) requested_on: String,
    pub(super) children: String,
    pub(super) requested_by: String,
    pub(super) state: String,
    pub(super) facts: Vec<(&'static str, String)>,
    pub(super) grounds: String,
    pub(super) tried: String,
}

pub(super) fn summary(lang: Lang, x: &'static PoTexts, r: &ProtectionOrderRequest) -> Summary {
    let measure = |m: Measure| label_of(lang, m, Measure::label_nl, Measure::label_en);
    let mut facts: Vec<(&'static str, String)> = Vec::new();
    if let Some(d) = r.investigation_on {
        facts.push((x.po_investigation_on, d.to_string()));
    }
    if let Some(d) = r.concluded_on {
        facts.push((x.po_concluded_on, d.to_string()));
    }
    if let Some(reason) = &r.no_measure_reason {
        facts.push((x.po_no_measure_reason, reason.clone()));
    }
    if let Some(m) = r.petitioned_measure {
        facts.push((x.po_petitioned, measure(m)));
    }
    if let Some(d) = r.decided_on {
        facts.push((x.po_decided_on, d.to_string()));
    }
    if let Some(m) = r.granted_measure {
        facts.push((x.po_granted, measure(m)));
    }
    if let Some(d) = r.ends_on {
        facts.push((x.po_ends_on, d.to_string()));
    }
    if let Some(name) = &r.institution_name {
        facts.push((x.po_institution, name.clone()));
    }
    Summary {
        id: r.id.clone(),
        family: r.family_label.clone(),
        requested_on: r.requested_on.to_string(),
        children: r
            .children
            .iter()
            .map(|c| crate::kit::dates::with_birth(lang, &c.name, c.date_of_birth))
            .collect::<Vec<_>>()
            .join(", "),
        requested_by: format!(
            "{}, {} ({})",
            r.requested_by_name, r.requesting_organisation_name, r.requested_by_email
        ),
        state: label_of(
            lang,
            r.state,
            RequestState::label_nl,
            RequestState::label_en,
        ),
        facts,
        grounds: r.grounds.clone(),
        tried: r.tried.clone(),
    }
}

/// A refusal on the page: at its field (the form calls the Raad `rvdk`), or above the
/// form for a step the request's course does not allow now.
pub(super) fn place(lang: Lang, e: &impl Refusal, errs: &mut Errors) {
    let field = match e.field() {
        Some("rvdk_organisation_id") => "rvdk",
        Some(field) => field,
        None => "form",
    };
    errs.insert(field, e.text(lang));
}

pub(super) fn measure_choices(lang: Lang, selected: &str) -> Vec<Choice> {
    choices(
        Measure::ALL,
        |m| m.code().into(),
        |m| label_of(lang, *m, Measure::label_nl, Measure::label_en),
        selected,
    )
}

/// The organisations of `kind` to choose from, the one `selected` chosen.
pub(super) async fn organisations(
    tx: &mut Tx,
    kind: OrganisationKind,
    selected: &str,
) -> Result<Vec<Choice>, StoreError> {
    let all = tx.organisations().await?;
    let of_kind = all.into_iter().filter(|o| o.kind == kind);
    Ok(of_kind
        .map(|o| Choice {
            selected: o.id.as_str() == selected,
            value: o.id.into_string(),
            label: o.name,
        })
        .collect())
}

/// A choice between two values, the first unless the second was sent.
pub(super) fn either(
    (id, label): (&'static str, &'static str),
    d: &FormData,
    options: [(&str, &str); 2],
    error: Option<&'static str>,
) -> Input {
    let second = d.get(id) == options[1].0;
    Input::Select(ChoiceField {
        id,
        label,
        options: options
            .into_iter()
            .zip([!second, second])
            .map(|((value, label), selected)| Choice {
                value: value.into(),
                label: label.into(),
                selected,
            })
            .collect(),
        error,
    })
}

/// A required date field: empty or malformed is an error at the field.
pub(super) fn required_date(
    d: &FormData,
    field: &'static str,
    t: &'static Texts,
    errs: &mut Errors,
) -> Option<Date> {
    match d.get(field) {
        s if s.is_empty() => {
            errs.insert(field, t.err_required);
            None
        }
        s => s
            .parse::<Date>()
            .map_err(|_| errs.insert(field, t.err_date))
            .ok(),
    }
}
