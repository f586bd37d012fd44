//! Handing a file's lead to a colleague when its regisseur leaves: from the
//! administrator's deactivation page and from the team lead's "Zonder regisseur" list.
//! Both go through the store's handover (journaled as a `handover` event with its
//! reason); who may take over is the domain's `colleague_may_take_over`.

use eenplan_domain::family::InvolvementRole;
use eenplan_domain::family::involvement::colleague_may_take_over;
use eenplan_store::{LedFile, NewInvolvement, Principal, StoreError, Tx};

use eenplan_domain::text::check_text;

use super::form::{Choice, FormData};
use crate::AppState;
use crate::account_texts::AccountTexts;

/// One hand-over form: one per file, each with its own fields and messages.
pub struct HandoverForm {
    pub action: String,
    pub family_id: String,
    pub label: String,
    /// The regisseur who left (on the team lead's list).
    pub was: String,
    pub button: &'static str,
    pub colleagues: Vec<Choice>,
    pub reason: String,
    pub to_error: Option<&'static str>,
    pub reason_error: Option<&'static str>,
}

/// A refused hand-over: the typed form and the messages, for the one form it concerns.
pub struct Refused {
    pub family_id: String,
    pub to: String,
    pub reason: String,
    pub to_error: Option<&'static str>,
    pub reason_error: Option<&'static str>,
}

/// Active colleagues of `organisation_id` who may lead, by name.
pub async fn candidates(tx: &mut Tx, organisation_id: &str) -> Result<Vec<Principal>, StoreError> {
    Ok(tx
        .principals_of(organisation_id)
        .await?
        .into_iter()
        .filter(|p| {
            p.active
                && colleague_may_take_over(
                    organisation_id,
                    &p.organisation_id,
                    &p.roles,
                    p.organisation_kind,
                )
        })
        .collect())
}

pub fn form(
    file: &LedFile,
    action: String,
    button: &'static str,
    colleagues: &[Principal],
    refused: Option<&Refused>,
) -> HandoverForm {
    let refused = refused.filter(|r| r.family_id == file.family_id);
    let chosen = refused.map(|r| r.to.as_str()).unwrap_or_default();
    HandoverForm {
        action,
        family_id: file.family_id.clone(),
        label: file.label.clone(),
        was: file.regisseur_name.clone(),
        button,
        colleagues: colleagues
            .iter()
            .filter(|c| c.user_id != file.regisseur_user_id)
            .map(|c| Choice {
                value: c.user_id.clone(),
                label: c.name.clone(),
                selected: c.user_id == chosen,
            })
            .collect(),
        reason: refused.map(|r| r.reason.clone()).unwrap_or_default(),
        to_error: refused.and_then(|r| r.to_error),
        reason_error: refused.and_then(|r| r.reason_error),
    }
}

/// The form id of the one form that hands over all of a person's files at once.
pub const ALL_FILES: &str = "alle";

/// The form that hands every file `files` holds to one colleague with one reason.
pub fn all_form(
    files: &[LedFile],
    action: String,
    (button, label): (&'static str, String),
    colleagues: &[Principal],
    refused: Option<&Refused>,
) -> HandoverForm {
    let refused = refused.filter(|r| r.family_id == ALL_FILES);
    let leaving = files.first().map(|f| f.regisseur_user_id.as_str());
    let chosen = refused.map(|r| r.to.as_str()).unwrap_or_default();
    HandoverForm {
        action,
        family_id: ALL_FILES.to_owned(),
        label,
        was: String::new(),
        button,
        colleagues: colleagues
            .iter()
            .filter(|c| Some(c.user_id.as_str()) != leaving)
            .map(|c| Choice {
                value: c.user_id.clone(),
                label: c.name.clone(),
                selected: c.user_id == chosen,
            })
            .collect(),
        reason: refused.map(|r| r.reason.clone()).unwrap_or_default(),
        to_error: refused.and_then(|r| r.to_error),
        reason_error: refused.and_then(|r| r.reason_error),
    }
}

/// Hands `file` over to the colleague named in the form, with its reason. `Ok(Err)` is
/// a refusal to show at the form; the store's own errors stay errors.
pub async fn hand_over(
    state: &AppState,
    actor: &eenplan_domain::journal::Actor,
    file: &LedFile,
    form: &FormData,
    texts: (&'static crate::i18n::Texts, &'static AccountTexts),
) -> Result<Result<(), Refused>, StoreError> {
    let id = file.family_id.clone();
    hand_over_files(state, actor, std::slice::from_ref(file), &id, form, texts).await
}

/// Hands every one of `files` (all led by the same person, so of one organisation) to the
/// colleague named in the form with its reason, in one transaction: all of them or, on a
/// refusal, none. `form_id` names the form a refusal is shown at.
pub async fn hand_over_files(
    state: &AppState,
    actor: &eenplan_domain::journal::Actor,
    files: &[LedFile],
    form_id: &str,
    form: &FormData,
    (t, a): (&'static crate::i18n::Texts, &'static AccountTexts),
) -> Result<Result<(), Refused>, StoreError> {
    let to = form.get("to");
    let reason = form.raw("reason");
    let mut refused = Refused {
        family_id: form_id.to_owned(),
        to: to.clone(),
        reason: reason.clone(),
        to_error: None,
        reason_error: None,
    };
    let Some(first) = files.first() else {
        return Ok(Ok(()));
    };
    let mut tx = state.store.write().await?;
    let colleagues = candidates(&mut tx, &first.organisation_id).await?;
    if to == first.regisseur_user_id || !colleagues.iter().any(|c| c.user_id == to) {
        refused.to_error = Some(a.err_colleague);
    }
    if let Err(problem) = check_text(crate::input::field_kind("reason"), &reason) {
        refused.reason_error = Some(crate::input::page_message(t, problem));
    } else if reason.trim().is_empty() {
        refused.reason_error = Some(a.err_reason);
    }
    if refused.to_error.is_some() || refused.reason_error.is_some() {
        return Ok(Err(refused));
    }
    for file in files {
        let added = tx
            .add_involvement(
                actor,
                &file.family_id,
                NewInvolvement {
                    role: InvolvementRole::Regisseur,
                    organisation_id: file.organisation_id.clone(),
                    user_id: to.clone(),
                    expertise: None,
                    takes_over: Some(file.involvement_id.clone()),
                    reason: Some(reason.trim().to_owned()),
                },
            )
            .await;
        match added {
            Ok(_) => {}
            // Dropping the transaction undoes the files handed over before this one.
            Err(
                StoreError::Involvement(_) | StoreError::ConsentNeeded(_) | StoreError::Invalid(_),
            ) => {
                refused.to_error = Some(a.err_colleague);
                return Ok(Err(refused));
            }
            Err(e) => return Err(e),
        }
    }
    tx.commit().await?;
    Ok(Ok(()))
}
