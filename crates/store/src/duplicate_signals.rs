//! What the duplicate check leaves behind: its access-log lines (event
//! `duplicate_check`) are both the rate limit's memory and the signals the leading
//! organisation sees in its work list. Read from the access log, so there is one record
//! of who asked about which file, sealed on its chain.

use eenplan_domain::UserId;
use eenplan_domain::UtcTime;

use crate::{StoreError, Tx, params};

/// The access-log event of a duplicate check that found a file.
pub const DUPLICATE_CHECK_EVENT: eenplan_domain::access_log::AccessEvent =
    eenplan_domain::access_log::AccessEvent::DuplicateCheck;

/// Someone outside the circle has a signal about the same child or address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateSignal {
    pub family_id: String,
    pub family_label: String,
    /// The organisation of the person whose check found the file.
    pub organisation_name: String,
    pub at: UtcTime,
}

fn time(text: &str) -> Result<UtcTime, StoreError> {
    UtcTime::parse(text).map_err(|e| StoreError::Invalid(e.to_string()))
}

impl Tx {
    /// When `user_id`'s duplicate checks found a file outside their circle, since `since`.
    pub async fn duplicate_probes_since(
        &mut self,
        user_id: &UserId,
        since: UtcTime,
    ) -> Result<Vec<UtcTime>, StoreError> {
        self.fetch_all(
            "SELECT at FROM access_log WHERE user_id = $1 AND event = $2 AND outcome = 'denied' AND at >= $3 ORDER BY at",
            params![user_id, DUPLICATE_CHECK_EVENT.code(), since.to_rfc3339()],
        )
        .await?
        .iter()
        .map(|r| time(&r.text("at")?))
        .collect()
    }

    /// The newest `limit` signals since `since` about the files `user_id` leads as
    /// regisseur, or that the regisseur of `led_team` leads (who, as an organisation,
    /// and when, nothing more), and how many there are in all: a short list on the start
    /// page that says how many more there are rather than stopping silently.
    pub async fn duplicate_signals(
        &mut self,
        user_id: &UserId,
        led_team: Option<&str>,
        since: UtcTime,
        limit: i64,
    ) -> Result<(Vec<DuplicateSignal>, usize), StoreError> {
        let args = || {
            params![
                user_id,
                led_team.map(str::to_owned),
                DUPLICATE_CHECK_EVENT.code(),
                since.to_rfc3339()
            ]
        };
        const SIGNALS: &str = "FROM access_log a \
             JOIN families f ON f.id = a.family_id JOIN organisations o ON o.id = a.organisation_id \
             WHERE a.event = $3 AND a.outcome = 'denied' AND a.at >= $4 AND a.family_id IN ( \
               SELECT i.family_id FROM involvements i \
               WHERE i.user_id = $1 AND i.ended_at IS NULL AND i.role = 'regisseur' \
               UNION ALL \
               SELECT i.family_id FROM users u JOIN involvements i ON i.user_id = u.id \
               WHERE u.team_id = $2 AND i.ended_at IS NULL AND i.role = 'regisseur')";
        let total = self
            .fetch_one(&format!("SELECT COUNT(*) AS n {SIGNALS}"), args())
            .await?
            .int("n")?;
        let mut with_limit = args();
        with_limit.push(crate::Param::from(limit));
        let signals = self
            .fetch_all(
                &format!(
                    "SELECT a.family_id, f.label AS family_label, o.name AS organisation_name, a.at {SIGNALS} \
                     ORDER BY a.at DESC, a.id DESC LIMIT $5"
                ),
                with_limit,
            )
            .await?
            .iter()
            .map(|r| {
                Ok(DuplicateSignal {
                    family_id: r.text("family_id")?,
                    family_label: r.text("family_label")?,
                    organisation_name: r.text("organisation_name")?,
                    at: time(&r.text("at")?)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok((signals, usize::try_from(total).unwrap_or(usize::MAX)))
    }
}
