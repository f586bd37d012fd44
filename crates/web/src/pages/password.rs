//! "Kies je eigen wachtwoord": an account whose password an operator or administrator
//! chose reaches no other page until its holder has chosen their own (the guard in
//! `auth::enforce` sends every page here and refuses the API).

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::password;
use eenplan_domain::user::check_password;
use eenplan_store::ids;

use super::form::{Errors, FormData, Input, TextField};
use super::{Shell, errors, render};
use crate::AppState;
use crate::account_texts::AccountTexts;
use crate::auth::Visitor;
use crate::i18n::Lang;

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    shell: Shell,
    a: &'static AccountTexts,
    has_errors: bool,
    inputs: Vec<Input>,
}

/// Never sends a password back: the fields come back empty, the messages at them.
fn page(headers: &HeaderMap, visitor: &Visitor, errors: &Errors) -> Response {
    let lang = Lang::from_headers(headers);
    let a = crate::account_texts::texts(lang);
    let field = |id: &'static str, label: &'static str| {
        TextField::new(id, label, "", errors.get(id).copied()).kind("password")
    };
    render(
        if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        },
        &PasswordPage {
            shell: Shell::new(headers, visitor, "/aanmelden/wachtwoord"),
            a,
            has_errors: !errors.is_empty(),
            inputs: vec![
                Input::Text(field("password", a.pw_new).hint(a.pw_new_hint)),
                Input::Text(field("repeat", a.pw_repeat)),
            ],
        },
    )
}

pub async fn show(headers: HeaderMap, Extension(visitor): Extension<Visitor>) -> Response {
    if !visitor
        .principal
        .as_ref()
        .is_some_and(|p| p.must_change_password)
    {
        return Redirect::to("/start").into_response();
    }
    page(&headers, &visitor, &Errors::new())
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(visitor): Extension<Visitor>,
    body: Bytes,
) -> Response {
    let (Some(principal), Some(session)) = (&visitor.principal, &visitor.session) else {
        return errors::internal(false, &headers);
    };
    if !principal.must_change_password {
        return Redirect::to("/start").into_response();
    }
    let lang = Lang::from_headers(&headers);
    let (t, a) = (lang.texts(), crate::account_texts::texts(lang));
    let form = FormData::parse(&body);
    let new = form.raw("password");
    let mut errors = super::form::text_errors(&form, t, &["password", "repeat"]);
    if !errors.is_empty() {
        return page(&headers, &visitor, &errors);
    }
    if let Err(e) = check_password(&new, &[&principal.email, &principal.name]) {
        errors.insert("password", super::admin::password_message(t, &e));
    } else if new != form.raw("repeat") {
        errors.insert("repeat", a.pw_mismatch);
    }
    let current = async {
        let mut tx = state.store.read().await?;
        tx.credentials_by_id(&principal.user_id).await
    };
    let current = match current.await {
        Ok(Some(c)) => c,
        Ok(None) => return errors::internal(false, &headers),
        Err(e) => {
            tracing::error!(error = %e, "reading the password failed");
            return errors::internal(false, &headers);
        }
    };
    if errors.is_empty() && password::verify(&new, &current.password_hash) {
        errors.insert("password", a.pw_same);
    }
    if !errors.is_empty() {
        return page(&headers, &visitor, &errors);
    }
    let changed = async {
        let hash = password::hash(&new, ids::random_bytes())
            .map_err(|e| eenplan_store::StoreError::Invalid(e.to_string()))?;
        let mut tx = state.store.write().await?;
        tx.change_own_password(principal, &session.token_hash, &hash)
            .await?;
        tx.commit().await
    };
    match changed.await {
        Ok(()) => Redirect::to("/start").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "changing the password failed");
            errors::internal(false, &headers)
        }
    }
}
