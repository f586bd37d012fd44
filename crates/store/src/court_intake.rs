//! A certified institution's intake (issue 15 §1): the court orders in force that name
//! it while nobody of it is in the family's circle yet, the longest waiting first. Its
//! team leads are told of each decision and staff it from this list.

use eenplan_domain::protection_order::Measure;
use eenplan_domain::{FamilyId, OrganisationId};
use jiff::civil::Date;

use crate::db::stored_opt_date as date;
use crate::{StoreError, Tx, params};

/// A court order waiting for its institution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeFile {
    pub request_id: String,
    pub family_id: FamilyId,
    pub family_label: String,
    pub measure: Measure,
    pub decided_on: Date,
    pub ends_on: Option<Date>,
}

/// The orders of the list, as SQL: granted to the institution (`$1`), not ended before
/// `$2` (today), with no running involvement of the institution in the family.
const WAITING: &str = "FROM protection_order_requests r JOIN families f ON f.id = r.family_id \
     WHERE r.institution_id = $1 AND r.state = 'granted' AND (r.ends_on IS NULL OR r.ends_on >= $2) \
     AND NOT EXISTS (SELECT 1 FROM involvements i WHERE i.family_id = r.family_id \
       AND i.organisation_id = r.institution_id AND i.ended_at IS NULL)";

impl Tx {
    /// The first `limit` orders waiting for `institution` (the longest waiting first)
    /// and how many wait in all.
    pub async fn court_order_intake(
        &mut self,
        institution: &OrganisationId,
        today: Date,
        limit: i64,
    ) -> Result<(Vec<IntakeFile>, i64), StoreError> {
        let today = today.to_string();
        let total = self
            .fetch_one(
                &format!("SELECT COUNT(*) AS n {WAITING}"),
                params![institution, today.as_str()],
            )
            .await?
            .int("n")?;
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT r.id, r.family_id, f.label, r.granted_measure, r.decided_on, r.ends_on \
                     {WAITING} ORDER BY r.decided_on, r.id LIMIT $3"
                ),
                params![institution, today.as_str(), limit],
            )
            .await?;
        let list = rows
            .iter()
            .map(|r| {
                Ok(IntakeFile {
                    request_id: r.text("id")?,
                    family_id: r.id("family_id")?,
                    family_label: r.text("label")?,
                    measure: r.code("granted_measure")?,
                    decided_on: date(Some(r.text("decided_on")?))?.unwrap_or_default(),
                    ends_on: date(r.opt_text("ends_on")?)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok((list, total))
    }
}
