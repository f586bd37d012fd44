//! The sessions of family accounts (issue 17 §1): the professionals' session rules
//! (`domain::session`) on rows of their own, since a family account is no `users` row.

use eenplan_domain::UtcTime;
use eenplan_domain::journal::{Actor, Event};

use crate::{Row, StoreError, Tx, params};

fn time(row: &Row, column: &str) -> Result<UtcTime, StoreError> {
    UtcTime::parse(&row.text(column)?).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// Where a family member's sign-in stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FamilyStage {
    /// The invitation code was accepted and a password chosen: linking the app.
    Activate,
    /// Password accepted: waiting for the app's code.
    SecondFactor,
    Active,
}

impl FamilyStage {
    fn code(self) -> &'static str {
        match self {
            FamilyStage::Activate => "activate",
            FamilyStage::SecondFactor => "second_factor",
            FamilyStage::Active => "active",
        }
    }

    fn parse(s: &str) -> Result<Self, StoreError> {
        match s {
            "activate" => Ok(FamilyStage::Activate),
            "second_factor" => Ok(FamilyStage::SecondFactor),
            "active" => Ok(FamilyStage::Active),
            other => Err(StoreError::Invalid(format!(
                "stored family session stage '{other}'"
            ))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilySession {
    pub token_hash: String,
    pub account_id: String,
    pub stage: FamilyStage,
    pub csrf_token: String,
    pub created_at: UtcTime,
    pub last_seen_at: UtcTime,
    pub ended: bool,
}

impl Tx {
    /// Starts a family session; only a full sign-in is journaled.
    pub async fn start_family_session(
        &mut self,
        account_id: &str,
        stage: FamilyStage,
        token_hash: &str,
        csrf_token: &str,
    ) -> Result<(), StoreError> {
        let now = UtcTime::now().to_rfc3339();
        self.execute(
            "INSERT INTO family_sessions (token_hash, account_id, stage, csrf_token, created_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5, $5)",
            params![token_hash, account_id, stage.code(), csrf_token, now],
        )
        .await?;
        if stage == FamilyStage::Active {
            self.append(
                &Actor::Family {
                    account_id: account_id.to_owned(),
                },
                Event::FamilyMemberSignedIn {
                    account_id: account_id.to_owned(),
                },
            )
            .await?;
            self.also_seal(crate::deep::Rec::FamilySession(token_hash.to_owned()));
        }
        Ok(())
    }

    pub async fn family_session(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<FamilySession>, StoreError> {
        let Some(r) = self
            .fetch_optional(
                "SELECT token_hash, account_id, stage, csrf_token, created_at, last_seen_at, ended_at \
                 FROM family_sessions WHERE token_hash = $1",
                params![token_hash],
            )
            .await?
        else {
            return Ok(None);
        };
        Ok(Some(FamilySession {
            token_hash: r.text("token_hash")?,
            account_id: r.text("account_id")?,
            stage: FamilyStage::parse(&r.text("stage")?)?,
            csrf_token: r.text("csrf_token")?,
            created_at: time(&r, "created_at")?,
            last_seen_at: time(&r, "last_seen_at")?,
            ended: r.opt_text("ended_at")?.is_some(),
        }))
    }

    /// A half-finished sign-in becomes a full one under a new token.
    pub async fn complete_family_sign_in(
        &mut self,
        old: &FamilySession,
        new_token_hash: &str,
        csrf_token: &str,
    ) -> Result<(), StoreError> {
        self.end_family_session(old, "promoted").await?;
        self.start_family_session(
            &old.account_id,
            FamilyStage::Active,
            new_token_hash,
            csrf_token,
        )
        .await
    }

    pub async fn touch_family_session(
        &mut self,
        token_hash: &str,
        now: UtcTime,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE family_sessions SET last_seen_at = $2 WHERE token_hash = $1 AND ended_at IS NULL",
            params![token_hash, now.to_rfc3339()],
        )
        .await?;
        Ok(())
    }

    pub async fn end_family_session(
        &mut self,
        session: &FamilySession,
        reason: &str,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE family_sessions SET ended_at = $2, end_reason = $3 WHERE token_hash = $1 AND ended_at IS NULL",
            params![&session.token_hash, UtcTime::now().to_rfc3339(), reason],
        )
        .await?;
        Ok(())
    }

    pub(crate) async fn end_family_sessions(
        &mut self,
        account_id: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE family_sessions SET ended_at = $2, end_reason = $3 WHERE account_id = $1 AND ended_at IS NULL",
            params![account_id, UtcTime::now().to_rfc3339(), reason],
        )
        .await?;
        Ok(())
    }
}
