//! Complaints (issue 17 §4): filed by anyone through the public form, handled by the
//! organisation's complaints officer, analysed per year. No part of any family file:
//! the table has no family, the events are never on a timeline
//! (`EventKind::audience`), and every read by an officer is a line in the access log.
//!
//! The course of a complaint is the domain's [`Complaint`]: each step loads it, lets
//! the domain decide, and stores what it allowed, in one transaction.

use eenplan_domain::access_log::{AccessBasis, AccessEvent};
use eenplan_domain::calendar::StatutoryCalendar;
use eenplan_domain::complaint::handling::Decision;
use eenplan_domain::complaint::{Complaint, ComplaintOutcome, Procedure, Theme, procedure_for};
use eenplan_domain::enrolment;
use eenplan_domain::journal::{Actor, Event};
use jiff::civil::Date;

use crate::db::{stored_date, stored_opt_date};
use crate::{AccessEntry, Row, StoreError, Tx, ids, params};

/// What the public form gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComplaint {
    pub organisation_id: String,
    pub professional_name: Option<String>,
    pub what_happened: String,
    pub complainant_name: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

/// What the complainant takes home: the reference and the code, shown once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiledComplaint {
    pub id: String,
    pub reference: String,
    pub code: String,
}

/// A complaint as the complaints officer handles it (and, reduced, as the status page
/// shows it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintRecord {
    pub id: String,
    pub reference: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub professional_name: Option<String>,
    pub what_happened: String,
    pub complainant_name: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub course: Complaint,
}

/// Who reads, for the access log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintReader {
    pub user_id: String,
    pub organisation_id: String,
    pub role: String,
    pub client_address: String,
}

const COLUMNS: &str = "c.id, c.reference, c.organisation_id, o.name AS organisation_name, \
     c.procedure, c.professional_name, c.what_happened, c.complainant_name, c.contact_email, \
     c.contact_phone, c.received_on, c.confirmed_on, c.extended_on, c.extension_reason, \
     c.decided_on, c.outcome, c.theme";

impl Tx {
    /// Files a complaint from the public form, received today. The organisation must
    /// be one complaints are handled for here (`procedure_for`).
    pub async fn file_complaint(
        &mut self,
        new: &NewComplaint,
        received_on: Date,
    ) -> Result<FiledComplaint, StoreError> {
        let actor = Actor::System {
            component: "public complaint form",
        };
        self.insert_complaint(new, received_on, &actor).await
    }

    /// Files a complaint for the signed-in family member `account_id` (issue 17 §4): the
    /// public form's complaint, handled the same way, and on the member's own list
    /// ([`Tx::family_member_complaints`]). Still no part of the family file: the row
    /// names the account, never the family. The reference and code are made as always
    /// (the officer's pages use the reference); the portal does not need to show them.
    pub async fn file_family_complaint(
        &mut self,
        account_id: &str,
        new: &NewComplaint,
        received_on: Date,
    ) -> Result<FiledComplaint, StoreError> {
        let actor = Actor::Family {
            account_id: account_id.to_owned(),
        };
        let filed = self.insert_complaint(new, received_on, &actor).await?;
        self.execute(
            "UPDATE complaints SET family_account_id = $1 WHERE id = $2",
            params![account_id, &filed.id],
        )
        .await?;
        Ok(filed)
    }

    /// The complaints the family member `account_id` filed through the portal, newest
    /// first, without contact details (their page needs none). No access-log line: the
    /// complaints are the member's own and no family data.
    pub async fn family_member_complaints(
        &mut self,
        account_id: &str,
    ) -> Result<Vec<ComplaintRecord>, StoreError> {
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT {COLUMNS} FROM complaints c JOIN organisations o ON o.id = c.organisation_id \
                     WHERE c.family_account_id = $1 ORDER BY c.filed_at DESC, c.id DESC"
                ),
                params![account_id],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let mut record = self.complaint_from_row(r).await?;
            record.contact_email = None;
            record.contact_phone = None;
            out.push(record);
        }
        Ok(out)
    }

    async fn insert_complaint(
        &mut self,
        new: &NewComplaint,
        received_on: Date,
        actor: &Actor,
    ) -> Result<FiledComplaint, StoreError> {
        let org = self
            .organisations()
            .await?
            .into_iter()
            .find(|o| o.id.as_str() == new.organisation_id)
            .ok_or_else(|| StoreError::NotFound("organisation".into()))?;
        let procedure = procedure_for(org.kind).ok_or_else(|| {
            StoreError::Invalid("complaints about this organisation go elsewhere".into())
        })?;
        let id = ids::new_id();
        let reference = eenplan_domain::complaint::new_reference(ids::random_bytes());
        let code = enrolment::new_code(ids::random_bytes());
        let filed_at = self.now().to_rfc3339();
        self.execute(
            "INSERT INTO complaints (id, reference, code_hash, organisation_id, procedure, \
             professional_name, what_happened, complainant_name, contact_email, contact_phone, \
             received_on, filed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            params![
                &id,
                &reference,
                enrolment::code_hash(&code),
                &new.organisation_id,
                procedure.code(),
                new.professional_name.clone(),
                &new.what_happened,
                &new.complainant_name,
                new.contact_email.clone(),
                new.contact_phone.clone(),
                received_on.to_string(),
                filed_at
            ],
        )
        .await?;
        self.append(
            actor,
            Event::ComplaintFiled {
                complaint_id: id.clone(),
                organisation_id: new.organisation_id.clone(),
                procedure,
                received_on: received_on.to_string(),
            },
        )
        .await?;
        Ok(FiledComplaint {
            id,
            reference,
            code,
        })
    }

    /// The complaint a reference and code open, for the public status page; `None`
    /// when either is wrong (the page does not say which).
    pub async fn complaint_by_code(
        &mut self,
        reference: &str,
        code: &str,
    ) -> Result<Option<ComplaintRecord>, StoreError> {
        let reference = eenplan_domain::complaint::normalise_reference(reference);
        let row = self
            .fetch_optional(
                &format!(
                    "SELECT {COLUMNS}, c.code_hash FROM complaints c \
                     JOIN organisations o ON o.id = c.organisation_id WHERE c.reference = $1"
                ),
                params![&reference],
            )
            .await?;
        let Some(row) = row else { return Ok(None) };
        let stored = row.text("code_hash")?;
        let typed = enrolment::code_hash(code);
        // Constant time: the code is the only secret, so its comparison leaks nothing.
        let same = stored.len() == typed.len()
            && stored
                .bytes()
                .zip(typed.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0;
        if !same {
            return Ok(None);
        }
        let mut record = self.complaint_from_row(&row).await?;
        // The complainant sees no contact details back: the page needs none.
        record.contact_email = None;
        record.contact_phone = None;
        Ok(Some(record))
    }

    /// The complaints about `organisation_id`, newest first, for its complaints
    /// officer: one access-log line for the list.
    pub async fn complaints_of(
        &mut self,
        reader: &ComplaintReader,
        organisation_id: &str,
    ) -> Result<Vec<ComplaintRecord>, StoreError> {
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT {COLUMNS} FROM complaints c JOIN organisations o ON o.id = c.organisation_id \
                     WHERE c.organisation_id = $1 ORDER BY c.received_on DESC, c.filed_at DESC"
                ),
                params![organisation_id],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(self.complaint_from_row(r).await?);
        }
        self.log_complaint_read(reader, "klachtenlijst").await?;
        Ok(out)
    }

    /// One complaint of `organisation_id` for its complaints officer, logged as read.
    /// A complaint of another organisation is `NotFound`, like one that does not exist.
    pub async fn complaint_for_officer(
        &mut self,
        reader: &ComplaintReader,
        id: &str,
    ) -> Result<ComplaintRecord, StoreError> {
        let record = self.complaint(&reader.organisation_id, id).await?;
        self.log_complaint_read(reader, &format!("klacht {}", record.reference))
            .await?;
        Ok(record)
    }

    async fn complaint(
        &mut self,
        organisation_id: &str,
        id: &str,
    ) -> Result<ComplaintRecord, StoreError> {
        let row = self
            .fetch_optional(
                &format!(
                    "SELECT {COLUMNS} FROM complaints c JOIN organisations o ON o.id = c.organisation_id \
                     WHERE c.id = $1 AND c.organisation_id = $2"
                ),
                params![id, organisation_id],
            )
            .await?
            .ok_or_else(|| StoreError::NotFound("complaint".into()))?;
        self.complaint_from_row(&row).await
    }

    async fn log_complaint_read(
        &mut self,
        reader: &ComplaintReader,
        data: &str,
    ) -> Result<(), StoreError> {
        self.log_access(&AccessEntry {
            event: AccessEvent::Read,
            granted: true,
            basis: Some(AccessBasis::LegalBasis),
            user_id: reader.user_id.clone(),
            organisation_id: reader.organisation_id.clone(),
            role: reader.role.clone(),
            on_behalf_of: None,
            family_id: None,
            data: data.to_owned(),
            client_address: reader.client_address.clone(),
        })
        .await
    }

    async fn complaint_from_row(&mut self, r: &Row) -> Result<ComplaintRecord, StoreError> {
        let id = r.text("id")?;
        let procedure: Procedure = r.code("procedure")?;
        let received_on = stored_date(&r.text("received_on")?)?;
        let extended = match (
            stored_opt_date(r.opt_text("extended_on")?)?,
            r.opt_text("extension_reason")?,
        ) {
            (Some(on), Some(reason)) => Some((on, reason)),
            _ => None,
        };
        let decision = match stored_opt_date(r.opt_text("decided_on")?)? {
            Some(on) => {
                let outcome: ComplaintOutcome = r.code("outcome")?;
                let theme: Theme = r.code("theme")?;
                let measures = self
                    .fetch_all(
                        "SELECT measure FROM complaint_measures WHERE complaint_id = $1 ORDER BY position",
                        params![&id],
                    )
                    .await?
                    .iter()
                    .map(|m| m.text("measure"))
                    .collect::<Result<Vec<_>, _>>()?;
                Some(Decision {
                    on,
                    outcome,
                    theme,
                    measures,
                })
            }
            None => None,
        };
        Ok(ComplaintRecord {
            id,
            reference: r.text("reference")?,
            organisation_id: r.text("organisation_id")?,
            organisation_name: r.text("organisation_name")?,
            professional_name: r.opt_text("professional_name")?,
            what_happened: r.text("what_happened")?,
            complainant_name: r.text("complainant_name")?,
            contact_email: r.opt_text("contact_email")?,
            contact_phone: r.opt_text("contact_phone")?,
            course: Complaint {
                procedure,
                received_on,
                confirmed_on: stored_opt_date(r.opt_text("confirmed_on")?)?,
                extended,
                decision,
            },
        })
    }

    /// Confirms receipt on `on` (the officer of the complaint's organisation).
    pub async fn confirm_complaint_receipt(
        &mut self,
        actor: &Actor,
        organisation_id: &str,
        id: &str,
        on: Date,
        today: Date,
    ) -> Result<(), StoreError> {
        let mut c = self.complaint(organisation_id, id).await?.course;
        c.confirm_receipt(on, today)?;
        self.execute(
            "UPDATE complaints SET confirmed_on = $1 WHERE id = $2",
            params![on.to_string(), id],
        )
        .await?;
        self.append(
            actor,
            Event::ComplaintReceiptConfirmed {
                complaint_id: id.to_owned(),
                on: on.to_string(),
            },
        )
        .await
    }

    /// Extends the term, told on `on` with `reason`.
    pub async fn extend_complaint(
        &mut self,
        actor: &Actor,
        organisation_id: &str,
        id: &str,
        on: Date,
        reason: &str,
        today: Date,
    ) -> Result<(), StoreError> {
        let calendar: StatutoryCalendar = self.statutory_calendar().await?;
        let mut c = self.complaint(organisation_id, id).await?.course;
        c.extend(&calendar, on, reason, today)?;
        self.execute(
            "UPDATE complaints SET extended_on = $1, extension_reason = $2 WHERE id = $3",
            params![on.to_string(), reason.trim(), id],
        )
        .await?;
        self.append(
            actor,
            Event::ComplaintExtended {
                complaint_id: id.to_owned(),
                on: on.to_string(),
            },
        )
        .await
    }

    /// Records the decision, its theme and the measures taken.
    pub async fn decide_complaint(
        &mut self,
        actor: &Actor,
        organisation_id: &str,
        id: &str,
        decision: Decision,
        today: Date,
    ) -> Result<(), StoreError> {
        let mut c = self.complaint(organisation_id, id).await?.course;
        c.decide(decision, today)?;
        let d = c.decision.as_ref().expect("decided just now");
        self.execute(
            "UPDATE complaints SET decided_on = $1, outcome = $2, theme = $3 WHERE id = $4",
            params![d.on.to_string(), d.outcome.code(), d.theme.code(), id],
        )
        .await?;
        for (i, m) in d.measures.iter().enumerate() {
            self.execute(
                "INSERT INTO complaint_measures (complaint_id, position, measure) VALUES ($1, $2, $3)",
                params![id, i as i64, m],
            )
            .await?;
        }
        self.append(
            actor,
            Event::ComplaintDecided {
                complaint_id: id.to_owned(),
                on: d.on.to_string(),
                outcome: d.outcome,
                theme: d.theme,
                measures: d.measures.len(),
            },
        )
        .await
    }

    /// The courses of `organisation_id`'s complaints received in `year`, for the
    /// yearly analysis (figures only: no access-log line, nobody's complaint is read).
    pub async fn complaint_courses(
        &mut self,
        organisation_id: &str,
        year: i16,
    ) -> Result<Vec<Complaint>, StoreError> {
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT {COLUMNS} FROM complaints c JOIN organisations o ON o.id = c.organisation_id \
                     WHERE c.organisation_id = $1 AND c.received_on >= $2 AND c.received_on <= $3"
                ),
                params![organisation_id, format!("{year:04}-01-01"), format!("{year:04}-12-31")],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(self.complaint_from_row(r).await?.course);
        }
        Ok(out)
    }
}
