//! Withdrawing a consent through the family's door (issue 17 §3): a confirm page with
//! the consent and what withdrawing does, an optional reason, then the withdrawal as the
//! member's own act, in force at once (`Tx::withdraw_consent_as_member`: the partner's
//! access ends in the same transaction, the regisseur is told). Whether this member may
//! is the domain's rule (`family::withdrawal`, AVG art. 7(3)); a consent the portal rule
//! does not show them is, for them, not there.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::family::WithdrawalError;
use eenplan_store::StoreError;

use super::consent_texts::{ConsentTexts, consent as texts};
use super::consents::{ConsentView, Notice, PATH, item, list_page, views};
use crate::auth::portal::{PortalCtx, member};
use crate::kit::extract::Path;
use crate::kit::form::{Errors, FormData, Input, TextField, text_errors};
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, PageError, Shell, dates, render};

#[derive(Template)]
#[template(path = "family_portal/withdraw.html")]
struct ConfirmPage {
    shell: Shell,
    x: &'static ConsentTexts,
    action: String,
    consent: ConsentView,
    inputs: Vec<Input>,
    summary: ErrorSummary,
}

/// Why the member cannot withdraw the consent: the list, with the reason on top.
async fn refused(ctx: &Ctx, why: Option<WithdrawalError>) -> Result<Response, PageError> {
    let x = texts(ctx.lang);
    let (status, text) = match why {
        None => (StatusCode::NOT_FOUND, x.not_found),
        Some(WithdrawalError::AlreadyWithdrawn) => (StatusCode::CONFLICT, x.already),
        Some(WithdrawalError::Ended) => (StatusCode::CONFLICT, x.ended),
        Some(WithdrawalError::NotAGiver) => (StatusCode::FORBIDDEN, x.not_giver),
    };
    list_page(ctx, status, Some(Notice { text, error: true })).await
}

/// The consent `id` as the member sees it, or why they cannot withdraw it.
async fn withdrawable(ctx: &Ctx, id: &str) -> Result<Result<ConsentView, Response>, PageError> {
    let member = member(ctx)?.clone();
    let mut tx = ctx.store().read().await?;
    let Some(sight) = PortalCtx::load_in(&mut tx, member, dates::today()).await? else {
        return Err(PageError::not_found());
    };
    let consents: Vec<_> = tx
        .consents(&sight.family())
        .await?
        .into_iter()
        .filter(|c| c.id == id)
        .collect();
    drop(tx);
    let Some(view) = views(ctx.lang, &sight, &sight.family, &consents).pop() else {
        return Ok(Err(refused(ctx, None).await?));
    };
    if !view.withdrawable {
        let c = &consents[0];
        let given_by: Vec<&str> = c.given_by.iter().map(|(m, _)| m.as_str()).collect();
        let why = eenplan_domain::family::check_withdrawal(
            &c.facts(),
            &given_by,
            &sight.member.member_id,
            sight.today,
        )
        .err();
        return Ok(Err(refused(ctx, why).await?));
    }
    sight
        .log_read(ctx, &format!("{PATH}/{id}/intrekken"))
        .await?;
    Ok(Ok(view))
}

fn confirm_page(
    ctx: &Ctx,
    status: StatusCode,
    consent: ConsentView,
    data: &FormData,
    errors: &Errors,
) -> Response {
    let x = texts(ctx.lang);
    let action = format!("{PATH}/{}/intrekken", consent.id);
    let inputs = vec![Input::Text(
        TextField::typed("reason", x.reason_label, data, errors)
            .hint(x.reason_hint)
            .kind("textarea"),
    )];
    render(
        status,
        &ConfirmPage {
            shell: ctx.shell(&action),
            x,
            summary: ErrorSummary::of_inputs(ctx.lang, &inputs),
            action,
            consent,
            inputs,
        },
    )
}

pub async fn confirm(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    Ok(match withdrawable(&ctx, &id).await? {
        Ok(view) => confirm_page(
            &ctx,
            StatusCode::OK,
            view,
            &FormData(Vec::new()),
            &Errors::new(),
        ),
        Err(refusal) => refusal,
    })
}

pub async fn withdraw(
    ctx: Ctx,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, PageError> {
    let errors = text_errors(&data, ctx.t(), &["reason"]);
    if !errors.is_empty() {
        return Ok(match withdrawable(&ctx, &id).await? {
            Ok(view) => confirm_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view, &data, &errors),
            Err(refusal) => refusal,
        });
    }
    let member = member(&ctx)?.clone();
    let actor = member.actor();
    let mut tx = ctx.store().write().await?;
    let Some(sight) = PortalCtx::load_in(&mut tx, member, dates::today()).await? else {
        return Err(PageError::not_found());
    };
    let seen = tx
        .consents(&sight.family())
        .await?
        .iter()
        .any(|c| c.id == id && sight.shows(&item(c)).is_some());
    if !seen {
        drop(tx);
        return refused(&ctx, None).await;
    }
    let done = tx
        .withdraw_consent_as_member(
            &actor,
            &sight.family(),
            &id,
            &sight.member.member_id,
            &data.get("reason"),
            sight.today,
        )
        .await;
    match done {
        Ok(()) => tx.commit().await?,
        Err(StoreError::Withdrawal(why)) => {
            drop(tx);
            return refused(&ctx, Some(why)).await;
        }
        Err(StoreError::NotFound(_)) => {
            drop(tx);
            return refused(&ctx, None).await;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("{PATH}?klaar=ingetrokken")).into_response())
}
