//! The family's side: the request form (lead work) and how each request stands.

use askama::Template;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::MemberKind;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_store::{ProtectionOrderInput, StoreError};

use super::{Summary, organisations, place, summary};
use crate::auth::family::FamilyCtx;
use crate::auth::family_nav::{SubNav, sub_nav};
use crate::flows::protection_order::ops;
use crate::flows::protection_order::refusal::InStep;
use crate::flows::protection_order::texts::{PoTexts, protection_order};
use crate::kit::form::{Choice, ChoiceField, Errors, FormData, Input, TextField, text_errors};
use crate::kit::listing::Listing;
use crate::kit::summary::ErrorSummary;
use crate::kit::{PageError, Shell, render};

#[derive(Template)]
#[template(path = "protection_order/family.html")]
struct FamilyPage {
    shell: Shell,
    x: &'static PoTexts,
    /// The requests, and the form unless one is open.
    list: Listing<Summary>,
    nav: SubNav,
    summary: ErrorSummary,
}

async fn family_page(fam: &FamilyCtx, d: &FormData, errs: &Errors) -> Result<Response, PageError> {
    let lang = fam.lang;
    let x = protection_order(lang);
    let mut tx = fam.store().read().await?;
    let family = tx
        .family(fam.family_id())
        .await?
        .ok_or_else(PageError::not_found)?;
    let requests = tx.protection_order_requests(fam.family_id()).await?;
    let raden = organisations(&mut tx, OrganisationKind::Rvdk, &d.get("rvdk")).await?;
    drop(tx);
    let err = |id: &str| errs.get(id).copied();
    let open = requests.iter().any(|r| r.state.open());
    let chosen = d.all("children");
    let inputs = (!open).then(|| {
        vec![
            Input::Select(ChoiceField {
                id: "rvdk",
                label: x.po_raad,
                options: raden,
                error: err("rvdk"),
            }),
            Input::Checks(ChoiceField {
                id: "children",
                label: x.po_children,
                options: family
                    .members
                    .iter()
                    .filter(|m| !m.ended && m.kind == MemberKind::Child)
                    .map(|m| Choice {
                        selected: chosen.contains(&m.id),
                        value: m.id.clone(),
                        label: crate::kit::dates::with_birth(lang, &m.name, m.date_of_birth),
                    })
                    .collect(),
                error: err("children"),
            }),
            Input::Text(
                TextField::new("grounds", x.po_grounds, &d.raw("grounds"), err("grounds"))
                    .kind("textarea"),
            ),
            Input::Text(
                TextField::new("tried", x.po_tried, &d.raw("tried"), err("tried")).kind("textarea"),
            ),
        ]
    });
    let lines = requests.iter().map(|r| summary(lang, x, r)).collect();
    let nav = sub_nav(fam, "/verzoek-raad", &family.label);
    let list = Listing::new(&family, lines, inputs, errs);
    let shell = fam.shell(&format!("/gezinnen/{}/verzoek-raad", list.family_id));
    let inputs = list.inputs.as_deref().unwrap_or_default();
    let summary = ErrorSummary::of_inputs(lang, inputs).or_refused(list.has_errors, inputs);
    Ok(render(
        list.status(),
        &FamilyPage {
            shell,
            x,
            list,
            nav,
            summary,
        },
    ))
}

pub async fn family(fam: FamilyCtx) -> Result<Response, PageError> {
    family_page(&fam, &FormData(vec![]), &Errors::new()).await
}

pub async fn request(fam: FamilyCtx, d: FormData) -> Result<Response, PageError> {
    let p = fam.principal()?;
    let (lang, t) = (fam.lang, fam.t());
    let mut errs = text_errors(&d, t, &["grounds", "tried"]);
    let input = ProtectionOrderInput {
        rvdk_organisation_id: d.get("rvdk").into(),
        children: d.all("children"),
        grounds: d.raw("grounds"),
        tried: d.raw("tried"),
    };
    if errs.is_empty() {
        match ops::request(&fam, p, &input).await {
            Ok(_) => {
                let to = format!("/gezinnen/{}/verzoek-raad", fam.family_id());
                return Ok(Redirect::to(&to).into_response());
            }
            // The family's request has no date of its own: a date rule is said above it.
            Err(StoreError::ProtectionOrder(e)) => place(lang, &InStep(&e, "form"), &mut errs),
            Err(StoreError::NotFound(_)) => {
                errs.insert("rvdk", protection_order(lang).err_po_raad);
            }
            Err(e) => return Err(e.into()),
        }
    }
    family_page(&fam, &d, &errs).await
}
