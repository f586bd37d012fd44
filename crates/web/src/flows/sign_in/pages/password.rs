//! "Kies je eigen wachtwoord": an account whose password an operator or administrator
//! chose reaches no other page until its holder has chosen their own (the guard in
//! `auth::enforce` sends every page here and refuses the API).

use askama::Template;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::password;
use eenplan_domain::user::check_password;
use eenplan_store::{StoreError, ids};

use crate::flows::sign_in::texts::{SignInTexts, sign_in as texts};
use crate::kit::form::{Errors, FormData, Input, TextField, text_errors};
use crate::kit::form_status;
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, PageError, Refusal, Shell, render};

#[derive(Template)]
#[template(path = "sign_in/password.html")]
struct PasswordPage {
    shell: Shell,
    a: &'static SignInTexts,
    summary: ErrorSummary,
    inputs: Vec<Input>,
}

/// Never sends a password back: the fields come back empty, the messages at them.
fn page(ctx: &Ctx, errors: &Errors) -> Response {
    let a = texts(ctx.lang);
    let field = |id: &'static str, label: &'static str| {
        TextField::new(id, label, "", errors.get(id).copied()).kind("password")
    };
    let inputs = vec![
        Input::Text(field("password", a.pw_new).hint(a.pw_new_hint)),
        Input::Text(field("repeat", a.pw_repeat)),
    ];
    render(
        form_status(errors.is_empty()),
        &PasswordPage {
            shell: ctx.shell("/aanmelden/wachtwoord"),
            a,
            summary: ErrorSummary::of_inputs(ctx.lang, &inputs)
                .or_refused(!errors.is_empty(), &inputs),
            inputs,
        },
    )
}

pub async fn show(ctx: Ctx) -> Response {
    if !ctx
        .visitor
        .principal
        .as_ref()
        .is_some_and(|p| p.must_change_password)
    {
        return Redirect::to("/start").into_response();
    }
    page(&ctx, &Errors::new())
}

/// Every store failure here is ours: the page reads and writes only the visitor's own
/// account.
fn failed(e: StoreError) -> PageError {
    tracing::error!(error = %e, "changing the password failed");
    PageError::internal()
}

pub async fn submit(ctx: Ctx, form: FormData) -> Result<Response, PageError> {
    let (Some(principal), Some(session)) = (&ctx.visitor.principal, &ctx.visitor.session) else {
        return Err(PageError::internal());
    };
    if !principal.must_change_password {
        return Ok(Redirect::to("/start").into_response());
    }
    let (t, a) = (ctx.t(), texts(ctx.lang));
    let new = form.raw("password");
    let mut errors = text_errors(&form, t, &["password", "repeat"]);
    if !errors.is_empty() {
        return Ok(page(&ctx, &errors));
    }
    if let Err(e) = check_password(&new, &[&principal.email, &principal.name]) {
        e.place(ctx.lang, &mut errors);
    } else if new != form.raw("repeat") {
        errors.insert("repeat", a.pw_mismatch);
    }
    let current = async {
        let mut tx = ctx.store().read().await?;
        tx.credentials_by_id(&principal.user_id).await
    };
    let Some(current) = current.await.map_err(failed)? else {
        return Err(PageError::internal());
    };
    if errors.is_empty() && password::verify(&new, &current.password_hash) {
        errors.insert("password", a.pw_same);
    }
    if !errors.is_empty() {
        return Ok(page(&ctx, &errors));
    }
    let changed = async {
        let hash = password::hash(&new, ids::random_bytes())
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        ctx.store()
            .change(async |tx| {
                tx.change_own_password(principal, &session.token_hash, &hash)
                    .await
            })
            .await
    };
    changed.await.map_err(failed)?;
    Ok(Redirect::to("/start").into_response())
}
