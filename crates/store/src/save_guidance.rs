//! SAVE-begeleiding stored: the start (the SAVE worker joins as a partner and the goals
//! go into the family's plan, in one transaction), reviews and the end. The rules are
//! `domain::save_guidance`.

use eenplan_domain::family::{Expertise, Framework, InvolvementRole};
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::save_guidance::{
    self, GuidanceError, GuidanceOutcome, ReviewPolicy, StartGuidance,
};
use eenplan_domain::{FamilyId, OrganisationId, UserId};
use jiff::civil::Date;

use crate::{NewInvolvement, PlanSave, Row, StoreError, Tx, ids, params};

/// What starting a guidance asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGuidance {
    pub worker_id: String,
    pub expertise: Expertise,
    /// The guidance's own goals; they are added to the plan's safety goals.
    pub goals: Vec<String>,
    pub planned_end: Date,
    /// Months between reviews (1–3); none is the longest allowed.
    pub review_months: Option<u8>,
}

/// What a review records; the next review date follows from the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewInput {
    pub reviewed_on: Date,
    pub planned_end: Date,
    pub note: String,
    pub reviewed_by: String,
}

/// A review as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuidanceReview {
    pub reviewed_on: Date,
    pub planned_end: Date,
    pub next_review_on: Date,
    pub note: String,
    pub reviewed_by: String,
}

/// A guidance as the family page, the API and the work lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guidance {
    pub id: String,
    pub family_id: String,
    pub family_label: String,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub worker_id: String,
    pub worker_name: String,
    pub expertise: Expertise,
    pub goals: Vec<String>,
    pub review_months: u8,
    pub started_on: Date,
    pub planned_end: Date,
    pub next_review_on: Date,
    pub ended_on: Option<Date>,
    pub outcome: Option<GuidanceOutcome>,
    pub end_reason: String,
    pub reviews: Vec<GuidanceReview>,
}

impl Guidance {
    pub fn running(&self) -> bool {
        self.ended_on.is_none()
    }

    pub fn review_due(&self, today: Date) -> bool {
        self.running() && save_guidance::review_due(self.next_review_on, today)
    }
}

use crate::db::stored_date as date;

const COLUMNS: &str = "g.id, g.family_id, f.label AS family_label, g.organisation_id, o.name \
    AS organisation_name, g.worker_id, u.name AS worker_name, g.expertise, g.goals, \
    g.review_months, g.started_on, g.planned_end, g.next_review_on, g.ended_on, \
    g.outcome, g.end_reason FROM save_guidances g JOIN families f ON f.id = \
    g.family_id JOIN organisations o ON o.id = g.organisation_id JOIN users u ON \
    u.id = g.worker_id";

fn guidance(r: &Row) -> Result<Guidance, StoreError> {
    Ok(Guidance {
        id: r.text("id")?,
        family_id: r.text("family_id")?,
        family_label: r.text("family_label")?,
        organisation_id: r.id("organisation_id")?,
        organisation_name: r.text("organisation_name")?,
        worker_id: r.text("worker_id")?,
        worker_name: r.text("worker_name")?,
        expertise: r.code("expertise")?,
        goals: serde_json::from_str(&r.text("goals")?)
            .map_err(|e| StoreError::Invalid(format!("stored goals: {e}")))?,
        review_months: u8::try_from(r.int("review_months")?)
            .unwrap_or(save_guidance::MAX_REVIEW_MONTHS),
        started_on: date(&r.text("started_on")?)?,
        planned_end: date(&r.text("planned_end")?)?,
        next_review_on: date(&r.text("next_review_on")?)?,
        ended_on: r.opt_text("ended_on")?.map(|d| date(&d)).transpose()?,
        outcome: r
            .opt_text("outcome")?
            .map(|o| o.parse::<GuidanceOutcome>())
            .transpose()
            .map_err(|e| StoreError::Invalid(e.to_string()))?,
        end_reason: r.text("end_reason")?,
        reviews: Vec::new(),
    })
}

impl Tx {
    /// Starts a SAVE-begeleiding: checks the domain's rules, lets the worker join as a
    /// partner (or keeps their running involvement), writes the goals into the plan and
    /// records the guidance. All or nothing: the caller's transaction.
    pub async fn start_save_guidance(
        &mut self,
        actor: &Actor,
        user_id: &UserId,
        family_id: &FamilyId,
        g: &NewGuidance,
        today: Date,
    ) -> Result<String, StoreError> {
        let facts = self
            .access_facts(family_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("family {family_id}")))?;
        let worker = self
            .fetch_optional(
                "SELECT u.organisation_id, o.kind FROM users u JOIN organisations o ON o.id = u.organisation_id \
                 WHERE u.id = $1 AND u.active = 1",
                params![&g.worker_id],
            )
            .await?
            .ok_or_else(|| StoreError::UnknownUser(g.worker_id.clone()))?;
        let organisation_id = worker.text("organisation_id")?;
        save_guidance::check_giver(worker.code::<OrganisationKind>("kind")?)?;
        let policy = match g.review_months {
            Some(m) => ReviewPolicy::every(m)?,
            None => ReviewPolicy::default(),
        };
        let goals: Vec<String> = g
            .goals
            .iter()
            .map(|x| x.trim().to_owned())
            .filter(|x| !x.is_empty())
            .collect();
        let running = self
            .fetch_optional(
                "SELECT id FROM save_guidances WHERE family_id = $1 AND ended_on IS NULL",
                params![family_id],
            )
            .await?
            .is_some();
        save_guidance::check_start(&StartGuidance {
            save_organisation_id: &organisation_id,
            consents: &facts.consents,
            goals: goals.len(),
            planned_end: g.planned_end,
            today,
            voluntary: facts.framework == Framework::Voluntary,
            running,
        })?;
        let involvement_id = match self
            .fetch_optional(
                "SELECT id FROM involvements WHERE family_id = $1 AND user_id = $2 AND ended_at IS NULL",
                params![family_id, &g.worker_id],
            )
            .await?
        {
            Some(r) => r.text("id")?,
            None => {
                self.add_involvement(
                    actor,
                    family_id,
                    NewInvolvement {
                        role: InvolvementRole::Partner,
                        organisation_id: organisation_id.clone(),
                        user_id: g.worker_id.clone(),
                        expertise: Some(g.expertise),
                        takes_over: None,
                        reason: None,
                    },
                )
                .await?
                .0
            }
        };
        let (version, mut plan) = self.current_plan(family_id).await?;
        for goal in &goals {
            if !plan.safety_goals.iter().any(|g| g.text == *goal) {
                plan.safety_goals.push(goal.clone().into());
            }
        }
        if let PlanSave::Conflict { .. } = self
            .save_plan(actor, user_id, family_id, version, &plan)
            .await?
        {
            return Err(StoreError::Invalid(
                "the plan changed meanwhile: try again".into(),
            ));
        }
        let id = ids::new_id();
        let next_review_on = save_guidance::next_review(policy, today, g.planned_end);
        self.execute(
            "INSERT INTO save_guidances (id, family_id, organisation_id, worker_id, involvement_id, expertise, goals, \
             review_months, started_on, planned_end, next_review_on, started_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            params![
                &id,
                family_id,
                &organisation_id,
                &g.worker_id,
                &involvement_id,
                g.expertise.code(),
                serde_json::to_string(&goals).map_err(|e| StoreError::Invalid(e.to_string()))?,
                i64::from(policy.months()),
                today.to_string(),
                g.planned_end.to_string(),
                next_review_on.to_string(),
                user_id
            ],
        )
        .await
        .map_err(|e| match e.duplicate_as(String::new) {
            StoreError::Duplicate(_) => StoreError::Guidance(GuidanceError::AlreadyRunning),
            other => other,
        })?;
        self.append(
            actor,
            Event::SaveGuidanceStarted {
                family_id: family_id.to_string(),
                guidance_id: id.clone(),
                organisation_id,
                worker_id: g.worker_id.clone(),
                expertise: g.expertise.code().to_owned(),
                planned_end: g.planned_end.to_string(),
                next_review_on: next_review_on.to_string(),
            },
        )
        .await?;
        self.refresh_next_due(family_id).await?;
        Ok(id)
    }

    async fn guidance_of(
        &mut self,
        family_id: &FamilyId,
        guidance_id: &str,
    ) -> Result<Guidance, StoreError> {
        let row = self
            .fetch_optional(
                &format!("SELECT {COLUMNS} WHERE g.id = $1 AND g.family_id = $2"),
                params![guidance_id, family_id],
            )
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("guidance {guidance_id}")))?;
        guidance(&row)
    }

    /// A review: the next one at most the policy's months on; the planned end may move.
    #[allow(clippy::too_many_arguments)]
    pub async fn review_save_guidance(
        &mut self,
        actor: &Actor,
        viewer_organisation: &OrganisationId,
        lead: bool,
        family_id: &FamilyId,
        guidance_id: &str,
        review: &ReviewInput,
        today: Date,
    ) -> Result<Date, StoreError> {
        let g = self.guidance_of(family_id, guidance_id).await?;
        save_guidance::may_act(
            viewer_organisation.as_str(),
            g.organisation_id.as_str(),
            lead,
        )?;
        let consents = self
            .access_facts(family_id)
            .await?
            .map(|f| f.consents)
            .unwrap_or_default();
        save_guidance::check_review(
            !g.running(),
            save_guidance::consent_holds(
                &consents,
                g.organisation_id.as_str(),
                review.reviewed_on.max(today),
            ),
            g.started_on,
            review.reviewed_on,
            today,
            review.planned_end,
            &review.note,
        )?;
        let policy = ReviewPolicy::every(g.review_months)?;
        let next = save_guidance::next_review(policy, review.reviewed_on, review.planned_end);
        self.execute(
            "INSERT INTO save_guidance_reviews (id, guidance_id, reviewed_on, planned_end, next_review_on, note, reviewed_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            params![
                ids::new_id(),
                guidance_id,
                review.reviewed_on.to_string(),
                review.planned_end.to_string(),
                next.to_string(),
                review.note.trim(),
                &review.reviewed_by
            ],
        )
        .await?;
        // The row is the lock: a guidance ended meanwhile is not reviewed.
        let changed = self
            .execute(
                "UPDATE save_guidances SET planned_end = $2, next_review_on = $3 WHERE id = $1 AND ended_on IS NULL",
                params![guidance_id, review.planned_end.to_string(), next.to_string()],
            )
            .await?;
        if changed != 1 {
            return Err(StoreError::Guidance(GuidanceError::AlreadyEnded));
        }
        self.append(
            actor,
            Event::SaveGuidanceReviewed {
                family_id: family_id.to_string(),
                guidance_id: guidance_id.to_owned(),
                reviewed_on: review.reviewed_on.to_string(),
                planned_end: review.planned_end.to_string(),
                next_review_on: next.to_string(),
            },
        )
        .await?;
        self.refresh_next_due(family_id).await?;
        Ok(next)
    }

    /// The end with its outcome. The SAVE worker's involvement ends with it, except
    /// after scaling up, when SAVE stays alongside for the step to the Raad.
    #[allow(clippy::too_many_arguments)]
    pub async fn end_save_guidance(
        &mut self,
        actor: &Actor,
        viewer_organisation: &OrganisationId,
        lead: bool,
        ended_by: &UserId,
        family_id: &FamilyId,
        guidance_id: &str,
        outcome: GuidanceOutcome,
        reason: &str,
        today: Date,
    ) -> Result<(), StoreError> {
        self.end_guidance(
            actor,
            (viewer_organisation, lead),
            Some(ended_by),
            (family_id, guidance_id),
            (outcome, reason),
            today,
        )
        .await
    }

    /// [`Tx::end_save_guidance`], by a professional or (`ended_by` none) by the family
    /// withdrawing the consent it rested on.
    async fn end_guidance(
        &mut self,
        actor: &Actor,
        (viewer_organisation, lead): (&OrganisationId, bool),
        ended_by: Option<&UserId>,
        (family_id, guidance_id): (&FamilyId, &str),
        (outcome, reason): (GuidanceOutcome, &str),
        today: Date,
    ) -> Result<(), StoreError> {
        let g = self.guidance_of(family_id, guidance_id).await?;
        save_guidance::may_act(
            viewer_organisation.as_str(),
            g.organisation_id.as_str(),
            lead,
        )?;
        save_guidance::check_end(!g.running(), outcome, reason)?;
        let changed = self.execute(
            "UPDATE save_guidances SET ended_on = $2, outcome = $3, end_reason = $4, ended_by = $5 \
             WHERE id = $1 AND ended_on IS NULL",
            params![
                guidance_id,
                today.to_string(),
                outcome.code(),
                reason.trim(),
                ended_by
            ],
        )
        .await?;
        // The row is the lock: of two racing ends, one wins.
        if changed != 1 {
            return Err(StoreError::Guidance(GuidanceError::AlreadyEnded));
        }
        if save_guidance::ends_involvement(outcome) {
            let involvement = self
                .fetch_one(
                    "SELECT involvement_id FROM save_guidances WHERE id = $1",
                    params![guidance_id],
                )
                .await?
                .text("involvement_id")?;
            let active = self
                .fetch_optional(
                    "SELECT id FROM involvements WHERE id = $1 AND ended_at IS NULL",
                    params![&involvement],
                )
                .await?
                .is_some();
            if active {
                // The outcome only: the end's own reason stays with the guidance, out
                // of the journal and the timeline.
                let why = format!("SAVE-begeleiding beëindigd: {}", outcome.label_nl());
                self.end_involvement(actor, family_id, &involvement, &why)
                    .await?;
            }
        }
        self.append(
            actor,
            Event::SaveGuidanceEnded {
                family_id: family_id.to_string(),
                guidance_id: guidance_id.to_owned(),
                outcome: outcome.code().to_owned(),
                ended_on: today.to_string(),
            },
        )
        .await?;
        self.refresh_next_due(family_id).await?;
        Ok(())
    }

    /// Ends, without result, the running guidances whose consent is no longer in force
    /// (after a withdrawal): SAVE works only on the family's consent.
    pub async fn end_guidances_without_consent(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        ended_by: Option<&UserId>,
    ) -> Result<(), StoreError> {
        let today = eenplan_domain::time::amsterdam_date(self.now());
        let Some(facts) = self.access_facts(family_id).await? else {
            return Ok(());
        };
        for g in self.save_guidances(family_id).await? {
            if g.running()
                && !save_guidance::consent_holds(&facts.consents, g.organisation_id.as_str(), today)
            {
                self.end_guidance(
                    actor,
                    (&g.organisation_id, true),
                    ended_by,
                    (family_id, &g.id),
                    (
                        GuidanceOutcome::EndedWithoutResult,
                        save_guidance::ENDED_BY_WITHDRAWAL,
                    ),
                    today,
                )
                .await?;
            }
        }
        Ok(())
    }

    /// A family's guidances, newest first, each with its reviews.
    pub async fn save_guidances(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Vec<Guidance>, StoreError> {
        let mut list = self
            .fetch_all(
                &format!(
                    "SELECT {COLUMNS} WHERE g.family_id = $1 ORDER BY g.started_on DESC, g.id"
                ),
                params![family_id],
            )
            .await?
            .iter()
            .map(guidance)
            .collect::<Result<Vec<_>, _>>()?;
        for g in &mut list {
            g.reviews = self
                .fetch_all(
                    "SELECT reviewed_on, planned_end, next_review_on, note, reviewed_by FROM save_guidance_reviews \
                     WHERE guidance_id = $1 ORDER BY reviewed_on, id",
                    params![&g.id],
                )
                .await?
                .iter()
                .map(|r| {
                    Ok(GuidanceReview {
                        reviewed_on: date(&r.text("reviewed_on")?)?,
                        planned_end: date(&r.text("planned_end")?)?,
                        next_review_on: date(&r.text("next_review_on")?)?,
                        note: r.text("note")?,
                        reviewed_by: r.text("reviewed_by")?,
                    })
                })
                .collect::<Result<_, StoreError>>()?;
        }
        Ok(list)
    }

    /// Running guidances whose review is due, in the families `user_id` leads as
    /// regisseur: on the regisseur's work list next to the plan's own reviews. All of
    /// them (bounded by the files one regisseur leads); the start page shows the first
    /// and says how many more there are.
    pub async fn save_reviews_due_for_regisseur(
        &mut self,
        user_id: &UserId,
        today: Date,
    ) -> Result<Vec<Guidance>, StoreError> {
        self.fetch_all(
            &format!(
                "SELECT {COLUMNS} JOIN involvements i ON i.family_id = g.family_id AND i.role = 'regisseur' \
                 AND i.ended_at IS NULL AND i.user_id = $1 \
                 WHERE g.ended_on IS NULL ORDER BY g.next_review_on, g.id"
            ),
            params![user_id],
        )
        .await?
        .iter()
        .map(guidance)
        .filter(|g| g.as_ref().map_or(true, |g| g.review_due(today)))
        .collect()
    }

    /// The running guidances a SAVE worker gives, the first review first: their work
    /// list, all of it (bounded by one worker's caseload); the start page shows the
    /// first and says how many more there are.
    pub async fn save_guidances_of_worker(
        &mut self,
        worker_id: &UserId,
    ) -> Result<Vec<Guidance>, StoreError> {
        self.fetch_all(
            &format!(
                "SELECT {COLUMNS} WHERE g.worker_id = $1 AND g.ended_on IS NULL ORDER BY g.next_review_on, g.id"
            ),
            params![worker_id],
        )
        .await?
        .iter()
        .map(guidance)
        .collect()
    }
}
