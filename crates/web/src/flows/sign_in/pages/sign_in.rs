//! Signing in with a browser: e-mail and password, then the authenticator code (or, the
//! first time, setting up the authenticator), then a fresh session.

use askama::Template;
use axum::extract::{Form, Query};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::session::token_hash;
use eenplan_store::{Credentials, SessionKind, SessionRecord, SessionStage};
use serde::Deserialize;

use eenplan_domain::text::{TextKind, check_text};
use eenplan_store::StoreError;

use crate::AppState;
use crate::auth::sign_in::{
    Step, code_step, enrolment_code_step, password_step, pending, start_session,
};
use crate::auth::{Visitor, cookies, ensure_presession_token, new_token};
use crate::flows::sign_in::texts::{SignInTexts, sign_in as texts};
use crate::kit::qr::Qr;
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, Lang, PageError, Shell, render};

#[derive(Template)]
#[template(path = "sign_in/sign_in.html")]
struct SignInPage {
    shell: Shell,
    x: &'static SignInTexts,
    csrf: String,
    email: String,
    notice: Option<&'static str>,
    error: Option<&'static str>,
    summary: ErrorSummary,
}

#[derive(Debug, Deserialize)]
pub struct SignInQuery {
    verlopen: Option<String>,
    /// The form sent after the session ended was kept (see `auth::resume`).
    bewaard: Option<String>,
    afgemeld: Option<String>,
    opnieuw: Option<String>,
}

fn sign_in_page(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    email: String,
    notice: Option<&'static str>,
    error: Option<&'static str>,
) -> Response {
    let (csrf, cookie) = ensure_presession_token(&state.auth, headers);
    let shell = Shell::new(headers, &Visitor::default(), "/aanmelden");
    let lang = Lang::from_headers(headers);
    let mut response = render(
        status,
        &SignInPage {
            x: texts(lang),
            summary: at_field(lang, "email", error),
            shell,
            csrf,
            email,
            notice,
            error,
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
    if ctx.visitor.principal.is_some() {
        return Redirect::to("/start").into_response();
    }
    let (lang, a) = (ctx.lang, texts(ctx.lang));
    let notice = if q.bewaard.is_some() {
        Some(crate::kit::texts::session(lang).kept_notice)
    } else if ctx.visitor.expired || q.verlopen.is_some() {
        Some(a.session_expired)
    } else if q.afgemeld.is_some() {
        Some(a.signed_out)
    } else if q.opnieuw.is_some() {
        Some(a.pending_expired)
    } else {
        None
    };
    sign_in_page(
        &ctx.state,
        &headers,
        StatusCode::OK,
        String::new(),
        notice,
        None,
    )
}

#[derive(Debug, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn submit(
    ctx: Ctx,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Result<Response, PageError> {
    let (state, client) = (&ctx.state, &ctx.client.0);
    let (t, a) = (ctx.t(), texts(ctx.lang));
    // Before anything is looked up or counted: the address must be text at all.
    if let Err(p) = check_text(TextKind::Line, &form.email) {
        return Ok(sign_in_page(
            state,
            &headers,
            StatusCode::UNPROCESSABLE_ENTITY,
            form.email.trim().to_owned(),
            None,
            Some(crate::input::page_message(t, p)),
        ));
    }
    let step = password_step(state, &form.email, &form.password, client)
        .await
        .map_err(store_failed)?;
    let (status, error) = match step {
        Step::Ok(credentials) => {
            return begin_second_factor(state, &credentials)
                .await
                .map_err(store_failed);
        }
        Step::Failed => (StatusCode::OK, a.sign_in_failed),
        Step::AccountLocked => (StatusCode::OK, a.sign_in_locked),
        Step::ClientLimited => (StatusCode::TOO_MANY_REQUESTS, a.sign_in_too_many),
    };
    Ok(sign_in_page(
        state,
        &headers,
        status,
        form.email.trim().to_owned(),
        None,
        Some(error),
    ))
}

/// Password accepted: a short-lived pending session, then the code (or enrolment).
async fn begin_second_factor(
    state: &AppState,
    credentials: &Credentials,
) -> Result<Response, StoreError> {
    // Without a second factor, the enrolment code comes first: the password alone
    // never binds a new authenticator.
    let stage = if credentials.totp_confirmed {
        SessionStage::SecondFactor
    } else {
        SessionStage::EnrolCode
    };
    let token = start_session(state, credentials, SessionKind::Web, stage).await?;
    let target = if stage == SessionStage::EnrolCode {
        "/aanmelden/koppelen"
    } else {
        "/aanmelden/code"
    };
    Ok(with_session_cookie(
        state,
        Redirect::to(target).into_response(),
        &token,
    ))
}

fn with_session_cookie(state: &AppState, mut response: Response, token: &str) -> Response {
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(
            state.auth.session_cookie(),
            token,
            state.auth.secure_cookies,
        ),
    );
    response
}

/// Too many failures for the account or this client: the half-finished sign-in is given
/// up (starting over meets the lock) and the sign-in page says so.
async fn locked_out(
    state: &AppState,
    headers: &HeaderMap,
    session: &SessionRecord,
    email: String,
) -> Response {
    if let Ok(mut tx) = state.store.write().await
        && tx.end_session(session, "locked").await.is_ok()
    {
        let _ = tx.commit().await;
    }
    let a = texts(Lang::from_headers(headers));
    sign_in_page(
        state,
        headers,
        StatusCode::TOO_MANY_REQUESTS,
        email,
        None,
        Some(a.sign_in_locked),
    )
}

/// Text the database cannot hold is the visitor's to fix; anything else, also an id
/// that names nothing, is our fault here (sign-in looks nothing up by a visitor's id).
fn store_failed(e: StoreError) -> PageError {
    if let StoreError::InvalidText = e {
        return PageError::invalid_text();
    }
    tracing::error!(error = %e, "sign-in failed on the database");
    PageError::internal()
}

#[derive(Template)]
#[template(path = "sign_in/code.html")]
struct CodePage {
    shell: Shell,
    x: &'static SignInTexts,
    title: &'static str,
    intro: &'static str,
    action: &'static str,
    label: &'static str,
    hint: &'static str,
    button: &'static str,
    /// The one-time enrolment code rather than the authenticator's six digits.
    enrolment_code: bool,
    csrf: String,
    qr: Option<Qr>,
    error: Option<&'static str>,
    summary: ErrorSummary,
}

/// The sign-in steps' one message, in the summary and at the field it is about.
fn at_field(lang: Lang, id: &str, error: Option<&'static str>) -> ErrorSummary {
    let summary = ErrorSummary::new(lang);
    match error {
        Some(message) => summary.item(id, message),
        None => summary,
    }
}

fn qr_for(credentials: &Credentials, email: &str) -> Qr {
    crate::kit::qr::for_secret(&credentials.totp_secret, email)
}

fn code_page(
    headers: &HeaderMap,
    session: &SessionRecord,
    credentials: &Credentials,
    email: &str,
    status: StatusCode,
    error: Option<&'static str>,
) -> Response {
    let shell = Shell::new(headers, &Visitor::default(), "/aanmelden");
    let lang = Lang::from_headers(headers);
    let a = texts(lang);
    let page = match session.stage {
        SessionStage::EnrolCode => CodePage {
            title: a.enrol_code_title,
            intro: a.enrol_code_intro,
            action: "/aanmelden/inschrijfcode",
            label: a.enrol_code_label,
            hint: a.enrol_code_hint,
            button: a.next,
            enrolment_code: true,
            csrf: session.csrf_token.clone(),
            qr: None,
            error,
            summary: at_field(lang, "code", error),
            x: a,
            shell,
        },
        SessionStage::Enrol => CodePage {
            title: a.enrol_title,
            intro: a.enrol_intro,
            action: "/aanmelden/koppelen",
            label: a.code_label,
            hint: a.code_hint,
            button: shell.t.sign_in,
            enrolment_code: false,
            csrf: session.csrf_token.clone(),
            qr: Some(qr_for(credentials, email)),
            error,
            summary: at_field(lang, "code", error),
            x: a,
            shell,
        },
        SessionStage::SecondFactor | SessionStage::Active => CodePage {
            title: a.code_title,
            intro: a.code_intro,
            action: "/aanmelden/code",
            label: a.code_label,
            hint: a.code_hint,
            button: shell.t.sign_in,
            enrolment_code: false,
            csrf: session.csrf_token.clone(),
            qr: None,
            error,
            summary: at_field(lang, "code", error),
            x: a,
            shell,
        },
    };
    render(status, &page)
}

async fn pending_from_cookie(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<(SessionRecord, Credentials, String)>, StoreError> {
    match cookies::get(headers, state.auth.session_cookie()) {
        Some(token) => pending(state, &token_hash(&token)).await,
        None => Ok(None),
    }
}

/// The sign-in in progress; without one the visitor starts again at the password (the
/// redirect passes through as the answer).
async fn pending_or_restart(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(SessionRecord, Credentials, String), PageError> {
    let pending = pending_from_cookie(state, headers)
        .await
        .map_err(store_failed)?;
    pending.ok_or_else(|| Redirect::to("/aanmelden?opnieuw=1").into_response().into())
}

pub async fn show_code(ctx: Ctx, headers: HeaderMap) -> Result<Response, PageError> {
    let (session, credentials, email) = pending_or_restart(&ctx.state, &headers).await?;
    Ok(code_page(
        &headers,
        &session,
        &credentials,
        &email,
        StatusCode::OK,
        None,
    ))
}

#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

pub async fn submit_code(
    ctx: Ctx,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Result<Response, PageError> {
    let state = &ctx.state;
    let pending = pending_or_restart(state, &headers).await?;
    let (session, credentials, email) = &pending;
    // No authenticator code counts before the enrolment code was accepted.
    if session.stage == SessionStage::EnrolCode {
        return Ok(Redirect::to("/aanmelden/koppelen").into_response());
    }
    let step = code_step(state, credentials, email, &form.code, &ctx.client.0)
        .await
        .map_err(store_failed)?;
    if let Step::Ok(()) = step {
        return complete(state, &headers, session, credentials)
            .await
            .map_err(store_failed);
    }
    let wrong = (StatusCode::OK, texts(ctx.lang).code_wrong);
    Ok(code_refused(state, &headers, pending, step, wrong).await)
}

/// A code step that did not pass: the code page again saying `wrong`, or, past the
/// throttle, the sign-in given up.
async fn code_refused(
    state: &AppState,
    headers: &HeaderMap,
    (session, credentials, email): (SessionRecord, Credentials, String),
    step: Step<()>,
    (status, wrong): (StatusCode, &'static str),
) -> Response {
    match step {
        Step::AccountLocked | Step::ClientLimited => {
            locked_out(state, headers, &session, email).await
        }
        Step::Ok(()) | Step::Failed => {
            code_page(headers, &session, &credentials, &email, status, Some(wrong))
        }
    }
}

/// Both factors accepted: enrolment confirmed if this was the first time, and a new
/// session token replaces the pending one.
async fn complete(
    state: &AppState,
    headers: &HeaderMap,
    session: &SessionRecord,
    credentials: &Credentials,
) -> Result<Response, StoreError> {
    let token = new_token();
    let mut tx = state.store.write().await?;
    if session.stage == SessionStage::Enrol {
        match tx.confirm_second_factor(credentials).await {
            Ok(()) => {}
            // The enrolment code expired or was used by another sign-in meanwhile.
            Err(StoreError::NotFound(_)) => {
                drop(tx);
                state
                    .store
                    .change(async |w| w.end_session(session, "enrolment_code_gone").await)
                    .await?;
                let a = texts(Lang::from_headers(headers));
                return Ok(sign_in_page(
                    state,
                    headers,
                    StatusCode::CONFLICT,
                    String::new(),
                    None,
                    Some(a.enrol_code_gone),
                ));
            }
            Err(e) => return Err(e),
        }
    }
    tx.complete_sign_in(session, credentials, &token_hash(&token), &new_token())
        .await?;
    // The language the person signs in with is the one their e-mail speaks.
    tx.set_language(&credentials.user_id, Lang::from_headers(headers).language())
        .await?;
    tx.commit().await?;
    Ok(with_session_cookie(
        state,
        Redirect::to(crate::auth::resume::after_sign_in(&state.auth, headers)).into_response(),
        &token,
    ))
}

/// The one-time enrolment code, before the authenticator is shown: a wrong code counts
/// as a failed sign-in (the same throttle as the password), a right one opens the QR.
pub async fn submit_enrolment_code(
    ctx: Ctx,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Result<Response, PageError> {
    let state = &ctx.state;
    let pending = pending_or_restart(state, &headers).await?;
    let (session, credentials, email) = &pending;
    if session.stage != SessionStage::EnrolCode {
        return Ok(Redirect::to("/aanmelden/koppelen").into_response());
    }
    let client = &ctx.client.0;
    let step = enrolment_code_step(state, session, credentials, email, &form.code, client)
        .await
        .map_err(store_failed)?;
    if let Step::Ok(()) = step {
        return Ok(Redirect::to("/aanmelden/koppelen").into_response());
    }
    let wrong = (
        StatusCode::UNPROCESSABLE_ENTITY,
        texts(ctx.lang).enrol_code_wrong,
    );
    Ok(code_refused(state, &headers, pending, step, wrong).await)
}

pub async fn sign_out(ctx: Ctx) -> Result<Response, PageError> {
    crate::auth::sign_out(&ctx).await.map_err(store_failed)?;
    let auth = &ctx.state.auth;
    let mut response = Redirect::to("/aanmelden?afgemeld=1").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::clear(auth.session_cookie(), auth.secure_cookies),
    );
    Ok(response)
}
