//! The hand-over form: one colleague and a reason per file whose regisseur leaves. The
//! administrator's deactivation page and the team lead's "Zonder regisseur" list both
//! show it (`templates/kit/handover_form.html`), and both check and run it the same way
//! here. Who may take over is the domain's `colleague_may_take_over` (the store's
//! `handover_candidates`).

use eenplan_domain::UserId;
use eenplan_domain::text::check_text;
use eenplan_store::{LedFile, Principal, Store, StoreError};

use crate::kit::form::{Choice, FormData};
use crate::kit::texts::Lang;

crate::texts! {
    /// The hand-over form's words.
    pub struct HandoverTexts, handover_texts {
        handover_to: "Overdragen aan",
            "Hand over to";
        handover_reason: "Reden van de overdracht",
            "Reason for the hand-over";
        choose: "Kies…",
            "Choose…";
        err_colleague: "Kies de collega die de regie overneemt.",
            "Choose the colleague who takes the lead.";
        err_reason: "Schrijf op waarom de regie wordt overgedragen.",
            "Write down why the lead is handed over.";
    }
}

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
    pub words: &'static HandoverTexts,
}

/// A refused hand-over: the typed form and the messages, for the one form it concerns.
pub struct Refused {
    pub family_id: String,
    pub to: String,
    pub reason: String,
    pub to_error: Option<&'static str>,
    pub reason_error: Option<&'static str>,
}

fn choices(colleagues: &[Principal], leaving: Option<&str>, chosen: &str) -> Vec<Choice> {
    colleagues
        .iter()
        .filter(|c| Some(c.user_id.as_str()) != leaving)
        .map(|c| Choice {
            value: c.user_id.to_string(),
            label: c.name.clone(),
            selected: c.user_id == chosen,
        })
        .collect()
}

pub fn form(
    lang: Lang,
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
        family_id: file.family_id.to_string(),
        label: file.label.clone(),
        was: file.regisseur_name.clone(),
        button,
        colleagues: choices(colleagues, Some(file.regisseur_user_id.as_str()), chosen),
        reason: refused.map(|r| r.reason.clone()).unwrap_or_default(),
        to_error: refused.and_then(|r| r.to_error),
        reason_error: refused.and_then(|r| r.reason_error),
        words: handover_texts(lang),
    }
}

/// The form id of the one form that hands over all of a person's files at once.
pub const ALL_FILES: &str = "alle";

/// The form that hands every file `files` holds to one colleague with one reason.
pub fn all_form(
    lang: Lang,
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
        colleagues: choices(colleagues, leaving, chosen),
        reason: refused.map(|r| r.reason.clone()).unwrap_or_default(),
        to_error: refused.and_then(|r| r.to_error),
        reason_error: refused.and_then(|r| r.reason_error),
        words: handover_texts(lang),
    }
}

/// The form as submitted for `form_id`: the colleague must be one of `colleagues` and
/// not the one leaving, the reason text the platform takes and not empty. `Err` is the
/// form back with its messages.
pub fn check(
    lang: Lang,
    form_id: &str,
    form: &FormData,
    leaving: &str,
    colleagues: &[Principal],
) -> Result<(UserId, String), Refused> {
    let words = handover_texts(lang);
    let to = form.get("to");
    let reason = form.raw("reason");
    let mut refused = Refused {
        family_id: form_id.to_owned(),
        to: to.clone(),
        reason: reason.clone(),
        to_error: None,
        reason_error: None,
    };
    if to == leaving || !colleagues.iter().any(|c| c.user_id == to) {
        refused.to_error = Some(words.err_colleague);
    }
    if let Err(problem) = check_text(crate::input::field_kind("reason"), &reason) {
        refused.reason_error = Some(crate::input::page_message(lang.texts(), problem));
    } else if reason.trim().is_empty() {
        refused.reason_error = Some(words.err_reason);
    }
    if refused.to_error.is_some() || refused.reason_error.is_some() {
        return Err(refused);
    }
    Ok((UserId::from(to), reason.trim().to_owned()))
}

/// The store refused the colleague after all (the circle's rules): the form back with
/// the message at the colleague.
pub fn colleague_refused(lang: Lang, form_id: &str, form: &FormData) -> Refused {
    Refused {
        family_id: form_id.to_owned(),
        to: form.get("to"),
        reason: form.raw("reason"),
        to_error: Some(handover_texts(lang).err_colleague),
        reason_error: None,
    }
}

/// Hands every one of `files` (all led by the leaving person, so of one organisation) to
/// the colleague the form names, in one transaction: all of them or, on a refusal, none
/// (the transaction is dropped, not committed). `Ok(Err)` is the form `form_id` back
/// with its messages.
pub async fn hand_over(
    store: &Store,
    actor: &eenplan_domain::journal::Actor,
    files: &[LedFile],
    (form_id, form): (&str, &FormData),
    lang: Lang,
) -> Result<Result<(), Refused>, StoreError> {
    let Some(first) = files.first() else {
        return Ok(Ok(()));
    };
    let mut tx = store.write().await?;
    let colleagues = tx.handover_candidates(&first.organisation_id).await?;
    let (to, reason) = match check(
        lang,
        form_id,
        form,
        first.regisseur_user_id.as_str(),
        &colleagues,
    ) {
        Ok(checked) => checked,
        Err(refused) => return Ok(Err(refused)),
    };
    match tx.hand_over_lead(actor, files, &to, &reason).await {
        Ok(()) => {}
        Err(StoreError::Involvement(_) | StoreError::ConsentNeeded(_) | StoreError::Invalid(_)) => {
            return Ok(Err(colleague_refused(lang, form_id, form)));
        }
        Err(e) => return Err(e),
    }
    tx.commit().await?;
    Ok(Ok(()))
}
