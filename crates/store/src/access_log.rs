//! Reading the access log (NEN 7513) for the privacy officer: filtered, newest first.

use eenplan_domain::UtcTime;

use crate::{StoreError, Tx, params};

/// What the privacy officer filters on; empty fields are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessFilter {
    pub family_id: String,
    pub user_email: String,
    pub organisation_id: String,
    pub from: Option<UtcTime>,
    /// Exclusive.
    pub until: Option<UtcTime>,
    pub emergency_only: bool,
    pub limit: i64,
}

/// One line of the log with the names a person reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessLine {
    pub at: String,
    pub event: String,
    pub outcome: String,
    pub basis: Option<String>,
    pub user_id: String,
    pub user_name: String,
    pub user_email: String,
    pub organisation_name: String,
    pub role: String,
    pub on_behalf_of: Option<String>,
    pub family_id: Option<String>,
    pub data: String,
    pub client_address: String,
}

impl Tx {
    pub async fn access_log(&mut self, f: &AccessFilter) -> Result<Vec<AccessLine>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT a.at, a.event, a.outcome, a.basis, a.user_id, u.name, u.email, o.name, a.role, a.on_behalf_of, a.family_id, a.data, a.client_address \
                 FROM access_log a JOIN users u ON u.id = a.user_id JOIN organisations o ON o.id = a.organisation_id \
                 WHERE ($1 = '' OR a.family_id = $1) AND ($2 = '' OR u.email = $2) AND ($3 = '' OR a.organisation_id = $3) \
                   AND ($4 = '' OR a.at >= $4) AND ($5 = '' OR a.at < $5) AND ($6 = 0 OR a.basis = 'emergency') \
                 ORDER BY a.at DESC, a.id DESC LIMIT $7",
                params![
                    f.family_id.trim(),
                    f.user_email.trim().to_lowercase(),
                    f.organisation_id.trim(),
                    f.from.map(UtcTime::to_rfc3339).unwrap_or_default(),
                    f.until.map(UtcTime::to_rfc3339).unwrap_or_default(),
                    i64::from(f.emergency_only),
                    f.limit
                ],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(AccessLine {
                    at: r.text(0)?,
                    event: r.text(1)?,
                    outcome: r.text(2)?,
                    basis: r.opt_text(3)?,
                    user_id: r.text(4)?,
                    user_name: r.text(5)?,
                    user_email: r.text(6)?,
                    organisation_name: r.text(7)?,
                    role: r.text(8)?,
                    on_behalf_of: r.opt_text(9)?,
                    family_id: r.opt_text(10)?,
                    data: r.text(11)?,
                    client_address: r.text(12)?,
                })
            })
            .collect()
    }
}
