//! What the family's own "who looked" page reads of the access log (issue 17 §3): the
//! professionals' granted lines about the family, newest first, with the organisation's
//! kind (the family reads a role in words, not a code) and, for an emergency access,
//! whether the privacy officer has reviewed it. Which line the family sees is the
//! portal rule's (`domain::family::portal::sight`), decided by the page.

use eenplan_domain::access_log::{AccessBasis, AccessEvent};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::{FamilyId, UtcTime};

use crate::{StoreError, Tx, params};

/// One professional's access to the family's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalAccessLine {
    pub id: String,
    pub at: UtcTime,
    pub event: AccessEvent,
    pub basis: Option<AccessBasis>,
    pub user_id: String,
    pub user_name: String,
    /// The roles as the line stored them (`professional,team_lead`).
    pub roles: String,
    pub organisation_name: String,
    pub organisation_kind: OrganisationKind,
    /// The page or operation as logged (`GET /gezinnen/{family}/plan`).
    pub data: String,
    /// For an emergency access: whether the privacy officer has reviewed it.
    pub emergency_reviewed: Option<bool>,
}

/// An emergency access may be logged a moment before its record is written.
const EMERGENCY_SLACK: jiff::SignedDuration = jiff::SignedDuration::from_secs(60);

fn time(text: &str) -> Result<UtcTime, StoreError> {
    UtcTime::parse(text).map_err(|e| StoreError::Invalid(e.to_string()))
}

impl Tx {
    /// At most `limit` granted lines of professionals about `family_id`, newest first.
    /// Family members' own reads (no user) and refused attempts (nobody looked) are not
    /// among them.
    pub async fn portal_access_lines(
        &mut self,
        family_id: &FamilyId,
        limit: i64,
    ) -> Result<Vec<PortalAccessLine>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT a.id, a.at, a.event, a.basis, a.user_id, u.name AS user_name, a.role, \
                   o.name AS organisation_name, o.kind AS organisation_kind, a.data \
                 FROM access_log a JOIN users u ON u.id = a.user_id \
                 JOIN organisations o ON o.id = a.organisation_id \
                 WHERE a.family_id = $1 AND a.outcome = 'granted' \
                 ORDER BY a.at DESC, a.id DESC LIMIT $2",
                params![family_id, limit],
            )
            .await?;
        let emergencies = self
            .fetch_all(
                "SELECT user_id, started_at, expires_at, reviewed_at FROM emergency_access \
                 WHERE family_id = $1 ORDER BY started_at DESC",
                params![family_id],
            )
            .await?
            .iter()
            .map(|r| {
                Ok((
                    r.text("user_id")?,
                    time(&r.text("started_at")?)?,
                    time(&r.text("expires_at")?)?,
                    r.opt_text("reviewed_at")?.is_some(),
                ))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        rows.iter()
            .map(|r| {
                let at = time(&r.text("at")?)?;
                let event: AccessEvent = r.code("event")?;
                let basis = r
                    .opt_text("basis")?
                    .map(|b| {
                        b.parse::<AccessBasis>()
                            .map_err(|e| StoreError::Invalid(format!("stored basis '{b}': {e}")))
                    })
                    .transpose()?;
                let user_id = r.text("user_id")?;
                let emergency =
                    event == AccessEvent::Emergency || basis == Some(AccessBasis::Emergency);
                // The newest emergency access of this worker the line falls in.
                let emergency_reviewed = emergency.then(|| {
                    emergencies
                        .iter()
                        .find(|(user, started, until, _)| {
                            *user == user_id
                                && started.timestamp() <= at.timestamp() + EMERGENCY_SLACK
                                && at.timestamp() <= until.timestamp()
                        })
                        .is_some_and(|(_, _, _, reviewed)| *reviewed)
                });
                Ok(PortalAccessLine {
                    id: r.text("id")?,
                    at,
                    event,
                    basis,
                    user_id,
                    user_name: r.text("user_name")?,
                    roles: r.text("role")?,
                    organisation_name: r.text("organisation_name")?,
                    organisation_kind: r.code("organisation_kind")?,
                    data: r.text("data")?,
                    emergency_reviewed,
                })
            })
            .collect()
    }
}
