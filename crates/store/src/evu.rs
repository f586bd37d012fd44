//! EVU referrals stored: a local team (on the family's consent) or Veilig Thuis (its
//! legal task) calls in the EVU; the coordinator assigns a combination of workers, who
//! join the family's circle together. The rules are `domain::evu`.

use eenplan_domain::evu::{self, EvuError, ReferralSource, ReferralState};
use eenplan_domain::family::InvolvementRole;
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::{FamilyId, OrganisationId, UserId};
use jiff::civil::Date;

use crate::db::stored_date as date;
use crate::page::{PageKey, Seek};
use crate::{NewInvolvement, Param, Row, StoreError, Tx, ids, params};

/// The coordinator's order: new referrals first, each group oldest first (referral
/// dates are `YYYY-MM-DD` text, so the concatenation sorts as the pair does).
const EVU_ORDER: &str = "(CASE r.state WHEN 'new' THEN '0' ELSE '1' END || r.referred_on)";

/// A professional in an EVU combination, or one the coordinator can choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvuWorker {
    pub user_id: String,
    pub name: String,
    pub organisation_id: String,
    pub organisation_name: String,
}

/// A referral as the coordinator and the family's page see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvuReferral {
    pub id: String,
    pub family_id: FamilyId,
    pub family_label: String,
    pub source: ReferralSource,
    pub vt_contact_id: Option<String>,
    pub organisation_name: String,
    pub referred_on: Date,
    pub reason: String,
    pub state: ReferralState,
    pub decided_on: Option<Date>,
    pub decision_reason: String,
    pub workers: Vec<EvuWorker>,
}

const COLUMNS: &str = "r.id, r.family_id, f.label AS family_label, r.source, r.vt_contact_id, \
    o.name AS organisation_name, r.referred_on, r.reason, r.state, r.decided_on, r.decision_reason \
    FROM evu_referrals r \
    JOIN families f ON f.id = r.family_id JOIN organisations o ON o.id = r.organisation_id";

fn referral(r: &Row) -> Result<EvuReferral, StoreError> {
    Ok(EvuReferral {
        id: r.text("id")?,
        family_id: r.id("family_id")?,
        family_label: r.text("family_label")?,
        source: r.code("source")?,
        vt_contact_id: r.opt_text("vt_contact_id")?,
        organisation_name: r.text("organisation_name")?,
        referred_on: date(&r.text("referred_on")?)?,
        reason: r.text("reason")?,
        state: r.code("state")?,
        decided_on: r.opt_text("decided_on")?.map(|d| date(&d)).transpose()?,
        decision_reason: r.text("decision_reason")?,
        workers: Vec::new(),
    })
}

fn worker(r: &Row) -> Result<EvuWorker, StoreError> {
    Ok(EvuWorker {
        user_id: r.text("user_id")?,
        name: r.text("name")?,
        organisation_id: r.text("organisation_id")?,
        organisation_name: r.text("organisation_name")?,
    })
}

/// Who made the referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Referrer<'a> {
    pub organisation_id: &'a OrganisationId,
    pub user_id: &'a UserId,
}

impl Tx {
    /// Calls in the EVU for a family. `vt_contact` is the Veilig Thuis report it comes
    /// from, if any (then the source is Veilig Thuis).
    pub async fn refer_to_evu(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        by: Referrer<'_>,
        vt_contact: Option<&str>,
        reason: &str,
        today: Date,
    ) -> Result<String, StoreError> {
        let facts = self
            .access_facts(family_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("family {family_id}")))?;
        let kind = self
            .fetch_one(
                "SELECT kind FROM organisations WHERE id = $1",
                params![by.organisation_id],
            )
            .await?
            .code::<OrganisationKind>("kind")?;
        let source = evu::referral_source(kind, vt_contact.is_some())?;
        let consent = evu::consented(&facts.consents, today);
        let lives_there = self.lives_in_evu_area(family_id, today).await?;
        let open = self.open_evu_referral(family_id).await?.is_some();
        evu::check_referral(source, lives_there, consent, open, reason)?;
        let id = ids::new_id();
        self.execute(
            "INSERT INTO evu_referrals (id, family_id, source, vt_contact_id, organisation_id, referred_by, referred_on, reason, state) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            params![
                &id,
                family_id,
                source.code(),
                vt_contact,
                by.organisation_id,
                by.user_id,
                today.to_string(),
                reason.trim(),
                ReferralState::New.code()
            ],
        )
        .await
        .map_err(|e| match e.duplicate_as(String::new) {
            StoreError::Duplicate(_) => StoreError::Evu(EvuError::AlreadyOpen),
            other => other,
        })?;
        self.append(
            actor,
            Event::EvuReferred {
                family_id: family_id.to_string(),
                referral_id: id.clone(),
                source: source.code().to_owned(),
                vt_contact_id: vt_contact.map(str::to_owned),
            },
        )
        .await?;
        Ok(id)
    }

    /// The family's referral that is new or staffed, if any.
    pub async fn open_evu_referral(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Option<String>, StoreError> {
        self.fetch_optional(
            "SELECT id FROM evu_referrals WHERE family_id = $1 AND state IN ('new', 'assigned')",
            params![family_id],
        )
        .await?
        .map(|r| r.text("id"))
        .transpose()
    }

    /// The referrals of these rows, each with its combination: one query for all of
    /// them, not one per referral.
    async fn with_workers(&mut self, rows: &[Row]) -> Result<Vec<EvuReferral>, StoreError> {
        let mut out = rows.iter().map(referral).collect::<Result<Vec<_>, _>>()?;
        if out.is_empty() {
            return Ok(out);
        }
        let ids: Vec<Param> = out.iter().map(|r| Param::from(r.id.as_str())).collect();
        let assigned = self
            .fetch_all(
                &format!(
                    "SELECT a.user_id, u.name, a.organisation_id, o.name AS organisation_name, a.referral_id \
                     FROM evu_assignments a \
                     JOIN users u ON u.id = a.user_id JOIN organisations o ON o.id = a.organisation_id \
                     WHERE a.referral_id IN ({}) ORDER BY o.name, u.name",
                    crate::consent::placeholders(ids.len())
                ),
                ids,
            )
            .await?;
        for row in &assigned {
            let referral_id = row.text("referral_id")?;
            if let Some(r) = out.iter_mut().find(|r| r.id == referral_id) {
                r.workers.push(worker(row)?);
            }
        }
        Ok(out)
    }

    pub async fn evu_referral(
        &mut self,
        referral_id: &str,
    ) -> Result<Option<EvuReferral>, StoreError> {
        match self
            .fetch_optional(
                &format!("SELECT {COLUMNS} WHERE r.id = $1"),
                params![referral_id],
            )
            .await?
        {
            Some(row) => Ok(self.with_workers(std::slice::from_ref(&row)).await?.pop()),
            None => Ok(None),
        }
    }

    /// One page of the coordinator's list: new referrals to staff (oldest first), then
    /// the ones being worked on; each with its key.
    pub async fn evu_work_page(
        &mut self,
        seek: &Seek,
        limit: i64,
    ) -> Result<Vec<(EvuReferral, PageKey)>, StoreError> {
        let (cond, dir) = seek.condition(EVU_ORDER, "r.id", 1);
        let mut args = seek.params();
        let at = args.len() + 1;
        args.push(Param::from(limit));
        let mut rows = self
            .fetch_all(
                &format!(
                    "SELECT {EVU_ORDER} AS sort_value, {COLUMNS} WHERE r.state IN ('new', 'assigned'){cond} \
                     ORDER BY {EVU_ORDER} {dir}, r.id {dir} LIMIT ${at}"
                ),
                args,
            )
            .await?;
        seek.restore(&mut rows);
        let keys = rows
            .iter()
            .map(|r| {
                Ok(PageKey {
                    value: r.text("sort_value")?,
                    id: r.text("id")?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(self
            .with_workers(&rows)
            .await?
            .into_iter()
            .zip(keys)
            .collect())
    }

    /// How many referrals the coordinator's list holds.
    pub async fn evu_work_count(&mut self) -> Result<usize, StoreError> {
        let n = self
            .fetch_one(
                "SELECT COUNT(*) AS n FROM evu_referrals r WHERE r.state IN ('new', 'assigned')",
                vec![],
            )
            .await?
            .int("n")?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// A family's referrals, newest first.
    pub async fn evu_referrals_of(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Vec<EvuReferral>, StoreError> {
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT {COLUMNS} WHERE r.family_id = $1 ORDER BY r.referred_on DESC, r.id"
                ),
                params![family_id],
            )
            .await?;
        self.with_workers(&rows).await
    }

    /// Professionals who can be chosen for a combination or a guidance: active, with a
    /// professional or behavioural-science role, by organisation; of one kind of
    /// organisation when `kind` is given. Every one, never the first so many: a choice
    /// list that stops silently says the rest cannot be chosen.
    pub async fn professionals(
        &mut self,
        kind: Option<OrganisationKind>,
    ) -> Result<Vec<EvuWorker>, StoreError> {
        self.fetch_all(
            "SELECT DISTINCT u.id AS user_id, u.name, o.id AS organisation_id, o.name AS organisation_name \
             FROM users u JOIN organisations o ON o.id = u.organisation_id \
             JOIN user_roles r ON r.user_id = u.id \
             WHERE u.active = 1 AND r.role IN ('professional', 'behavioural_scientist') AND ($1 = '' OR o.kind = $1) \
             ORDER BY o.name, u.name, u.id",
            params![kind.map(|k| k.code()).unwrap_or_default()],
        )
        .await?
        .iter()
        .map(worker)
        .collect()
    }

    /// Assigns the combination at once: every worker joins the circle (or stays, when
    /// already involved) in this transaction, or none does. A worker whose organisation
    /// still needs the family's consent is refused by name, with the step to ask.
    /// Returns the family's id (for the access log).
    pub async fn assign_evu_combination(
        &mut self,
        actor: &Actor,
        referral_id: &str,
        decided_by: &UserId,
        user_ids: &[String],
        today: Date,
    ) -> Result<FamilyId, StoreError> {
        let r = self
            .evu_referral(referral_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("referral {referral_id}")))?;
        let mut workers = Vec::with_capacity(user_ids.len());
        for user in user_ids {
            let row = self
                .fetch_optional(
                    "SELECT u.id AS user_id, u.name, o.id AS organisation_id, o.name AS organisation_name \
                     FROM users u JOIN organisations o ON o.id = u.organisation_id \
                     WHERE u.id = $1 AND u.active = 1",
                    params![user],
                )
                .await?
                .ok_or_else(|| StoreError::UnknownUser(user.clone()))?;
            workers.push(worker(&row)?);
        }
        let pairs: Vec<(String, String)> = workers
            .iter()
            .map(|w| (w.user_id.clone(), w.organisation_id.clone()))
            .collect();
        evu::check_combination(r.state, &pairs)?;
        for w in &workers {
            let involved = self
                .fetch_optional(
                    "SELECT id FROM involvements WHERE family_id = $1 AND user_id = $2 AND ended_at IS NULL",
                    params![&r.family_id, &w.user_id],
                )
                .await?;
            let involvement_id = match involved {
                Some(row) => row.text("id")?,
                None => match self
                    .add_involvement(
                        actor,
                        &r.family_id,
                        NewInvolvement {
                            role: InvolvementRole::Partner,
                            organisation_id: w.organisation_id.clone(),
                            user_id: w.user_id.clone(),
                            expertise: None,
                            takes_over: None,
                            reason: None,
                        },
                    )
                    .await
                {
                    Ok((id, _)) => id,
                    Err(StoreError::ConsentNeeded(step)) => {
                        return Err(StoreError::JoinRefused {
                            worker: w.name.clone(),
                            organisation: w.organisation_name.clone(),
                            step,
                        });
                    }
                    Err(e) => return Err(e),
                },
            };
            self.execute(
                "INSERT INTO evu_assignments (referral_id, user_id, organisation_id, involvement_id) VALUES ($1, $2, $3, $4)",
                params![referral_id, &w.user_id, &w.organisation_id, involvement_id],
            )
            .await?;
        }
        self.decide_referral(
            referral_id,
            (ReferralState::New, ReferralState::Assigned),
            decided_by,
            "",
            today,
        )
        .await?;
        self.append(
            actor,
            Event::EvuCombinationAssigned {
                family_id: r.family_id.to_string(),
                referral_id: referral_id.to_owned(),
                user_ids: user_ids.to_vec(),
            },
        )
        .await?;
        Ok(r.family_id)
    }

    /// Moves the referral `from` one state `to` the next; a referral someone else moved
    /// meanwhile is refused (the row is the lock: of two racing coordinators one wins).
    async fn decide_referral(
        &mut self,
        referral_id: &str,
        (from, to): (ReferralState, ReferralState),
        decided_by: &UserId,
        reason: &str,
        today: Date,
    ) -> Result<(), StoreError> {
        let changed = self
            .execute(
                "UPDATE evu_referrals SET state = $2, decided_on = $3, decided_by = $4, decision_reason = $5 \
                 WHERE id = $1 AND state = $6",
                params![referral_id, to.code(), today.to_string(), decided_by, reason.trim(), from.code()],
            )
            .await?;
        if changed == 1 {
            Ok(())
        } else {
            Err(StoreError::Evu(EvuError::ChangedMeanwhile))
        }
    }

    /// Declines a new referral (the reason goes back to the referrer) or closes a
    /// staffed one. Returns the family's id (for the access log).
    pub async fn finish_evu_referral(
        &mut self,
        actor: &Actor,
        referral_id: &str,
        decided_by: &UserId,
        close: bool,
        reason: &str,
        today: Date,
    ) -> Result<FamilyId, StoreError> {
        let r = self
            .evu_referral(referral_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("referral {referral_id}")))?;
        let (state, event) = if close {
            evu::check_close(r.state, reason)?;
            (
                (ReferralState::Assigned, ReferralState::Closed),
                Event::EvuReferralClosed {
                    family_id: r.family_id.to_string(),
                    referral_id: referral_id.to_owned(),
                },
            )
        } else {
            evu::check_decline(r.state, reason)?;
            (
                (ReferralState::New, ReferralState::Declined),
                Event::EvuReferralDeclined {
                    family_id: r.family_id.to_string(),
                    referral_id: referral_id.to_owned(),
                },
            )
        };
        self.decide_referral(referral_id, state, decided_by, reason, today)
            .await?;
        self.append(actor, event).await?;
        Ok(r.family_id)
    }
}
