//! The meeting's forms: an organisation's view, the joint judgement and cancelling. On
//! success back to the meeting; on a refusal the meeting again with the error at its
//! field.

use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::LifeDomain;
use eenplan_domain::joint_assessment::{Judgement, JudgementAction, MeetingError, Owner, View};
use eenplan_store::StoreError;
use jiff::civil::Date;

use super::show::{Form, show_page};
use super::{DOMAIN, DUE, OWNER, ROWS, WHAT, place};
use crate::AppState;
use crate::auth::family::FamilyGrant;
use crate::flows::joint_assessment::ops;
use crate::flows::joint_assessment::texts::joint_assessment;
use crate::kit::form::{FormData, text_errors};
use crate::kit::{Ctx, PageError};

fn back(family_id: &str, meeting_id: &str) -> Response {
    Redirect::to(&format!("/gezinnen/{family_id}/beoordeling/{meeting_id}")).into_response()
}

pub async fn view(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, meeting_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, ctx.t(), &["worries", "strengths", "needs"]);
    let view = View {
        worries: d.raw("worries"),
        strengths: d.raw("strengths"),
        needs: d.raw("needs"),
    };
    if errs.is_empty() {
        let recorded =
            ops::record_view(&state.store, p, &grant.family_id, &meeting_id, &view).await;
        match recorded {
            Ok(_) => return Ok(back(grant.family_id.as_str(), &meeting_id)),
            Err(StoreError::Meeting(e)) => place(ctx.lang, &e, &mut errs),
            Err(e) => return Err(e.into()),
        }
    }
    show_page(&state, &ctx, (&grant, &meeting_id), (Form::View, &d, &errs)).await
}

pub async fn judge(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, meeting_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let (t, x) = (ctx.t(), joint_assessment(ctx.lang));
    let d = FormData::parse(&body);
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
    if errs.is_empty() {
        let judgement = Judgement {
            needs: d.raw("judgement_needs"),
            differences: d.raw("differences"),
            actions,
        };
        let judged = ops::judge(&state.store, p, &grant.family_id, &meeting_id, &judgement).await;
        match judged {
            Ok(_) => return Ok(back(grant.family_id.as_str(), &meeting_id)),
            Err(StoreError::Meeting(e)) => {
                // The domain counts the actions given; the form counts its rows.
                let e = match e {
                    MeetingError::ActionWhatNeeded(n) => {
                        MeetingError::ActionWhatNeeded(from_row[n - 1])
                    }
                    MeetingError::UnknownOwner(n) => MeetingError::UnknownOwner(from_row[n - 1]),
                    MeetingError::DueDateNeeded(n) => MeetingError::DueDateNeeded(from_row[n - 1]),
                    MeetingError::DueDateImplausible(n, range) => {
                        MeetingError::DueDateImplausible(from_row[n - 1], range)
                    }
                    other => other,
                };
                place(ctx.lang, &e, &mut errs);
            }
            Err(e) => return Err(e.into()),
        }
    }
    show_page(
        &state,
        &ctx,
        (&grant, &meeting_id),
        (Form::Judgement, &d, &errs),
    )
    .await
}

pub async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Extension(grant): Extension<FamilyGrant>,
    Path((_, meeting_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let d = FormData::parse(&body);
    let mut errs = text_errors(&d, ctx.t(), &["cancel_reason"]);
    if errs.is_empty() {
        let reason = d.get("cancel_reason");
        let cancelled = ops::cancel(&state.store, p, &grant.family_id, &meeting_id, &reason).await;
        match cancelled {
            Ok(()) => return Ok(back(grant.family_id.as_str(), &meeting_id)),
            Err(StoreError::Meeting(e)) => place(ctx.lang, &e, &mut errs),
            Err(e) => return Err(e.into()),
        }
    }
    show_page(
        &state,
        &ctx,
        (&grant, &meeting_id),
        (Form::Cancel, &d, &errs),
    )
    .await
}
