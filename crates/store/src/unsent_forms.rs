//! Forms sent after their session expired, kept sealed until their author signs in
//! again (at most [`KEEP_UNSENT_FORM`]). The store never sees what was typed: the web
//! layer seals it with a key only the author's browser holds.

use eenplan_domain::UserId;
use eenplan_domain::UtcTime;
use eenplan_domain::session::KEEP_UNSENT_FORM;

use crate::{StoreError, Tx, ids, params};

/// A kept form: where it was going and its sealed content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsentForm {
    pub id: String,
    pub path: String,
    pub sealed: String,
}

impl Tx {
    /// Keeps one form for `user_id`, replacing any earlier one, and forgets every form
    /// older than the keeping term. Returns the form's id.
    pub async fn keep_unsent_form(
        &mut self,
        user_id: &UserId,
        path: &str,
        sealed: &str,
        now: UtcTime,
    ) -> Result<String, StoreError> {
        self.forget_stale_forms(now).await?;
        self.execute(
            "DELETE FROM unsent_forms WHERE user_id = $1",
            params![user_id],
        )
        .await?;
        let id = ids::new_id();
        self.execute(
            "INSERT INTO unsent_forms (id, user_id, path, sealed, kept_at) VALUES ($1, $2, $3, $4, $5)",
            params![&id, user_id, path, sealed, now.to_rfc3339()],
        )
        .await?;
        Ok(id)
    }

    /// Hands the form back to its author once, and deletes it. Someone else's form, or
    /// one past the keeping term, is not there.
    pub async fn take_unsent_form(
        &mut self,
        id: &str,
        user_id: &UserId,
        now: UtcTime,
    ) -> Result<Option<UnsentForm>, StoreError> {
        self.forget_stale_forms(now).await?;
        let row = self
            .fetch_optional(
                "SELECT id, path, sealed FROM unsent_forms WHERE id = $1 AND user_id = $2",
                params![id, user_id],
            )
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        self.execute("DELETE FROM unsent_forms WHERE id = $1", params![id])
            .await?;
        Ok(Some(UnsentForm {
            id: row.text("id")?,
            path: row.text("path")?,
            sealed: row.text("sealed")?,
        }))
    }

    async fn forget_stale_forms(&mut self, now: UtcTime) -> Result<(), StoreError> {
        let cutoff = UtcTime::from_timestamp(now.timestamp() - KEEP_UNSENT_FORM);
        self.execute(
            "DELETE FROM unsent_forms WHERE kept_at < $1",
            params![cutoff.to_rfc3339()],
        )
        .await?;
        Ok(())
    }
}
