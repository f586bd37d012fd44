//! What this database is for. The demo marks its database so that `eenplan demo`
//! only ever replaces a demo database, never real data.

use eenplan_domain::journal::{Actor, Event};

use crate::{Store, StoreError, Tx, params};

pub const DEMO_PURPOSE: &str = "demo";

impl Tx {
    pub async fn mark_purpose(&mut self, actor: &Actor, purpose: &str) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO instance (key, value) VALUES ('purpose', $1)",
            params![purpose],
        )
        .await
        .map_err(|e| e.duplicate_as(|| "a purpose for this database".into()))?;
        self.append(
            actor,
            Event::InstanceMarked {
                purpose: purpose.to_owned(),
            },
        )
        .await?;
        Ok(())
    }
}

impl Store {
    pub async fn purpose(&self) -> Result<Option<String>, StoreError> {
        let mut tx = self.read().await?;
        tx.fetch_optional("SELECT value FROM instance WHERE key = 'purpose'", vec![])
            .await?
            .map(|r| r.text(0))
            .transpose()
    }
}
