//! What the lead changes on the consent page: recording a consent, withdrawing one, and
//! changing the framework. A refusal comes back at its field, with the page.

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::OrganisationId;
use eenplan_domain::family::{ConsentForm, ConsentStep, DataCategory, Framework};
use eenplan_store::{ConsentInput, FrameworkInput, StoreError};

use super::show::{Returned, WITHDRAWN_MEANWHILE, consent_page};
use crate::auth::family::FamilyCtx;
use crate::flows::consent::change;
use crate::flows::consent::refusal::consent_message;
use crate::flows::consent::texts::consent as texts;
use crate::kit::form::{Errors, FormData, optional_date, text_errors};
use crate::kit::i18n::Texts;
use crate::kit::{PageError, Refusal};

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
    Some(ConsentInput {
        step: step?,
        organisation_id: organisation(data, "organisation"),
        purpose: data.get("purpose"),
        categories,
        children: data.all("children"),
        given_by: data.all("given_by"),
        form,
        given_on: given_on?,
        ends_on,
    })
}

/// The organisation the form's field `field` names, if any.
fn organisation(data: &FormData, field: &str) -> Option<OrganisationId> {
    Some(data.get(field))
        .filter(|o| !o.is_empty())
        .map(OrganisationId::from)
}

/// Done: back to the consent page, which shows the change.
fn to_consents(fam: &FamilyCtx) -> Result<Response, PageError> {
    let path = format!("/gezinnen/{}/toestemming", fam.family_id());
    Ok(Redirect::to(&path).into_response())
}

pub async fn record(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let (p, t) = (fam.principal()?, fam.t());
    let mut errs = text_errors(&data, t, &["purpose", "given_on", "ends_on"]);
    let mut message = None;
    if let Some(input) = consent_input(&data, t, &mut errs).filter(|_| errs.is_empty()) {
        match change::record(&fam, p, &input).await {
            Ok(_) => return to_consents(&fam),
            Err(StoreError::Consent(e)) => {
                e.place(fam.lang, &mut errs);
                message = consent_message(&e, fam.lang);
            }
            Err(StoreError::NotFound(_)) => {
                errs.insert("organisation", t.err_choose);
            }
            Err(e) => return Err(e.into()),
        }
    }
    consent_page(&fam, Some(Returned::new("consent", data, errs, message))).await
}

pub async fn withdraw(
    fam: FamilyCtx,
    Path((_, consent_id)): Path<(String, String)>,
    mut data: FormData,
) -> Result<Response, PageError> {
    let (p, t) = (fam.principal()?, fam.t());
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
        match change::withdraw(&fam, p, &consent_id, &reason).await {
            Ok(()) => return to_consents(&fam),
            Err(StoreError::NotFound(_)) => {
                // Withdrawn by someone else in between, or no such consent at all.
                let known = async {
                    let mut tx = fam.store().read().await?;
                    let consents = tx.consents(fam.family_id()).await?;
                    Ok::<_, StoreError>(consents.iter().any(|c| c.id == consent_id))
                };
                if !known.await? {
                    return Err(PageError::not_found());
                }
                form = WITHDRAWN_MEANWHILE;
                message = Some(texts(fam.lang).err_withdrawn_meanwhile.to_owned());
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
    consent_page(&fam, Some(Returned::new(form, data, errs, message))).await
}

pub async fn framework(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let (p, t) = (fam.principal()?, fam.t());
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
        let change = FrameworkInput {
            framework,
            organisation_id: organisation(&data, "basis_organisation"),
            ground: data.get("ground"),
            effective_on,
        };
        let changed = change::framework(&fam, p, &change).await;
        match changed {
            Ok(()) => {
                return Ok(Redirect::to(&format!("/gezinnen/{}", fam.family_id())).into_response());
            }
            Err(StoreError::Framework(e)) => {
                e.place(fam.lang, &mut errs);
            }
            Err(StoreError::NotFound(_)) => {
                errs.insert("basis_organisation", t.err_choose);
            }
            Err(e) => return Err(e.into()),
        }
    }
    consent_page(&fam, Some(Returned::new("framework", data, errs, None))).await
}
