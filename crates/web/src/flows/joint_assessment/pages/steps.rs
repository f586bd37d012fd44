//! The meeting's forms: an organisation's view, the joint judgement and cancelling. On
//! success back to the meeting; on a refusal the meeting again with the error at its
//! field.

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::LifeDomain;
use eenplan_domain::joint_assessment::{Judgement, JudgementAction, MeetingError, Owner, View};
use eenplan_store::{StoreError, Tx};
use jiff::civil::Date;

use super::show::{Form, show_page};
use super::{DOMAIN, DUE, OWNER, ROWS, WHAT, place};
use crate::auth::family::FamilyCtx;
use crate::flows::joint_assessment::texts::joint_assessment;
use crate::kit::PageError;
use crate::kit::change::By;
use crate::kit::form::{Errors, FormData, text_errors};

/// Runs `write` when `form` came in without errors: then back to the meeting. A refusal
/// by the meeting's rules, or an error in the form, shows the meeting again with it.
async fn submit<T>(
    fam: &FamilyCtx,
    meeting_id: &str,
    (form, d, mut errs): (Form, &FormData, Errors),
    write: impl AsyncFnOnce(&mut Tx, &By<'_>) -> Result<T, StoreError>,
) -> Result<Response, PageError> {
    let p = fam.principal()?;
    if errs.is_empty() {
        match fam.change(p, write).await {
            Ok(_) => {
                let to = format!("/gezinnen/{}/beoordeling/{meeting_id}", fam.family_id());
                return Ok(Redirect::to(&to).into_response());
            }
            Err(StoreError::Meeting(e)) => place(fam.lang, &e, &mut errs),
            Err(e) => return Err(e.into()),
        }
    }
    show_page(fam, meeting_id, (form, d, &errs)).await
}

pub async fn view(
    fam: FamilyCtx,
    Path((_, meeting_id)): Path<(String, String)>,
    d: FormData,
) -> Result<Response, PageError> {
    let errs = text_errors(&d, fam.t(), &["worries", "strengths", "needs"]);
    let view = View {
        worries: d.raw("worries"),
        strengths: d.raw("strengths"),
        needs: d.raw("needs"),
    };
    let write = async |tx: &mut Tx, by: &By<'_>| {
        tx.record_view(&by.actor, by.family, &meeting_id, by.both(), &view)
            .await
    };
    submit(&fam, &meeting_id, (Form::View, &d, errs), write).await
}

/// A refusal of the judgement's `n`th action as the form says it: at the row it came
/// from (the domain counts the actions given, the form its rows, empty ones too).
fn at_row(e: StoreError, from_row: &[usize]) -> StoreError {
    let row = |n: usize| from_row[n - 1];
    match e {
        StoreError::Meeting(e) => StoreError::Meeting(match e {
            MeetingError::ActionWhatNeeded(n) => MeetingError::ActionWhatNeeded(row(n)),
            MeetingError::UnknownOwner(n) => MeetingError::UnknownOwner(row(n)),
            MeetingError::DueDateNeeded(n) => MeetingError::DueDateNeeded(row(n)),
            MeetingError::DueDateImplausible(n, range) => {
                MeetingError::DueDateImplausible(row(n), range)
            }
            other => other,
        }),
        e => e,
    }
}

pub async fn judge(
    fam: FamilyCtx,
    Path((_, meeting_id)): Path<(String, String)>,
    d: FormData,
) -> Result<Response, PageError> {
    let (t, x) = (fam.t(), joint_assessment(fam.lang));
    let typed: Vec<&'static str> = ["judgement_needs", "differences"]
        .into_iter()
        .chain(WHAT)
        .chain(DUE)
        .collect();
    let mut errs = text_errors(&d, t, &typed);
    // The rows filled in, with the row each action came from (for its errors).
    let mut actions = Vec::new();
    let mut from_row = Vec::new();
    for i in 0..ROWS {
        let (what, owner, due) = (d.get(WHAT[i]), d.get(OWNER[i]), d.get(DUE[i]));
        if what.is_empty() && owner.is_empty() && due.is_empty() {
            continue;
        }
        let owner = Owner::parse(&owner)
            .ok_or_else(|| errs.insert(OWNER[i], x.err_ja_action_owner))
            .ok();
        let domain = d
            .get(DOMAIN[i])
            .parse::<LifeDomain>()
            .map_err(|_| errs.insert(DOMAIN[i], t.err_choose))
            .ok();
        let due = match due.as_str() {
            "" => None,
            s => s
                .parse::<Date>()
                .map_err(|_| errs.insert(DUE[i], t.err_date))
                .ok(),
        };
        if let (Some(owner), Some(domain)) = (owner, domain) {
            actions.push(JudgementAction {
                domain,
                what,
                owner,
                due,
            });
            from_row.push(i + 1);
        }
    }
    let judgement = Judgement {
        needs: d.raw("judgement_needs"),
        differences: d.raw("differences"),
        actions,
    };
    let write = async |tx: &mut Tx, by: &By<'_>| {
        let (actor, user) = (&by.actor, by.user);
        tx.record_judgement(actor, by.family, &meeting_id, user, &judgement, by.today)
            .await
            .map_err(|e| at_row(e, &from_row))
    };
    submit(&fam, &meeting_id, (Form::Judgement, &d, errs), write).await
}

pub async fn cancel(
    fam: FamilyCtx,
    Path((_, meeting_id)): Path<(String, String)>,
    d: FormData,
) -> Result<Response, PageError> {
    let errs = text_errors(&d, fam.t(), &["cancel_reason"]);
    let reason = d.get("cancel_reason");
    let write = async |tx: &mut Tx, by: &By<'_>| {
        tx.cancel_meeting(
            &by.actor,
            by.family,
            &meeting_id,
            by.user,
            &reason,
            by.today,
        )
        .await
    };
    submit(&fam, &meeting_id, (Form::Cancel, &d, errs), write).await
}
