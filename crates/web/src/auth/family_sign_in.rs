//! A family member's sign-in (issue 17 §1): the professionals' rules applied to the
//! family's own accounts. The same throttle and failure count (`auth::sign_in`), the
//! same password hashing and TOTP check (`domain::password`, `domain::totp`); only the
//! account and session rows differ, so a family member can never hold a professional's
//! session.

use eenplan_domain::UtcTime;
use eenplan_domain::password;
use eenplan_domain::session::{SECOND_FACTOR_TIMEOUT, token_hash};
use eenplan_store::{FamilyCredentials, FamilySession, FamilyStage, StoreError};

use super::sign_in::{Step, commit_if, counted, dummy_hash, fail, failure_key, throttled};
use crate::AppState;

/// Invitation codes are counted like a wrong password under this one key per client:
/// a code is 80 random bits, so guessing is hopeless, and the client limit ends trying.
pub const INVITATION_KEY: &str = "family-invitation";

/// Step 1: e-mail address and password of a working family account.
pub async fn password_step(
    state: &AppState,
    email: &str,
    password_text: &str,
    client: &str,
) -> Result<Step<FamilyCredentials>, StoreError> {
    let key = failure_key(email);
    if let Some(refused) = throttled(state, &key, client).await? {
        return Ok(refused);
    }
    let credentials = state.store.read().await?.family_credentials(&key).await?;
    let accepted = match &credentials {
        Some(c) if c.usable => password::verify(password_text, &c.password_hash),
        _ => {
            let _ = password::verify(password_text, dummy_hash());
            false
        }
    };
    match credentials {
        Some(c) if accepted => Ok(Step::Ok(c)),
        _ => {
            fail(state, &key, client, "family_password").await?;
            Ok(Step::Failed)
        }
    }
}

/// Step 2 (and the last step of activation): the authenticator app's code, accepted
/// once.
pub async fn code_step(
    state: &AppState,
    credentials: &FamilyCredentials,
    email: &str,
    code: &str,
    client: &str,
) -> Result<Step<()>, StoreError> {
    counted(state, (email, client), "family_second_factor", async || {
        let now = UtcTime::now().timestamp().as_second();
        let Ok(step) = credentials
            .totp_secret
            .verify(code, now, credentials.totp_last_step)
        else {
            return Ok(false);
        };
        commit_if(state, async |tx| {
            tx.accept_family_totp_step(&credentials.account_id, step)
                .await
        })
        .await
    })
    .await
}

/// Whether this client may try an invitation code now; `Some` is the refusal.
pub async fn invitation_throttled(
    state: &AppState,
    client: &str,
) -> Result<Option<Step<()>>, StoreError> {
    throttled(state, INVITATION_KEY, client).await
}

/// A code that named no open invitation: counted against the client.
pub async fn invitation_failed(state: &AppState, client: &str) -> Result<(), StoreError> {
    fail(state, INVITATION_KEY, client, "family_invitation").await
}

/// Starts a family session at `stage`; returns the cookie's token.
pub async fn start(
    state: &AppState,
    account_id: &str,
    stage: FamilyStage,
) -> Result<String, StoreError> {
    let token = super::new_token();
    state
        .store
        .change(async |tx| {
            tx.start_family_session(account_id, stage, &token_hash(&token), &super::new_token())
                .await
        })
        .await?;
    Ok(token)
}

/// A half-finished family sign-in (or activation) that may continue, with the account's
/// credentials and sign-in name.
pub async fn pending(
    state: &AppState,
    token: &str,
) -> Result<Option<(FamilySession, FamilyCredentials)>, StoreError> {
    let mut tx = state.store.read().await?;
    let Some(session) = tx.family_session(&token_hash(token)).await? else {
        return Ok(None);
    };
    let fresh = UtcTime::now().timestamp() < session.created_at.timestamp() + SECOND_FACTOR_TIMEOUT;
    if session.ended || session.stage == FamilyStage::Active || !fresh {
        return Ok(None);
    }
    let Some(credentials) = tx.family_credentials_by_id(&session.account_id).await? else {
        return Ok(None);
    };
    // Activation links the app of an account that does not work yet; a sign-in needs
    // one that does.
    let may_go_on = match session.stage {
        FamilyStage::Activate => !credentials.usable,
        FamilyStage::SecondFactor => credentials.usable,
        FamilyStage::Active => false,
    };
    Ok(may_go_on.then_some((session, credentials)))
}
