//! The two steps of signing in, shared by the pages and the API so both follow exactly
//! the same rules: throttling, password, second factor.

use std::sync::OnceLock;

use eenplan_domain::UtcTime;
use eenplan_domain::password;
use eenplan_domain::session::SECOND_FACTOR_TIMEOUT;
use eenplan_domain::sign_in::{Throttle, WINDOW, throttle};
use eenplan_domain::user::Email;
use eenplan_store::{Credentials, SessionKind, SessionRecord, SessionStage, StoreError, Tx};

use crate::AppState;

#[derive(Debug)]
pub enum Step<T> {
    Ok(T),
    Failed,
    AccountLocked,
    ClientLimited,
}

/// A hash to verify against when no account matches, so a wrong e-mail address costs
/// as much time as a wrong password and timing reveals nothing.
pub(crate) fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash("not a password of anyone", [7; 16]).unwrap_or_default())
}

/// `Retry-After` for a throttled sign-in: the whole counting window, the longest the
/// refusal can last (a client that waits that long is certainly let through).
pub fn retry_after() -> axum::http::HeaderValue {
    axum::http::HeaderValue::from(WINDOW.as_secs())
}

/// Normalised for counting failures, whether or not it is a valid address.
pub fn failure_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The throttle's refusal as a step of any kind, or `None` when this attempt may go on.
pub(crate) async fn throttled<T>(
    state: &AppState,
    email_key: &str,
    client: &str,
) -> Result<Option<Step<T>>, StoreError> {
    let since = UtcTime::from_timestamp(UtcTime::now().timestamp() - WINDOW);
    let mut tx = state.store.read().await?;
    let (account, by_client) = tx.recent_sign_in_failures(email_key, client, since).await?;
    Ok(match throttle(account, by_client) {
        Throttle::Allow => None,
        Throttle::AccountLocked => Some(Step::AccountLocked),
        Throttle::ClientLimited => Some(Step::ClientLimited),
    })
}

pub(crate) async fn fail(
    state: &AppState,
    email_key: &str,
    client: &str,
    stage: &str,
) -> Result<(), StoreError> {
    let mut tx = state.store.write().await?;
    tx.record_sign_in_failure(email_key, client, stage).await?;
    tx.commit().await
}

/// Step 1: e-mail address and password.
pub async fn password_step(
    state: &AppState,
    email: &str,
    password_text: &str,
    client: &str,
) -> Result<Step<Credentials>, StoreError> {
    let key = failure_key(email);
    if let Some(refused) = throttled(state, &key, client).await? {
        return Ok(refused);
    }
    let credentials = match Email::parse(email) {
        Ok(e) => state.store.read().await?.credentials(&e).await?,
        Err(_) => None,
    };
    let accepted = match &credentials {
        Some(c) if c.active => password::verify(password_text, &c.password_hash),
        _ => {
            let _ = password::verify(password_text, dummy_hash());
            false
        }
    };
    match credentials {
        Some(c) if accepted => Ok(Step::Ok(c)),
        _ => {
            fail(state, &key, client, "password").await?;
            Ok(Step::Failed)
        }
    }
}

/// One counted attempt at a later step: refused while the throttle holds, and a wrong
/// answer (`check` says whether it was right) recorded as a failure at `stage`.
pub(crate) async fn counted(
    state: &AppState,
    (email, client): (&str, &str),
    stage: &str,
    check: impl AsyncFnOnce() -> Result<bool, StoreError>,
) -> Result<Step<()>, StoreError> {
    let key = failure_key(email);
    if let Some(refused) = throttled(state, &key, client).await? {
        return Ok(refused);
    }
    if check().await? {
        return Ok(Step::Ok(()));
    }
    fail(state, &key, client, stage).await?;
    Ok(Step::Failed)
}

/// Step 2: the code from the authenticator app. Returns the accepted step, already
/// recorded so the same code cannot be used again.
pub async fn code_step(
    state: &AppState,
    credentials: &Credentials,
    email: &str,
    code: &str,
    client: &str,
) -> Result<Step<()>, StoreError> {
    counted(state, (email, client), "second_factor", async || {
        let now = UtcTime::now().timestamp().as_second();
        let Ok(step) = credentials
            .totp_secret
            .verify(code, now, credentials.totp_last_step)
        else {
            return Ok(false);
        };
        commit_if(state, async |tx| {
            tx.accept_totp_step(&credentials.user_id, step).await
        })
        .await
    })
    .await
}

/// Between the password and the new authenticator: the one-time enrolment code the
/// administrator handed over. Throttled and counted like a wrong password, so it cannot
/// be guessed; a right code moves this sign-in on to showing the authenticator.
pub async fn enrolment_code_step(
    state: &AppState,
    session: &SessionRecord,
    credentials: &Credentials,
    email: &str,
    typed: &str,
    client: &str,
) -> Result<Step<()>, StoreError> {
    counted(state, (email, client), "enrolment_code", async || {
        let hash = eenplan_domain::enrolment::code_hash(typed);
        commit_if(state, async |tx| {
            Ok(tx
                .enrolment_code_matches(&credentials.user_id, &hash, UtcTime::now())
                .await?
                && tx
                    .advance_session(
                        &session.token_hash,
                        SessionStage::EnrolCode,
                        SessionStage::Enrol,
                    )
                    .await?)
        })
        .await
    })
    .await
}

/// `check` in one write transaction, kept only when it accepts: a refused code changes
/// nothing.
pub(crate) async fn commit_if(
    state: &AppState,
    check: impl AsyncFnOnce(&mut Tx) -> Result<bool, StoreError>,
) -> Result<bool, StoreError> {
    let mut tx = state.store.write().await?;
    let accepted = check(&mut tx).await?;
    if accepted {
        tx.commit().await?;
    }
    Ok(accepted)
}

/// Starts a session at `stage` for the holder of `credentials`: the token for the
/// cookie or the bearer (the store keeps only its hash).
pub async fn start_session(
    state: &AppState,
    credentials: &Credentials,
    kind: SessionKind,
    stage: SessionStage,
) -> Result<String, StoreError> {
    let token = super::new_token();
    state
        .store
        .change(async |tx| {
            tx.start_session(
                credentials,
                kind,
                stage,
                &eenplan_domain::session::token_hash(&token),
                &super::new_token(),
            )
            .await
        })
        .await?;
    Ok(token)
}

/// A half-finished sign-in that may continue: not ended, not yet active, and young
/// enough. Returns it with the account's current credentials.
pub async fn pending(
    state: &AppState,
    token_hash: &str,
) -> Result<Option<(SessionRecord, Credentials, String)>, StoreError> {
    let mut tx = state.store.read().await?;
    let Some(session) = tx.session(token_hash).await? else {
        return Ok(None);
    };
    let fresh = UtcTime::now().timestamp() < session.created_at.timestamp() + SECOND_FACTOR_TIMEOUT;
    if session.ended || session.stage == SessionStage::Active || !fresh {
        return Ok(None);
    }
    let Some(credentials) = tx.credentials_by_id(&session.user_id).await? else {
        return Ok(None);
    };
    let email = tx
        .principal(&session.user_id)
        .await?
        .map(|p| p.email)
        .unwrap_or_default();
    if !credentials.active {
        return Ok(None);
    }
    Ok(Some((session, credentials, email)))
}
