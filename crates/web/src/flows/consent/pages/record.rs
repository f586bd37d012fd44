//! What the lead changes on the consent page: recording a consent, withdrawing one, and
//! changing the framework. A refusal comes back at its field, with the page.

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::OrganisationId;
use eenplan_domain::family::{ConsentForm, ConsentStep, DataCategory, Framework};
use eenplan_store::{ConsentInput, FrameworkInput, StoreError};

use super::show::{ConsentForms, WITHDRAWN_MEANWHILE, consent_page};
use crate::auth::family::FamilyCtx;
use crate::flows::consent::change;
use crate::flows::consent::refusal::consent_message;
use crate::flows::consent::texts::consent as texts;
use crate::kit::form::{Errors, FormData, chosen, optional_date};
use crate::kit::i18n::Texts;
use crate::kit::{PageError, Refusal};

/// The consent as the form submitted it; field errors for what does not parse.
fn consent_input(data: &FormData, t: &Texts, errs: &mut Errors) -> Option<ConsentInput> {
    let step = chosen::<ConsentStep>(data, "step", t, errs);
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
    let fields = ["purpose", "given_on", "ends_on"];
    let mut forms = ConsentForms::sent("consent", data, t, &fields);
    let input = consent_input(&forms.data, t, &mut forms.errs);
    if let Some(input) = input.filter(|_| !forms.has_errors()) {
        match change::record(&fam, p, &input).await {
            Ok(_) => return to_consents(&fam),
            Err(StoreError::Consent(e)) => {
                e.place(fam.lang, &mut forms.errs);
                forms.problem = consent_message(&e, fam.lang);
            }
            Err(StoreError::NotFound(_)) => {
                forms.errs.insert("organisation", t.err_choose);
            }
            Err(e) => return Err(e.into()),
        }
    }
    consent_page(&fam, forms).await
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
    let mut forms = ConsentForms::sent("withdraw", data, t, &["reason"]);
    if reason.is_empty() {
        forms.errs.entry("reason").or_insert(t.err_required);
    }
    if !forms.has_errors() {
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
                forms = forms.filed_as(WITHDRAWN_MEANWHILE);
                forms.problem = Some(texts(fam.lang).err_withdrawn_meanwhile.to_owned());
            }
            Err(StoreError::Invalid(_)) => {
                forms.errs.insert("reason", t.err_required);
            }
            Err(e) => return Err(e.into()),
        }
    }
    if forms.has_errors() {
        forms.problem = Some(t.admin_fix.to_owned());
    }
    consent_page(&fam, forms).await
}

pub async fn framework(fam: FamilyCtx, data: FormData) -> Result<Response, PageError> {
    let (p, t) = (fam.principal()?, fam.t());
    let mut forms = ConsentForms::sent("framework", data, t, &["ground", "effective_on"]);
    let (data, errs) = (&forms.data, &mut forms.errs);
    let framework = chosen::<Framework>(data, "framework", t, errs);
    let effective_on = optional_date(data, "effective_on", t, errs);
    if data.get("effective_on").is_empty() {
        errs.entry("effective_on").or_insert(t.err_required);
    }
    if let (Some(framework), Some(effective_on), true) = (framework, effective_on, errs.is_empty())
    {
        let change = FrameworkInput {
            framework,
            organisation_id: organisation(data, "basis_organisation"),
            ground: data.get("ground"),
            effective_on,
        };
        let changed = change::framework(&fam, p, &change).await;
        match changed {
            Ok(()) => {
                return Ok(Redirect::to(&format!("/gezinnen/{}", fam.family_id())).into_response());
            }
            Err(StoreError::Framework(e)) => {
                e.place(fam.lang, errs);
            }
            Err(StoreError::NotFound(_)) => {
                errs.insert("basis_organisation", t.err_choose);
            }
            Err(e) => return Err(e.into()),
        }
    }
    consent_page(&fam, forms).await
}
