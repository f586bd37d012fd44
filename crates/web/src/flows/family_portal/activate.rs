//! Redeeming an invitation: the code, an e-mail address to sign in with and a password
//! of one's own (the professionals' password rules), then linking an authenticator app
//! (the professionals' TOTP machinery). Only when the app's first code is right does
//! the account work, and the person is signed in.

use askama::Template;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::enrolment::code_hash;
use eenplan_domain::family_account::InvitationState;
use eenplan_domain::password;
use eenplan_domain::session::token_hash;
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::{Email, check_password};
use eenplan_store::{FamilyCredentials, FamilySession, FamilyStage, StoreError, ids};

use super::texts::{DoorTexts, door as texts};
use crate::AppState;
use crate::auth::family_sign_in::{code_step, invitation_failed, invitation_throttled, pending};
use crate::auth::sign_in::Step;
use crate::auth::{Visitor, cookies, ensure_presession_token, new_token};
use crate::kit::error::Refusal;
use crate::kit::form::{Errors, FormData, Input, TextField, text_errors};
use crate::kit::qr::{Qr, for_secret};
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, Lang, PageError, Shell, form_status, render};

const PATH: &str = "/gezin/activeren";
const LINK: &str = "/gezin/activeren/koppelen";

#[derive(Template)]
#[template(path = "family_portal/activate.html")]
struct ActivatePage {
    shell: Shell,
    x: &'static DoorTexts,
    csrf: String,
    inputs: Vec<Input>,
    summary: ErrorSummary,
}

#[derive(Template)]
#[template(path = "family_portal/code.html")]
pub(super) struct CodePage {
    pub shell: Shell,
    pub x: &'static DoorTexts,
    pub title: &'static str,
    pub intro: &'static str,
    pub action: &'static str,
    pub button: &'static str,
    pub csrf: String,
    pub qr: Option<Qr>,
    pub error: Option<&'static str>,
    pub summary: ErrorSummary,
}

fn activate_page(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    data: &FormData,
    errors: &Errors,
) -> Response {
    let (csrf, cookie) = ensure_presession_token(&state.auth, headers);
    let lang = Lang::from_headers(headers);
    let x = texts(lang);
    let secret = |id: &'static str, label| {
        TextField::new(id, label, "", errors.get(id).copied()).kind("password")
    };
    let inputs = vec![
        Input::Text(TextField::typed("code", x.code_label, data, errors).hint(x.code_hint)),
        Input::Text(
            TextField::typed("email", x.email_label, data, errors)
                .hint(x.email_hint)
                .kind("email"),
        ),
        Input::Text(secret("password", x.password_label).hint(x.password_hint)),
        Input::Text(secret("repeat", x.repeat_label)),
    ];
    let mut response = render(
        status,
        &ActivatePage {
            shell: Shell::new(headers, &Visitor::default(), PATH),
            x,
            csrf,
            summary: ErrorSummary::of_inputs(lang, &inputs).or_refused(!errors.is_empty(), &inputs),
            inputs,
        },
    );
    if let Some(c) = cookie {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}

/// The form; the invitation's e-mail link fills the code in (`?code=`), so the
/// invited person types only their address and password. Nothing is checked before
/// they submit: a link alone reveals nothing about the invitation.
pub async fn show(
    ctx: Ctx,
    headers: HeaderMap,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Response {
    if ctx.visitor.family.is_some() {
        return Redirect::to("/mijn-gezin").into_response();
    }
    let prefill: Vec<(String, String)> =
        serde_urlencoded::from_str(query.as_deref().unwrap_or("")).unwrap_or_default();
    let code: Vec<(String, String)> = prefill
        .into_iter()
        .filter(|(k, v)| k == "code" && v.chars().count() <= 64)
        .take(1)
        .collect();
    activate_page(
        &ctx.state,
        &headers,
        StatusCode::OK,
        &FormData(code),
        &Errors::new(),
    )
}

fn failed(e: StoreError) -> PageError {
    if let StoreError::InvalidText = e {
        return PageError::invalid_text();
    }
    tracing::error!(error = %e, "activating a family account failed on the database");
    PageError::internal()
}

/// What an invitation that is no longer open says, at the code's field.
fn not_open(x: &DoorTexts, state: InvitationState) -> &'static str {
    match state {
        InvitationState::Expired => x.code_expired,
        InvitationState::Used => x.code_used,
        InvitationState::Revoked => x.code_revoked,
        InvitationState::Open => x.code_unknown,
    }
}

pub async fn submit(ctx: Ctx, headers: HeaderMap, data: FormData) -> Result<Response, PageError> {
    let (state, client) = (&ctx.state, ctx.client.0.as_str());
    let (t, x) = (ctx.t(), texts(ctx.lang));
    let back = |status, errors: &Errors| activate_page(state, &headers, status, &data, errors);
    let mut errors = text_errors(&data, t, &["code", "email", "password", "repeat"]);
    if !errors.is_empty() {
        return Ok(back(StatusCode::UNPROCESSABLE_ENTITY, &errors));
    }
    if invitation_throttled(state, client)
        .await
        .map_err(failed)?
        .is_some()
    {
        errors.insert("code", x.too_many);
        let mut r = back(StatusCode::TOO_MANY_REQUESTS, &errors);
        r.headers_mut()
            .insert(header::RETRY_AFTER, crate::auth::sign_in::retry_after());
        return Ok(r);
    }
    let hash = code_hash(&data.get("code"));
    let now = UtcTime::now();
    let invitation = state
        .store
        .read()
        .await
        .map_err(failed)?
        .family_invitation(&hash)
        .await
        .map_err(failed)?;
    let Some(invitation) = invitation else {
        invitation_failed(state, client).await.map_err(failed)?;
        errors.insert("code", x.code_unknown);
        return Ok(back(StatusCode::UNPROCESSABLE_ENTITY, &errors));
    };
    let standing = invitation.invitation(now);
    if standing != InvitationState::Open {
        errors.insert("code", not_open(x, standing));
        return Ok(back(StatusCode::UNPROCESSABLE_ENTITY, &errors));
    }
    let email = match Email::parse(&data.get("email")) {
        Ok(e) => e.as_str().to_lowercase(),
        Err(_) => {
            errors.insert("email", x.email_invalid);
            String::new()
        }
    };
    let new = data.raw("password");
    if let Err(e) = check_password(&new, &[&email, &invitation.member_name]) {
        errors.insert("password", e.text(ctx.lang));
    } else if new != data.raw("repeat") {
        errors.insert("repeat", x.mismatch);
    }
    if errors.is_empty()
        && state
            .store
            .read()
            .await
            .map_err(failed)?
            .family_sign_in_name_taken(&email, &invitation.id)
            .await
            .map_err(failed)?
    {
        errors.insert("email", x.email_taken);
    }
    if !errors.is_empty() {
        return Ok(back(form_status(false), &errors));
    }
    let password_hash = password::hash(&new, ids::random_bytes()).map_err(|e| {
        tracing::error!(error = %e, "hashing a family member's password failed");
        PageError::internal()
    })?;
    let secret = TotpSecret::from_bytes(ids::random_bytes());
    let token = new_token();
    let begun = state
        .store
        .change(async |tx| {
            let account = tx
                .begin_family_activation(&hash, &email, &password_hash, &secret, now)
                .await?;
            tx.start_family_session(
                &account,
                FamilyStage::Activate,
                &token_hash(&token),
                &new_token(),
            )
            .await
        })
        .await;
    match begun {
        Ok(()) => Ok(with_session(
            state,
            Redirect::to(LINK).into_response(),
            &token,
        )),
        // Redeemed, revoked or expired in between; or the address was taken meanwhile.
        Err(StoreError::NotFound(_)) => {
            errors.insert("code", x.gone);
            Ok(back(StatusCode::CONFLICT, &errors))
        }
        Err(StoreError::Duplicate(_)) => {
            errors.insert("email", x.email_taken);
            Ok(back(StatusCode::CONFLICT, &errors))
        }
        Err(e) => Err(failed(e)),
    }
}

pub(super) fn with_session(state: &AppState, mut response: Response, token: &str) -> Response {
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

pub(super) async fn pending_at(
    state: &AppState,
    headers: &HeaderMap,
    stage: FamilyStage,
) -> Result<Option<(FamilySession, FamilyCredentials)>, PageError> {
    let Some(token) = cookies::get(headers, state.auth.session_cookie()) else {
        return Ok(None);
    };
    Ok(pending(state, &token)
        .await
        .map_err(failed)?
        .filter(|(s, _)| s.stage == stage))
}

fn link_page(
    headers: &HeaderMap,
    session: &FamilySession,
    credentials: &FamilyCredentials,
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
            shell: Shell::new(headers, &Visitor::default(), LINK),
            x,
            title: x.link_title,
            intro: x.link_intro,
            action: LINK,
            button: x.activate,
            csrf: session.csrf_token.clone(),
            qr: Some(for_secret(
                &credentials.totp_secret,
                &credentials.sign_in_name,
            )),
            error,
            summary,
        },
    )
}

pub async fn show_link(ctx: Ctx, headers: HeaderMap) -> Result<Response, PageError> {
    match pending_at(&ctx.state, &headers, FamilyStage::Activate).await? {
        Some((session, credentials)) => Ok(link_page(
            &headers,
            &session,
            &credentials,
            StatusCode::OK,
            None,
        )),
        None => Ok(Redirect::to(PATH).into_response()),
    }
}

pub async fn submit_link(
    ctx: Ctx,
    headers: HeaderMap,
    data: FormData,
) -> Result<Response, PageError> {
    let state = &ctx.state;
    let x = texts(ctx.lang);
    let Some((session, credentials)) = pending_at(state, &headers, FamilyStage::Activate).await?
    else {
        return Ok(Redirect::to(PATH).into_response());
    };
    let client = ctx.client.0.as_str();
    let step = code_step(
        state,
        &credentials,
        &credentials.sign_in_name,
        &data.get("code"),
        client,
    )
    .await
    .map_err(failed)?;
    match step {
        Step::Ok(()) => {}
        Step::Failed => {
            return Ok(link_page(
                &headers,
                &session,
                &credentials,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(x.digits_wrong),
            ));
        }
        Step::AccountLocked | Step::ClientLimited => {
            state
                .store
                .change(async |tx| tx.end_family_session(&session, "locked").await)
                .await
                .map_err(failed)?;
            let mut errors = Errors::new();
            errors.insert("code", x.too_many);
            return Ok(activate_page(
                state,
                &headers,
                StatusCode::TOO_MANY_REQUESTS,
                &FormData(Vec::new()),
                &errors,
            ));
        }
    }
    let token = new_token();
    let done = state
        .store
        .change(async |tx| {
            tx.activate_family_account(&session.account_id, UtcTime::now())
                .await?;
            tx.complete_family_sign_in(&session, &token_hash(&token), &new_token())
                .await
        })
        .await;
    match done {
        Ok(()) => Ok(with_session(
            state,
            Redirect::to("/mijn-gezin").into_response(),
            &token,
        )),
        // Revoked or expired while the app was being linked.
        Err(StoreError::NotFound(_)) => {
            let mut errors = Errors::new();
            errors.insert("code", x.gone);
            Ok(activate_page(
                state,
                &headers,
                StatusCode::CONFLICT,
                &FormData(Vec::new()),
                &errors,
            ))
        }
        Err(e) => Err(failed(e)),
    }
}
