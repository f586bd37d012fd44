//! The family's own sign-in page: e-mail address and password, then the app's code.
//! Apart from the professionals' (`/aanmelden`): a family account is never a
//! professional's, and each page speaks to its own readers.

use askama::Template;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::session::token_hash;
use eenplan_store::{FamilyStage, StoreError};
use serde::Deserialize;

use super::activate::{CodePage, pending_at, with_session};
use super::texts::{DoorTexts, door as texts};
use crate::AppState;
use crate::auth::family_sign_in::{code_step, password_step, start};
use crate::auth::sign_in::Step;
use crate::auth::{Visitor, ensure_presession_token, new_token};
use crate::kit::extract::Query;
use crate::kit::form::{Errors, FormData, Input, TextField, text_errors};
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, Lang, PageError, Shell, render};

const PATH: &str = "/gezin/aanmelden";
const CODE: &str = "/gezin/aanmelden/code";

#[derive(Template)]
#[template(path = "family_portal/sign_in.html")]
struct SignInPage {
    shell: Shell,
    x: &'static DoorTexts,
    csrf: String,
    notice: Option<&'static str>,
    inputs: Vec<Input>,
    summary: ErrorSummary,
}

#[derive(Debug, Deserialize)]
pub struct SignInQuery {
    afgemeld: Option<String>,
    verlopen: Option<String>,
    opnieuw: Option<String>,
}

fn page(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    email: &str,
    notice: Option<&'static str>,
    errors: &Errors,
) -> Response {
    let (csrf, cookie) = ensure_presession_token(&state.auth, headers);
    let lang = Lang::from_headers(headers);
    let x = texts(lang);
    let inputs = vec![
        Input::Text(
            TextField::new("email", x.email_label, email, errors.get("email").copied())
                .kind("email"),
        ),
        Input::Text(
            TextField::new(
                "password",
                x.password_label,
                "",
                errors.get("password").copied(),
            )
            .kind("password"),
        ),
    ];
    let mut response = render(
        status,
        &SignInPage {
            shell: Shell::new(headers, &Visitor::default(), PATH),
            x,
            csrf,
            notice,
            summary: ErrorSummary::of_inputs(lang, &inputs).or_refused(!errors.is_empty(), &inputs),
            inputs,
        },
    );
    if let Some(c) = cookie {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    if status == StatusCode::TOO_MANY_REQUESTS {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, crate::auth::sign_in::retry_after());
    }
    response
}

pub async fn show(ctx: Ctx, headers: HeaderMap, Query(q): Query<SignInQuery>) -> Response {
    if ctx.visitor.family.is_some() {
        return Redirect::to("/mijn-gezin").into_response();
    }
    let x = texts(ctx.lang);
    let notice = if ctx.visitor.expired || q.verlopen.is_some() {
        Some(x.expired)
    } else if q.afgemeld.is_some() {
        Some(x.signed_out)
    } else if q.opnieuw.is_some() {
        Some(x.again)
    } else {
        None
    };
    page(
        &ctx.state,
        &headers,
        StatusCode::OK,
        "",
        notice,
        &Errors::new(),
    )
}

fn failed(e: StoreError) -> PageError {
    if let StoreError::InvalidText = e {
        return PageError::invalid_text();
    }
    tracing::error!(error = %e, "a family sign-in failed on the database");
    PageError::internal()
}

pub async fn submit(ctx: Ctx, headers: HeaderMap, data: FormData) -> Result<Response, PageError> {
    let (state, client) = (&ctx.state, ctx.client.0.as_str());
    let (t, x) = (ctx.t(), texts(ctx.lang));
    let email = data.get("email");
    let mut errors = text_errors(&data, t, &["email", "password"]);
    if !errors.is_empty() {
        return Ok(page(
            state,
            &headers,
            StatusCode::UNPROCESSABLE_ENTITY,
            &email,
            None,
            &errors,
        ));
    }
    let step = password_step(state, &email, &data.raw("password"), client)
        .await
        .map_err(failed)?;
    let (status, message) = match step {
        Step::Ok(credentials) => {
            let token = start(state, &credentials.account_id, FamilyStage::SecondFactor)
                .await
                .map_err(failed)?;
            return Ok(with_session(
                state,
                Redirect::to(CODE).into_response(),
                &token,
            ));
        }
        Step::Failed => (StatusCode::OK, x.sign_in_failed),
        Step::AccountLocked => (StatusCode::OK, x.locked),
        Step::ClientLimited => (StatusCode::TOO_MANY_REQUESTS, x.locked),
    };
    errors.insert("email", message);
    Ok(page(state, &headers, status, &email, None, &errors))
}

fn code_page(
    headers: &HeaderMap,
    csrf: &str,
    status: StatusCode,
    error: Option<&'static str>,
) -> Response {
    let lang = Lang::from_headers(headers);
    let x = texts(lang);
    let summary = match error {
        Some(e) => ErrorSummary::new(lang).item("code", e),
        None => ErrorSummary::new(lang),
    };
    render(
        status,
        &CodePage {
            shell: Shell::new(headers, &Visitor::default(), CODE),
            x,
            title: x.code_title,
            intro: x.code_intro,
            action: CODE,
            button: x.sign_in,
            csrf: csrf.to_owned(),
            qr: None,
            error,
            summary,
        },
    )
}

pub async fn show_code(ctx: Ctx, headers: HeaderMap) -> Result<Response, PageError> {
    match pending_at(&ctx.state, &headers, FamilyStage::SecondFactor).await? {
        Some((session, _)) => Ok(code_page(
            &headers,
            &session.csrf_token,
            StatusCode::OK,
            None,
        )),
        None => Ok(Redirect::to("/gezin/aanmelden?opnieuw=1").into_response()),
    }
}

pub async fn submit_code(
    ctx: Ctx,
    headers: HeaderMap,
    data: FormData,
) -> Result<Response, PageError> {
    let state = &ctx.state;
    let x = texts(ctx.lang);
    let Some((session, credentials)) =
        pending_at(state, &headers, FamilyStage::SecondFactor).await?
    else {
        return Ok(Redirect::to("/gezin/aanmelden?opnieuw=1").into_response());
    };
    let step = code_step(
        state,
        &credentials,
        &credentials.sign_in_name,
        &data.get("code"),
        ctx.client.0.as_str(),
    )
    .await
    .map_err(failed)?;
    match step {
        Step::Ok(()) => {
            let token = new_token();
            state
                .store
                .change(async |tx| {
                    tx.complete_family_sign_in(&session, &token_hash(&token), &new_token())
                        .await
                })
                .await
                .map_err(failed)?;
            Ok(with_session(
                state,
                Redirect::to("/mijn-gezin").into_response(),
                &token,
            ))
        }
        Step::Failed => Ok(code_page(
            &headers,
            &session.csrf_token,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(x.digits_wrong),
        )),
        Step::AccountLocked | Step::ClientLimited => {
            state
                .store
                .change(async |tx| tx.end_family_session(&session, "locked").await)
                .await
                .map_err(failed)?;
            let mut errors = Errors::new();
            errors.insert("email", x.locked);
            Ok(page(
                state,
                &headers,
                StatusCode::TOO_MANY_REQUESTS,
                "",
                None,
                &errors,
            ))
        }
    }
}
