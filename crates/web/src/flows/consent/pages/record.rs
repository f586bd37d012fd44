//! What the lead changes on the consent page: recording a consent, withdrawing one, and
//! changing the framework. A refusal comes back at its field, with the page.

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::OrganisationId;
use eenplan_domain::family::{ConsentForm, ConsentStep, DataCategory, Framework};
use eenplan_store::{ConsentInput, FrameworkInput, StoreError};

use super::show::{Returned, WITHDRAWN_MEANWHILE, consent_page};
use crate::AppState;
use crate::auth::family::FamilyGrant;
use crate::flows::consent::refusal::consent_message;
use crate::flows::consent::texts::consent as texts;
use crate::kit::dates::today;
use crate::kit::form::{Errors, FormData, optional_date, text_errors};
use crate::kit::i18n::Texts;
use crate::kit::{Ctx, PageError, Refusal};

/// The consent as the form submitted it; field errors for what does not parse.
fn consent_input(data: &FormData, t: &Texts, errs: &mut Errors) -> Option<ConsentInput> {
    let step = data.get("step").parse::<ConsentStep>().ok();
    if step.is_none() {
        errs.insert("step", t.err_choose);
    }
    let form = data
        .get("form")
        .parse::<ConsentForm>()
        .unwrap_or(ConsentForm::Spoken);
    let categories: Vec<DataCategory> = data
        .all("categories")
        .iter()
        .filter_map(|c| c.parse().ok())
        .collect();
    let given_on = optional_date(data, "given_on", t, errs);
    if data.get("given_on").is_empty() {
        errs.insert("given_on", t.err_required);
    }
    let ends_on = optional_date(data, "ends_on", t, errs);
    let organisation = Some(data.get("organisation"))
        .filter(|o| !o.is_empty())
        .map(OrganisationId::from);
    Some(ConsentInput {
        step: step?,
        organisation_id: organisation,
        purpose: data.get("purpose"),
        categories,
        children: data.all("children"),
        given_by: data.all("given_by"),
        form,
        given_on: given_on?,
        ends_on,
    })
}

pub async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Result<Response, PageError> {
    let (p, t) = (ctx.principal()?, ctx.t());
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["purpose", "given_on", "ends_on"]);
    let mut message = None;
    if let Some(input) = consent_input(&data, t, &mut errs).filter(|_| errs.is_empty()) {
        let recorded = state
            .store
            .change(async |tx| {
                tx.record_consent(&p.actor(), &grant.family_id, &p.user_id, &input, today())
                    .await
            })
            .await;
        match recorded {
            Ok(_) => {
                return Ok(
                    Redirect::to(&format!("/gezinnen/{}/toestemming", grant.family_id))
                        .into_response(),
                );
            }
            Err(StoreError::Consent(e)) => {
                e.place(ctx.lang, &mut errs);
                message = consent_message(&e, ctx.lang);
            }
            Err(StoreError::NotFound(_)) => {
                errs.insert("organisation", t.err_choose);
            }
            Err(e) => return Err(e.into()),
        }
    }
    consent_page(
        &state,
        &ctx,
        &grant.family_id,
        Some(Returned::new("consent", data, errs, message)),
    )
    .await
}

pub async fn withdraw(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, consent_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, PageError> {
    let (p, t) = (ctx.principal()?, ctx.t());
    let mut data = FormData::parse(&body);
    // Which consent's reason this is, so the page puts it back in that row.
    data.0.push(("consent".to_owned(), consent_id.clone()));
    let reason = data.get("reason");
    let mut errs = text_errors(&data, t, &["reason"]);
    let mut form = "withdraw";
    let mut message = None;
    if reason.is_empty() {
        errs.entry("reason").or_insert(t.err_required);
    }
    if errs.is_empty() {
        let withdrawn = state
            .store
            .change(async |tx| {
                tx.withdraw_consent(
                    &p.actor(),
                    &grant.family_id,
                    &consent_id,
                    &p.user_id,
                    &reason,
                )
                .await
            })
            .await;
        match withdrawn {
            Ok(()) => {
                return Ok(
                    Redirect::to(&format!("/gezinnen/{}/toestemming", grant.family_id))
                        .into_response(),
                );
            }
            Err(StoreError::NotFound(_)) => {
                // Withdrawn by someone else in between, or no such consent at all.
                let known = async {
                    let mut tx = state.store.read().await?;
                    let consents = tx.consents(&grant.family_id).await?;
                    Ok::<_, StoreError>(consents.iter().any(|c| c.id == consent_id))
                };
                if !known.await? {
                    return Err(PageError::not_found());
                }
                form = WITHDRAWN_MEANWHILE;
                message = Some(texts(ctx.lang).err_withdrawn_meanwhile.to_owned());
            }
            Err(StoreError::Invalid(_)) => {
                errs.insert("reason", t.err_required);
            }
            Err(e) => return Err(e.into()),
        }
    }
    if !errs.is_empty() {
        message = Some(t.admin_fix.to_owned());
    }
    consent_page(
        &state,
        &ctx,
        &grant.family_id,
        Some(Returned::new(form, data, errs, message)),
    )
    .await
}

pub async fn framework(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    body: Bytes,
) -> Result<Response, PageError> {
    let (p, t) = (ctx.principal()?, ctx.t());
    let data = FormData::parse(&body);
    let mut errs = text_errors(&data, t, &["ground", "effective_on"]);
    let framework = data.get("framework").parse::<Framework>().ok();
    if framework.is_none() {
        errs.insert("framework", t.err_choose);
    }
    let effective_on = optional_date(&data, "effective_on", t, &mut errs);
    if data.get("effective_on").is_empty() {
        errs.entry("effective_on").or_insert(t.err_required);
    }
    if let (Some(framework), Some(effective_on), true) = (framework, effective_on, errs.is_empty())
    {
        let organisation = Some(data.get("basis_organisation"))
            .filter(|o| !o.is_empty())
            .map(OrganisationId::from);
        let changed = state
            .store
            .change(async |tx| {
                tx.change_framework(
                    &p.actor(),
                    &grant.family_id,
                    &FrameworkInput {
                        framework,
                        organisation_id: organisation.clone(),
                        ground: data.get("ground"),
                        effective_on,
                    },
                    today(),
                )
                .await
            })
            .await;
        match changed {
            Ok(()) => {
                return Ok(Redirect::to(&format!("/gezinnen/{}", grant.family_id)).into_response());
            }
            Err(StoreError::Framework(e)) => {
                e.place(ctx.lang, &mut errs);
            }
            Err(StoreError::NotFound(_)) => {
                errs.insert("basis_organisation", t.err_choose);
            }
            Err(e) => return Err(e.into()),
        }
    }
    consent_page(
        &state,
        &ctx,
        &grant.family_id,
        Some(Returned::new("framework", data, errs, None)),
    )
    .await
}
