//! `POST /api/v1/session` signs in with all three factors at once and returns a bearer
//! token; `DELETE /api/v1/session` signs out; `GET /api/v1/me` says whose token it is.
//! Same rules as the pages.

use axum::Json;
use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::session::{Liveness, liveness};
use eenplan_store::{SessionKind, SessionStage, StoreError};

use super::schemas::{Me, Session, SessionRequest};
use crate::Problem;
use crate::auth::sign_in::{Step, code_step, password_step, start_session};
use crate::kit::{ApiError, Ctx};

fn unauthorized() -> Response {
    Problem::titled(
        StatusCode::UNAUTHORIZED,
        "invalid-credentials",
        ("Aanmelden mislukt", "Sign-in failed"),
    )
    .detail_in((
        "E-mailadres, wachtwoord of code klopt niet.",
        "E-mail address, password or code is not right.",
    ))
    .into_response()
}

fn too_many() -> Response {
    let mut response = Problem::titled(
        StatusCode::TOO_MANY_REQUESTS,
        "too-many-attempts",
        ("Te veel pogingen", "Too many attempts"),
    )
    .detail_in((
        "Te veel mislukte pogingen; probeer het over 15 minuten opnieuw.",
        "Too many failed attempts; try again in 15 minutes.",
    ))
    .into_response();
    response.headers_mut().insert(
        axum::http::header::RETRY_AFTER,
        crate::auth::sign_in::retry_after(),
    );
    response
}

/// Text the database cannot hold is the caller's to fix; anything else, also an id that
/// names nothing, is our fault here (signing in looks nothing up by a caller's id).
fn internal(e: StoreError) -> ApiError {
    if let StoreError::InvalidText = e {
        return e.into();
    }
    tracing::error!(error = %e, "API sign-in failed on the database");
    ApiError::internal()
}

/// Takes the body as bytes: a body that is not the JSON asked for is answered with what
/// to send, not only that it does not parse.
pub async fn create(ctx: Ctx, body: Bytes) -> Result<(StatusCode, Json<Session>), ApiError> {
    let (state, client) = (&ctx.state, &ctx.client.0);
    let request: SessionRequest = serde_json::from_slice(&body).map_err(|e| {
        Problem::said(StatusCode::BAD_REQUEST, "invalid-json", |t| t.invalid_json).detail_in(
            crate::kit::problem::said(|t| t.session_json_detail, &[("error", &e.to_string())]),
        )
    })?;
    let value = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or_default().to_owned();
    let (email, password, totp) = (
        value(&request.email),
        value(&request.password),
        value(&request.totp),
    );
    let missing = [
        (
            &email,
            "email",
            ("Vul je e-mailadres in.", "Fill in your e-mail address."),
        ),
        (
            &password,
            "password",
            ("Vul je wachtwoord in.", "Fill in your password."),
        ),
        (
            &totp,
            "totp",
            (
                "Vul de code van 6 cijfers uit je authenticator-app in.",
                "Fill in the 6-digit code from your authenticator app.",
            ),
        ),
    ];
    if missing.iter().any(|(v, _, _)| v.is_empty()) {
        let problem = missing
            .iter()
            .filter(|(v, _, _)| v.is_empty())
            .fold(Problem::invalid_params(), |p, (_, name, reason)| {
                p.invalid_param_in(name, "required", *reason)
            });
        return Err(problem.into());
    }
    // The password as typed: leading or trailing spaces are part of it.
    let password = request.password.unwrap_or_default();

    let credentials = match password_step(state, &email, &password, client)
        .await
        .map_err(internal)?
    {
        Step::Ok(c) => c,
        Step::Failed | Step::AccountLocked => return Err(unauthorized().into()),
        Step::ClientLimited => return Err(too_many().into()),
    };
    if !credentials.totp_confirmed {
        return Err(Problem::titled(
            StatusCode::UNAUTHORIZED,
            "second-factor-not-set-up",
            ("Tweede factor niet ingesteld", "Second factor not set up"),
        )
        .detail_in((
            "Meld je eerst één keer aan in de browser om je authenticator-app te koppelen.",
            "Sign in once in the browser first to link your authenticator app.",
        ))
        .into());
    }
    match code_step(state, &credentials, &email, &totp, client)
        .await
        .map_err(internal)?
    {
        Step::Ok(()) => {}
        Step::Failed | Step::AccountLocked => return Err(unauthorized().into()),
        Step::ClientLimited => return Err(too_many().into()),
    }
    // Only after every factor: someone without them learns nothing about the account.
    if credentials.must_change_password {
        return Err(crate::auth::password_change_problem().into());
    }
    let token = start_session(state, &credentials, SessionKind::Api, SessionStage::Active)
        .await
        .map_err(internal)?;
    let now = UtcTime::now().timestamp();
    let expires_at = match liveness(state.auth.timeouts, now, now, now) {
        Liveness::Alive { expires_at } => UtcTime::from_timestamp(expires_at).to_rfc3339(),
        _ => UtcTime::from_timestamp(now).to_rfc3339(),
    };
    Ok((StatusCode::CREATED, Json(Session { token, expires_at })))
}

pub async fn delete(ctx: Ctx) -> Result<StatusCode, ApiError> {
    crate::auth::sign_out(&ctx).await.map_err(internal)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/me`: who the token belongs to.
pub async fn me(ctx: Ctx) -> Result<Json<Me>, ApiError> {
    let Some(p) = &ctx.visitor.principal else {
        return Err(ApiError::unauthorized());
    };
    Ok(Json(Me::from(p)))
}
