//! Deactivating an account, with the hand-over of the files its holder leads first.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UserId;
use eenplan_domain::totp::TotpSecret;
use eenplan_store::{Principal, StoreError, ids};
use serde::Deserialize;

use crate::flows::admin::texts::{AdminTexts, admin as admin_texts};
use crate::kit::form::{FormData, Input, tick_box};
use crate::kit::form_status;
use crate::kit::handover::{self, HandoverForm};
use crate::kit::render::role_label;
use crate::kit::summary::ErrorSummary;
use crate::kit::{PageError, Shell, render};

use super::common::*;
use super::users::{USERS, users_page};

/// The deactivation page: what happens, the files the person leads with one hand-over
/// form each, and the button that deactivates at once.
#[derive(Template)]
#[template(path = "admin/deactivate.html")]
struct DeactivatePage {
    shell: Shell,
    x: &'static AdminTexts,
    user: Principal,
    roles: String,
    /// One form for all files at once, when there are several.
    all: Option<HandoverForm>,
    files: Vec<HandoverForm>,
    summary: ErrorSummary,
    has_errors: bool,
    /// The refusal concerns the form for all files (the one-by-one list stays folded).
    all_refused: bool,
    handed_over: bool,
    /// The box that says what deactivating means, ticked before it is done.
    confirm: Input,
}

#[derive(Debug, Deserialize)]
pub struct HandedQuery {
    overgedragen: Option<String>,
}

async fn deactivate_page(
    ctx: &Ctx,
    id: &UserId,
    refused: Option<handover::Refused>,
    (handed_over, unconfirmed): (bool, bool),
) -> Result<Response, PageError> {
    let loaded = async {
        let Some(user) = managed_user(ctx, id).await? else {
            return Ok(None);
        };
        let mut tx = ctx.store().read().await?;
        let files = tx.files_led_by(&user.user_id).await?;
        let colleagues = tx.handover_candidates(&user.organisation_id).await?;
        Ok::<_, StoreError>(Some((user, files, colleagues)))
    };
    let (user, files, colleagues) = loaded
        .await?
        .filter(|(user, _, _)| user.active)
        .ok_or_else(PageError::not_found)?;
    let x = admin_texts(ctx.lang);
    let forms = files
        .iter()
        .map(|f| {
            handover::form(
                ctx.lang,
                f,
                format!("/beheer/gebruikers/{}/overdragen", user.user_id),
                x.handover,
                &colleagues,
                refused.as_ref(),
            )
        })
        .collect();
    // Someone who leads dozens of files is mostly handed over to one colleague at once.
    let all = (files.len() > 1).then(|| {
        handover::all_form(
            ctx.lang,
            &files,
            format!("/beheer/gebruikers/{}/alles-overdragen", user.user_id),
            (x.handover_all, format!("{} {}", files.len(), x.all_files)),
            &colleagues,
            refused.as_ref(),
        )
    });
    let confirm = tick_box(
        "bevestigd",
        (x.deact_check, x.deact_tick),
        "ja",
        false,
        unconfirmed.then_some(x.err_deact_tick),
    );
    // The messages of the one refused hand-over form, then the box's.
    let mut summary = ErrorSummary::new(ctx.lang);
    if let Some(r) = refused.as_ref() {
        let fields = [("to", r.to_error), ("reason", r.reason_error)];
        for (field, message) in fields {
            if let Some(message) = message {
                summary = summary.item(&format!("{field}-{}", r.family_id), message);
            }
        }
    }
    let summary = summary.with_inputs(std::slice::from_ref(&confirm));
    Ok(render(
        form_status(refused.is_none() && !unconfirmed),
        &DeactivatePage {
            confirm,
            summary,
            roles: user
                .roles
                .iter()
                .map(|r| role_label(ctx.lang, *r))
                .collect::<Vec<_>>()
                .join(", "),
            shell: ctx.shell(USERS),
            x,
            user,
            all,
            files: forms,
            has_errors: refused.is_some(),
            all_refused: refused
                .as_ref()
                .is_some_and(|r| r.family_id == handover::ALL_FILES),
            handed_over,
        },
    ))
}

pub async fn deactivate_form(
    ctx: Ctx,
    Path(id): Path<UserId>,
    Query(q): Query<HandedQuery>,
) -> Result<Response, PageError> {
    deactivate_page(&ctx, &id, None, (q.overgedragen.is_some(), false)).await
}

/// Hands every file the person leads to one colleague with one reason, before
/// deactivating them: all in one transaction, or none.
pub async fn hand_over_all(
    ctx: Ctx,
    Path(id): Path<UserId>,
    form: FormData,
) -> Result<Response, PageError> {
    hand_over_led(ctx, id, form, None).await
}

/// Hands one file the person leads to a colleague, before deactivating them.
pub async fn hand_over(
    ctx: Ctx,
    Path(id): Path<UserId>,
    form: FormData,
) -> Result<Response, PageError> {
    let family_id = form.get("family_id");
    hand_over_led(ctx, id, form, Some(family_id)).await
}

/// Hands the files person `id` leads (all, or only `one`) to the colleague in the form;
/// a refusal comes back on the deactivation page at the form it concerns.
async fn hand_over_led(
    ctx: Ctx,
    id: UserId,
    form: FormData,
    one: Option<String>,
) -> Result<Response, PageError> {
    let found = async {
        let Some(user) = managed_user(&ctx, &id).await? else {
            return Ok(None);
        };
        let mut files = ctx
            .store()
            .read()
            .await?
            .files_led_by(&user.user_id)
            .await?;
        if let Some(one) = &one {
            files.retain(|f| &f.family_id == one);
        }
        // One file that the person does not lead names nothing; "all" of none is done.
        Ok::<_, StoreError>(Some(files).filter(|f| one.is_none() || !f.is_empty()))
    };
    let files = found.await?.ok_or_else(PageError::not_found)?;
    let form_id = one.as_deref().unwrap_or(handover::ALL_FILES);
    match handover::hand_over(
        ctx.store(),
        &actor(&ctx.visitor),
        &files,
        (form_id, &form),
        ctx.lang,
    )
    .await?
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/beheer/gebruikers/{id}/deactiveren?overgedragen=1"
        ))
        .into_response()),
        Err(refused) => deactivate_page(&ctx, &id, Some(refused), (false, false)).await,
    }
}

/// Deactivates at once: the store ends every session and API token of the account in
/// the same transaction, and every request checks that the account is active. Files
/// not handed over go to the team lead's "Zonder regisseur" list.
pub async fn deactivate_user(
    ctx: Ctx,
    Path(id): Path<UserId>,
    form: FormData,
) -> Result<Response, PageError> {
    // Nothing happens until the administrator ticked that they know what it means.
    if form.get("bevestigd").is_empty() {
        return deactivate_page(&ctx, &id, None, (false, true)).await;
    }
    let done = async {
        if managed_user(&ctx, &id).await?.is_none() {
            return Err(StoreError::NotFound(format!("user {id}")));
        }
        ctx.store()
            .change(async |tx| tx.deactivate_user(&actor(&ctx.visitor), &id).await)
            .await
    };
    done.await?;
    saved(USERS)
}

/// A new second factor: the old authenticator stops working, every session ends, and
/// the administrator is shown (once) the enrolment code to hand over out of band.
pub async fn reset_second_factor(ctx: Ctx, Path(id): Path<UserId>) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let done = async {
        let Some(user) = managed_user(&ctx, &id).await? else {
            return Err(StoreError::NotFound(format!("user {id}")));
        };
        let (code, until) = ctx
            .store()
            .change(async |tx| {
                tx.reset_second_factor(
                    &actor(&ctx.visitor),
                    &id,
                    &TotpSecret::from_bytes(ids::random_bytes()),
                )
                .await?;
                issue_code(tx, &actor(&ctx.visitor), &id, lang).await
            })
            .await?;
        Ok(CodeNotice {
            who: user.name,
            code,
            until,
        })
    };
    users_page(&ctx, Sheet::issued(done.await?)).await
}
