//! A family member's request for a full copy of the file (AVG art. 15, issue 17 §2):
//! asked on the portal, handled by the privacy officers of the organisation that led
//! the file when it was received. Each step loads the request, lets the domain's
//! `copy_request` rules decide and stores what they allowed, in one transaction.

use eenplan_domain::FamilyId;
use eenplan_domain::family::portal::{
    check_copy_request, check_extension, check_extension_allowed, check_hand_over,
};
use eenplan_domain::journal::{Actor, Event};
use jiff::civil::Date;

use crate::db::{stored_date, stored_opt_date};
use crate::{FamilyPrincipal, Row, StoreError, Tx, ids, params};

/// A copy request as the privacy officer and the member who asked read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyRequest {
    pub id: String,
    pub family_id: String,
    pub family_label: String,
    pub member_id: String,
    pub member_name: String,
    pub organisation_id: String,
    pub note: String,
    pub received_on: Date,
    pub extended_on: Option<Date>,
    pub extension_reason: Option<String>,
    pub handed_over_on: Option<Date>,
}

const COLUMNS: &str = "c.id, c.family_id, f.label, c.member_id, m.name, c.organisation_id, \
     c.note, c.received_on, c.extended_on, c.extension_reason, c.handed_over_on \
     FROM copy_requests c JOIN families f ON f.id = c.family_id \
     JOIN family_members m ON m.id = c.member_id";

fn request(r: &Row) -> Result<CopyRequest, StoreError> {
    Ok(CopyRequest {
        id: r.text("id")?,
        family_id: r.text("family_id")?,
        family_label: r.text("label")?,
        member_id: r.text("member_id")?,
        member_name: r.text("name")?,
        organisation_id: r.text("organisation_id")?,
        note: r.text("note")?,
        received_on: stored_date(&r.text("received_on")?)?,
        extended_on: stored_opt_date(r.opt_text("extended_on")?)?,
        extension_reason: r.opt_text("extension_reason")?,
        handed_over_on: stored_opt_date(r.opt_text("handed_over_on")?)?,
    })
}

fn invalid(e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(e.to_string())
}

impl Tx {
    /// Records `member`'s request, received on `received_on`, for the privacy officers
    /// of the file's lead organisation. A file without a regisseur has no one to
    /// handle it: refused (the portal shows no request button without a file).
    pub async fn request_copy(
        &mut self,
        member: &FamilyPrincipal,
        note: &str,
        received_on: Date,
        today: Date,
    ) -> Result<String, StoreError> {
        let family_id = FamilyId::from(member.family_id.as_str());
        let family = self
            .family(&family_id)
            .await?
            .ok_or_else(|| StoreError::NotFound("family".into()))?;
        let facts = self.portal_family(family_id.as_str()).await?;
        check_copy_request(facts.facts(), &member.member_id, received_on, today)
            .map_err(invalid)?;
        let lead = family
            .regisseur()
            .ok_or_else(|| StoreError::Invalid("the file has no lead organisation".into()))?
            .organisation_id
            .clone();
        let id = ids::new_id();
        let requested_at = self.now_text();
        self.execute(
            "INSERT INTO copy_requests (id, family_id, member_id, account_id, organisation_id, \
             note, received_on, requested_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            params![
                &id,
                &member.family_id,
                &member.member_id,
                &member.account_id,
                &lead,
                note.trim(),
                received_on.to_string(),
                requested_at
            ],
        )
        .await?;
        self.append(
            &member.actor(),
            Event::CopyRequested {
                family_id: member.family_id.clone(),
                copy_request_id: id.clone(),
                organisation_id: lead,
                received_on: received_on.to_string(),
            },
        )
        .await?;
        Ok(id)
    }

    /// The requests `member_id` of `family_id` made, newest first.
    pub async fn copy_requests_of_member(
        &mut self,
        family_id: &str,
        member_id: &str,
    ) -> Result<Vec<CopyRequest>, StoreError> {
        self.fetch_all(
            &format!(
                "SELECT {COLUMNS} WHERE c.family_id = $1 AND c.member_id = $2 \
                 ORDER BY c.received_on DESC, c.requested_at DESC"
            ),
            params![family_id, member_id],
        )
        .await?
        .iter()
        .map(request)
        .collect()
    }

    /// The requests that landed with `organisation_id`: those still to hand over first,
    /// oldest first (the nearest term), then the handed-over ones, newest first.
    pub async fn copy_requests_for(
        &mut self,
        organisation_id: &str,
    ) -> Result<Vec<CopyRequest>, StoreError> {
        let mut all: Vec<CopyRequest> = self
            .fetch_all(
                &format!("SELECT {COLUMNS} WHERE c.organisation_id = $1"),
                params![organisation_id],
            )
            .await?
            .iter()
            .map(request)
            .collect::<Result<_, _>>()?;
        all.sort_by(|a, b| match (a.handed_over_on, b.handed_over_on) {
            (None, None) => (a.received_on, &a.id).cmp(&(b.received_on, &b.id)),
            (None, Some(_)) => std::cmp::Ordering::Less,
            (Some(_), None) => std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => (y, &b.id).cmp(&(x, &a.id)),
        });
        Ok(all)
    }

    /// One request of `organisation_id`; another organisation's is not found.
    pub async fn copy_request(
        &mut self,
        organisation_id: &str,
        id: &str,
    ) -> Result<Option<CopyRequest>, StoreError> {
        self.fetch_optional(
            &format!("SELECT {COLUMNS} WHERE c.id = $1 AND c.organisation_id = $2"),
            params![id, organisation_id],
        )
        .await?
        .as_ref()
        .map(request)
        .transpose()
    }

    async fn own_copy_request(
        &mut self,
        organisation_id: &str,
        id: &str,
    ) -> Result<CopyRequest, StoreError> {
        self.copy_request(organisation_id, id)
            .await?
            .ok_or_else(|| StoreError::NotFound("copy request".into()))
    }

    /// Extends the term by two months, told to the member on `told_on` with `reason`.
    pub async fn extend_copy_request(
        &mut self,
        actor: &Actor,
        organisation_id: &str,
        id: &str,
        told_on: Date,
        reason: &str,
        today: Date,
    ) -> Result<(), StoreError> {
        let c = self.own_copy_request(organisation_id, id).await?;
        check_extension_allowed(c.extended_on.is_some(), c.handed_over_on.is_some())
            .map_err(invalid)?;
        let calendar = self.statutory_calendar().await?;
        check_extension(&calendar, c.received_on, told_on, reason, today).map_err(invalid)?;
        self.execute(
            "UPDATE copy_requests SET extended_on = $1, extension_reason = $2 WHERE id = $3",
            params![told_on.to_string(), reason.trim(), id],
        )
        .await?;
        self.append(
            actor,
            Event::CopyExtended {
                family_id: c.family_id,
                copy_request_id: id.to_owned(),
                told_on: told_on.to_string(),
            },
        )
        .await
    }

    /// Records that the copy was handed over on `on`.
    pub async fn hand_over_copy(
        &mut self,
        actor: &Actor,
        organisation_id: &str,
        id: &str,
        on: Date,
        today: Date,
    ) -> Result<(), StoreError> {
        let c = self.own_copy_request(organisation_id, id).await?;
        check_hand_over(c.received_on, c.handed_over_on, on, today).map_err(invalid)?;
        self.execute(
            "UPDATE copy_requests SET handed_over_on = $1 WHERE id = $2",
            params![on.to_string(), id],
        )
        .await?;
        self.append(
            actor,
            Event::CopyHandedOver {
                family_id: c.family_id,
                copy_request_id: id.to_owned(),
                handed_over_on: on.to_string(),
            },
        )
        .await
    }
}
