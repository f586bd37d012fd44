//! The family's side: the request form (lead work) and how each request stands.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Extension, State};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::MemberKind;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_store::{ProtectionOrderInput, StoreError};

use super::{Summary, place, summary};
use crate::AppState;
use crate::auth::family::FamilyGrant;
use crate::flows::protection_order::ops;
use crate::flows::protection_order::refusal::InStep;
use crate::flows::protection_order::texts::{PoTexts, protection_order};
use crate::kit::form::{Choice, ChoiceField, Errors, FormData, Input, TextField, text_errors};
use crate::kit::form_status;
use crate::kit::{Ctx, PageError, Shell, render};

#[derive(Template)]
#[template(path = "protection_order/family.html")]
struct FamilyPage {
    shell: Shell,
    x: &'static PoTexts,
    family_id: String,
    family_label: String,
    requests: Vec<Summary>,
    /// The form, unless a request is open.
    inputs: Option<Vec<Input>>,
    form_error: Option<&'static str>,
    has_errors: bool,
}

async fn family_page(
    state: &AppState,
    ctx: &Ctx,
    grant: &FamilyGrant,
    d: &FormData,
    errs: &Errors,
) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let x = protection_order(lang);
    let mut tx = state.store.read().await?;
    let family = tx
        .family(&grant.family_id)
        .await?
        .ok_or_else(PageError::not_found)?;
    let requests = tx.protection_order_requests(&grant.family_id).await?;
    let raden: Vec<(String, String)> = tx
        .organisations()
        .await?
        .into_iter()
        .filter(|o| o.kind == OrganisationKind::Rvdk)
        .map(|o| (o.id.into_string(), o.name))
        .collect();
    drop(tx);
    let err = |id: &str| errs.get(id).copied();
    let open = requests.iter().any(|r| r.state.open());
    let chosen = d.all("children");
    let inputs = (!open).then(|| {
        vec![
            Input::Select(ChoiceField {
                id: "rvdk",
                label: x.po_raad,
                options: raden
                    .iter()
                    .map(|(id, name)| Choice {
                        selected: d.get("rvdk") == *id,
                        value: id.clone(),
                        label: name.clone(),
                    })
                    .collect(),
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
                        label: match m.date_of_birth {
                            Some(dob) => format!("{} ({dob})", m.name),
                            None => m.name.clone(),
                        },
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
    Ok(render(
        form_status(errs.is_empty()),
        &FamilyPage {
            shell: ctx.shell(&format!("/gezinnen/{}/verzoek-raad", grant.family_id)),
            x,
            family_id: grant.family_id.to_string(),
            family_label: family.label.clone(),
            requests: requests.iter().map(|r| summary(lang, x, r)).collect(),
            inputs,
            form_error: err("form"),
            has_errors: !errs.is_empty(),
        },
    ))
}

pub async fn family(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
) -> Result<Response, PageError> {
    family_page(&state, &ctx, &grant, &FormData(vec![]), &Errors::new()).await
}

pub async fn request(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let (lang, t) = (ctx.lang, ctx.t());
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, t, &["grounds", "tried"]);
    let input = ProtectionOrderInput {
        rvdk_organisation_id: d.get("rvdk").into(),
        children: d.all("children"),
        grounds: d.raw("grounds"),
        tried: d.raw("tried"),
    };
    if errs.is_empty() {
        let made = ops::request(&state.store, p, &grant.family_id, &input).await;
        match made {
            Ok(_) => {
                return Ok(
                    Redirect::to(&format!("/gezinnen/{}/verzoek-raad", grant.family_id))
                        .into_response(),
                );
            }
            // The family's request has no date of its own: a date rule is said above it.
            Err(StoreError::ProtectionOrder(e)) => place(lang, &InStep(&e, "form"), &mut errs),
            Err(StoreError::NotFound(_)) => {
                errs.insert("rvdk", protection_order(lang).err_po_raad);
            }
            Err(e) => return Err(e.into()),
        }
    }
    family_page(&state, &ctx, &grant, &d, &errs).await
}
