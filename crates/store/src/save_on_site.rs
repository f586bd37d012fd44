//! SAVE op locatie: the schedule of on-site part-days and the consultations held there.
//! The rules are `domain::save_on_site`; this module loads the facts they need, stores
//! the outcome and journals it (ids and codes only: the question, the advice and the
//! reasons stay here, out of the journal).
//!
//! Access to a family named in a consultation (the booker's circle) is the caller's
//! decision, with the family guard's rule; the consent a named consultation needs is
//! checked here, from the family's consents.

use eenplan_domain::{FamilyId, OrganisationId, UserId};
use std::collections::HashMap;

use eenplan_domain::UtcTime;
use eenplan_domain::calendar::Calendar;
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::save_on_site::{
    self, About, Advice, ConsultationResult, ConsultationState, Manager, NextStep, OnSiteDay,
    OnSiteError, PartOfDay, Request, Slot, SlotFacts,
};
use jiff::civil::Date;

use crate::page::{PageKey, Seek};
use crate::{Backend, Param, Principal, Row, StoreError, Tx, ids, params};

/// A slot being added by a team lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSlot {
    pub worker_id: String,
    pub team_id: String,
    pub day: OnSiteDay,
    pub part: PartOfDay,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
}

/// A slot as shown: the rule's view plus the names around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnSiteSlot {
    pub id: String,
    pub slot: Slot,
    pub organisation_name: String,
    pub worker_name: String,
    pub team_name: String,
    pub local_organisation_name: String,
}

/// A question for the on-site worker: booked ahead, or a walk-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    pub slot_id: String,
    pub on: Date,
    /// Set for a consultation by name.
    pub family_id: Option<FamilyId>,
    pub question: String,
}

/// What the worker records when a consultation is held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdviceInput {
    pub advice: String,
    pub next_steps: Vec<NextStep>,
    pub result: ConsultationResult,
}

impl AdviceInput {
    fn domain(&self) -> Advice<'_> {
        Advice {
            advice: &self.advice,
            next_steps: &self.next_steps,
            result: self.result,
        }
    }
}

/// A consultation as shown, with its slot's details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnSiteConsultation {
    pub id: String,
    pub slot_id: String,
    pub on: Date,
    pub part: PartOfDay,
    pub organisation_id: String,
    pub team_id: String,
    pub team_name: String,
    pub worker_id: String,
    pub worker_name: String,
    pub walk_in: bool,
    pub family_id: Option<FamilyId>,
    pub family_label: Option<String>,
    pub asked_by: String,
    pub asked_by_name: String,
    pub question: String,
    pub state: ConsultationState,
    pub advice: String,
    pub result: Option<ConsultationResult>,
    pub next_steps: Vec<NextStep>,
    pub cancel_reason: String,
}

impl OnSiteConsultation {
    /// The rule's view of it; `consents` are the named family's (empty when anonymous).
    pub fn domain<'a>(
        &'a self,
        consents: &'a [eenplan_domain::family::ConsentFacts],
    ) -> save_on_site::Consultation<'a> {
        save_on_site::Consultation {
            state: self.state,
            on: self.on,
            organisation_id: &self.organisation_id,
            worker_id: &self.worker_id,
            asked_by: &self.asked_by,
            about: match self.family_id {
                Some(_) => About::Named { consents },
                None => About::Anonymous,
            },
        }
    }
}

use crate::db::stored_date as parse_date;

const SLOT_COLUMNS: &str = "s.id, s.organisation_id, s.worker_id, s.team_id, s.day, s.part_of_day AS part, \
    s.starts_on, s.ends_on, o.name AS organisation_name, w.name AS worker_name, \
    t.name AS team_name, lo.name AS local_organisation_name";
const SLOT_FROM: &str = "FROM save_on_site_slots s JOIN organisations o ON o.id = s.organisation_id \
     JOIN users w ON w.id = s.worker_id JOIN teams t ON t.id = s.team_id \
     JOIN organisations lo ON lo.id = t.organisation_id";

/// Weekdays and parts of the day in the order of the week, not of the alphabet.
const DAY_ORDER: &str = "CASE s.day WHEN 'monday' THEN 1 WHEN 'tuesday' THEN 2 WHEN 'wednesday' THEN 3 \
     WHEN 'thursday' THEN 4 ELSE 5 END";
const PART_ORDER: &str = "CASE s.part_of_day WHEN 'morning' THEN 1 ELSE 2 END";

/// The history's order as one text (descending: newest day first): the day, the part
/// of the day, the moment of booking.
const HISTORY_ORDER: &str = "(c.on_date || ' ' || CASE s.part_of_day WHEN 'morning' THEN '1' ELSE '2' END || ' ' || c.booked_at)";
/// The worker's consultations in a period at one team or all, `$1`..`$4`.
const HISTORY_WHERE: &str =
    "s.worker_id = $1 AND c.on_date >= $2 AND c.on_date <= $3 AND ($4 = '' OR s.team_id = $4)";

fn slot_row(r: &Row) -> Result<OnSiteSlot, StoreError> {
    Ok(OnSiteSlot {
        id: r.text("id")?,
        slot: Slot {
            organisation_id: r.text("organisation_id")?,
            worker_id: r.text("worker_id")?,
            team_id: r.text("team_id")?,
            day: r.code("day")?,
            part: r.code("part")?,
            starts_on: parse_date(&r.text("starts_on")?)?,
            ends_on: r
                .opt_text("ends_on")?
                .as_deref()
                .map(parse_date)
                .transpose()?,
        },
        organisation_name: r.text("organisation_name")?,
        worker_name: r.text("worker_name")?,
        team_name: r.text("team_name")?,
        local_organisation_name: r.text("local_organisation_name")?,
    })
}

const CONSULTATION_COLUMNS: &str = "c.id, c.slot_id, c.on_date, s.part_of_day AS part, s.organisation_id, \
    s.team_id, t.name AS team_name, s.worker_id, w.name AS worker_name, c.walk_in, \
    c.family_id, f.label AS family_label, c.asked_by, a.name AS asked_by_name, \
    c.question, c.state, c.advice, c.result, c.cancel_reason";
const CONSULTATION_FROM: &str = "FROM save_consultations c JOIN save_on_site_slots s ON s.id = c.slot_id \
     JOIN teams t ON t.id = s.team_id JOIN users w ON w.id = s.worker_id JOIN users a ON a.id = c.asked_by \
     LEFT JOIN families f ON f.id = c.family_id";

fn consultation_row(r: &Row) -> Result<OnSiteConsultation, StoreError> {
    Ok(OnSiteConsultation {
        id: r.text("id")?,
        slot_id: r.text("slot_id")?,
        on: parse_date(&r.text("on_date")?)?,
        part: r.code("part")?,
        organisation_id: r.text("organisation_id")?,
        team_id: r.text("team_id")?,
        team_name: r.text("team_name")?,
        worker_id: r.text("worker_id")?,
        worker_name: r.text("worker_name")?,
        walk_in: r.bool("walk_in")?,
        family_id: r.opt_id("family_id")?,
        family_label: r.opt_text("family_label")?,
        asked_by: r.text("asked_by")?,
        asked_by_name: r.text("asked_by_name")?,
        question: r.text("question")?,
        state: r.code("state")?,
        advice: r.text("advice")?,
        result: r
            .opt_text("result")?
            .map(|x| x.parse::<ConsultationResult>())
            .transpose()
            .map_err(|e| StoreError::Invalid(e.to_string()))?,
        next_steps: Vec::new(),
        cancel_reason: r.text("cancel_reason")?,
    })
}

fn manager(by: &Principal) -> Manager<'_> {
    Manager {
        roles: &by.roles,
        kind: by.organisation_kind,
        organisation_id: by.organisation_id.as_str(),
    }
}

impl Tx {
    /// A team lead adds a worker's weekly part-day at a local team's team.
    pub async fn add_on_site_slot(
        &mut self,
        actor: &Actor,
        by: &Principal,
        new: &NewSlot,
        now: UtcTime,
    ) -> Result<String, StoreError> {
        // Two leads adding the same worker at once: one waits for the other, so the
        // clash rule sees both.
        if self.backend() == Backend::Postgres {
            self.execute(
                "SELECT id FROM users WHERE id = $1 FOR UPDATE",
                params![&new.worker_id],
            )
            .await?;
        }
        let worker = self
            .fetch_optional(
                "SELECT organisation_id, active FROM users WHERE id = $1",
                params![&new.worker_id],
            )
            .await?;
        // An unknown worker is no worker of ours; an unknown team no local team's.
        let (worker_org, worker_active) = match worker {
            Some(r) => (r.text("organisation_id")?, r.bool("active")?),
            None => return Err(OnSiteError::WorkerNotOurs.into()),
        };
        let team_kind = self
            .fetch_optional(
                "SELECT o.kind FROM teams t JOIN organisations o ON o.id = t.organisation_id WHERE t.id = $1",
                params![&new.team_id],
            )
            .await?
            .map(|r| r.code("kind"))
            .transpose()?
            .ok_or(OnSiteError::NotLocalTeam)?;
        let worker_slots: Vec<Slot> = self
            .fetch_all(
                &format!("SELECT {SLOT_COLUMNS} {SLOT_FROM} WHERE s.worker_id = $1"),
                params![&new.worker_id],
            )
            .await?
            .iter()
            .map(|r| slot_row(r).map(|s| s.slot))
            .collect::<Result<_, _>>()?;
        let slot = Slot {
            organisation_id: by.organisation_id.to_string(),
            worker_id: new.worker_id.clone(),
            team_id: new.team_id.clone(),
            day: new.day,
            part: new.part,
            starts_on: new.starts_on,
            ends_on: new.ends_on,
        };
        save_on_site::check_slot(
            &slot,
            &SlotFacts {
                manager: manager(by),
                worker_organisation_id: &worker_org,
                worker_active,
                team_kind,
                worker_slots: &worker_slots,
                today: eenplan_domain::time::amsterdam_date(now),
            },
        )?;
        let id = ids::new_id();
        self.execute(
            "INSERT INTO save_on_site_slots (id, organisation_id, worker_id, team_id, day, part_of_day, starts_on, ends_on, added_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            params![
                &id,
                &slot.organisation_id,
                &slot.worker_id,
                &slot.team_id,
                slot.day.code(),
                slot.part.code(),
                slot.starts_on.to_string(),
                slot.ends_on.map(|d| d.to_string()),
                now.to_rfc3339()
            ],
        )
        .await?;
        self.append(
            actor,
            Event::SaveOnSiteSlotAdded {
                slot_id: id.clone(),
                organisation_id: slot.organisation_id,
                worker_id: slot.worker_id,
                team_id: slot.team_id,
                day: slot.day.code().to_owned(),
                part_of_day: slot.part.code().to_owned(),
                starts_on: slot.starts_on.to_string(),
                ends_on: slot.ends_on.map(|d| d.to_string()),
            },
        )
        .await?;
        Ok(id)
    }

    /// A team lead ends a slot of their organisation; `ends_on` is its last day.
    pub async fn end_on_site_slot(
        &mut self,
        actor: &Actor,
        by: &Principal,
        slot_id: &str,
        ends_on: Date,
        today: Date,
    ) -> Result<(), StoreError> {
        let slot = self
            .on_site_slot(slot_id)
            .await?
            .filter(|s| s.slot.organisation_id == by.organisation_id)
            .ok_or_else(|| StoreError::NotFound(format!("on-site part-day {slot_id}")))?;
        let after = self
            .fetch_one(
                "SELECT COUNT(*) AS n FROM save_consultations WHERE slot_id = $1 AND on_date > $2 AND state <> 'cancelled'",
                params![slot_id, ends_on.to_string()],
            )
            .await?
            .int("n")?;
        save_on_site::check_end_slot(
            &slot.slot,
            manager(by),
            ends_on,
            today,
            usize::try_from(after).unwrap_or(usize::MAX),
        )?;
        self.execute(
            "UPDATE save_on_site_slots SET ends_on = $2 WHERE id = $1",
            params![slot_id, ends_on.to_string()],
        )
        .await?;
        self.append(
            actor,
            Event::SaveOnSiteSlotEnded {
                slot_id: slot_id.to_owned(),
                ends_on: ends_on.to_string(),
            },
        )
        .await?;
        Ok(())
    }

    pub async fn on_site_slot(&mut self, slot_id: &str) -> Result<Option<OnSiteSlot>, StoreError> {
        self.fetch_optional(
            &format!("SELECT {SLOT_COLUMNS} {SLOT_FROM} WHERE s.id = $1"),
            params![slot_id],
        )
        .await?
        .as_ref()
        .map(slot_row)
        .transpose()
    }

    async fn slots_where(
        &mut self,
        condition: &str,
        value: &str,
    ) -> Result<Vec<OnSiteSlot>, StoreError> {
        self.fetch_all(
            &format!(
                "SELECT {SLOT_COLUMNS} {SLOT_FROM} WHERE {condition} = $1 \
                 ORDER BY t.name, {DAY_ORDER}, {PART_ORDER}, w.name, s.starts_on, s.id"
            ),
            params![value],
        )
        .await?
        .iter()
        .map(slot_row)
        .collect()
    }

    /// A certified institution's schedule (ended part-days included).
    pub async fn on_site_slots_of_organisation(
        &mut self,
        organisation_id: &OrganisationId,
    ) -> Result<Vec<OnSiteSlot>, StoreError> {
        self.slots_where("s.organisation_id", organisation_id.as_str())
            .await
    }

    /// The part-days at one local team's team.
    pub async fn on_site_slots_at_team(
        &mut self,
        team_id: &str,
    ) -> Result<Vec<OnSiteSlot>, StoreError> {
        self.slots_where("s.team_id", team_id).await
    }

    /// One worker's part-days.
    pub async fn on_site_slots_of_worker(
        &mut self,
        worker_id: &UserId,
    ) -> Result<Vec<OnSiteSlot>, StoreError> {
        self.slots_where("s.worker_id", worker_id.as_str()).await
    }

    async fn about_family(
        &mut self,
        family_id: Option<&FamilyId>,
    ) -> Result<Vec<eenplan_domain::family::ConsentFacts>, StoreError> {
        match family_id {
            None => Ok(Vec::new()),
            Some(f) => Ok(self
                .access_facts(f)
                .await?
                .ok_or_else(|| StoreError::NotFound(format!("family {f}")))?
                .consents),
        }
    }

    async fn insert_consultation(
        &mut self,
        actor: &Actor,
        ask: &Ask,
        asked_by: &UserId,
        walk_in: bool,
        now: UtcTime,
    ) -> Result<String, StoreError> {
        let id = ids::new_id();
        self.execute(
            "INSERT INTO save_consultations (id, slot_id, on_date, walk_in, family_id, asked_by, question, state, booked_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'booked', $8)",
            params![
                &id,
                &ask.slot_id,
                ask.on.to_string(),
                walk_in,
                ask.family_id.clone(),
                asked_by,
                ask.question.trim(),
                now.to_rfc3339()
            ],
        )
        .await?;
        self.append(
            actor,
            Event::SaveConsultationBooked {
                consultation_id: id.clone(),
                slot_id: ask.slot_id.clone(),
                on: ask.on.to_string(),
                asked_by: asked_by.to_string(),
                family_id: ask.family_id.as_ref().map(FamilyId::to_string),
                walk_in,
            },
        )
        .await?;
        Ok(id)
    }

    /// Someone else decided the consultation between our read and our write: say how.
    async fn decided_meanwhile(&mut self, id: &str) -> StoreError {
        let state = self
            .fetch_optional(
                "SELECT state FROM save_consultations WHERE id = $1",
                params![id],
            )
            .await
            .and_then(|r| r.map(|r| r.code::<ConsultationState>("state")).transpose());
        match state {
            Ok(Some(ConsultationState::Cancelled)) => OnSiteError::AlreadyCancelled.into(),
            Ok(_) => OnSiteError::AlreadyHeld.into(),
            Err(e) => e,
        }
    }

    /// The consultation is held: the advice, the next steps and the result, once.
    async fn hold(
        &mut self,
        actor: &Actor,
        id: &str,
        by: &UserId,
        advice: &AdviceInput,
        now: UtcTime,
    ) -> Result<(), StoreError> {
        let changed = self
            .execute(
                "UPDATE save_consultations SET state = 'held', advice = $2, result = $3, decided_at = $4, decided_by = $5 \
                 WHERE id = $1 AND state = 'booked'",
                params![
                    id,
                    advice.advice.trim(),
                    advice.result.code(),
                    now.to_rfc3339(),
                    by
                ],
            )
            .await?;
        if changed == 0 {
            return Err(self.decided_meanwhile(id).await);
        }
        for (i, step) in advice.next_steps.iter().enumerate() {
            self.execute(
                "INSERT INTO save_consultation_steps (consultation_id, position, what, who) VALUES ($1, $2, $3, $4)",
                params![
                    id,
                    i64::try_from(i + 1).unwrap_or(i64::MAX),
                    step.what.trim(),
                    step.who.trim()
                ],
            )
            .await?;
        }
        self.append(
            actor,
            Event::SaveConsultationHeld {
                consultation_id: id.to_owned(),
                result: advice.result.code().to_owned(),
                next_steps: advice.next_steps.len(),
            },
        )
        .await?;
        Ok(())
    }

    /// A local professional books the worker's on-site day. For a consultation by name,
    /// the caller has decided that `by` may open the family's file.
    pub async fn book_on_site(
        &mut self,
        actor: &Actor,
        by: &Principal,
        ask: &Ask,
        today: Date,
        now: UtcTime,
    ) -> Result<String, StoreError> {
        let slot = self
            .on_site_slot(&ask.slot_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("on-site part-day {}", ask.slot_id)))?;
        let consents = self.about_family(ask.family_id.as_ref()).await?;
        let about = match ask.family_id {
            Some(_) => About::Named {
                consents: &consents,
            },
            None => About::Anonymous,
        };
        save_on_site::book(
            &Request {
                slot: &slot.slot,
                on: ask.on,
                today,
                asker_team_id: by.team_id.as_deref(),
                about,
                question: &ask.question,
            },
            &Calendar::default(),
        )?;
        self.insert_consultation(actor, ask, &by.user_id, false, now)
            .await
    }

    /// The worker records a walk-in by `asker` (a professional of the slot's team),
    /// held at once with the advice.
    #[allow(clippy::too_many_arguments)]
    pub async fn walk_in_on_site(
        &mut self,
        actor: &Actor,
        by: &Principal,
        asker: &Principal,
        ask: &Ask,
        advice: &AdviceInput,
        today: Date,
        now: UtcTime,
    ) -> Result<String, StoreError> {
        let slot = self
            .on_site_slot(&ask.slot_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("on-site part-day {}", ask.slot_id)))?;
        let consents = self.about_family(ask.family_id.as_ref()).await?;
        let about = match ask.family_id {
            Some(_) => About::Named {
                consents: &consents,
            },
            None => About::Anonymous,
        };
        save_on_site::walk_in(
            &Request {
                slot: &slot.slot,
                on: ask.on,
                today,
                asker_team_id: asker.team_id.as_deref(),
                about,
                question: &ask.question,
            },
            by.user_id.as_str(),
            &advice.domain(),
            &Calendar::default(),
        )?;
        let id = self
            .insert_consultation(actor, ask, &asker.user_id, true, now)
            .await?;
        self.hold(actor, &id, &by.user_id, advice, now).await?;
        Ok(id)
    }

    /// booked → held, by the worker on site.
    pub async fn record_on_site_advice(
        &mut self,
        actor: &Actor,
        by: &Principal,
        consultation_id: &str,
        advice: &AdviceInput,
        today: Date,
        now: UtcTime,
    ) -> Result<(), StoreError> {
        let c = self
            .on_site_consultation(consultation_id, &by.user_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("consultation {consultation_id}")))?;
        let consents = self.about_family(c.family_id.as_ref()).await?;
        save_on_site::record_advice(
            &c.domain(&consents),
            by.user_id.as_str(),
            today,
            &advice.domain(),
        )?;
        self.hold(actor, consultation_id, &by.user_id, advice, now)
            .await
    }

    /// booked → cancelled, by who booked it or the worker, with the reason.
    pub async fn cancel_on_site(
        &mut self,
        actor: &Actor,
        by: &Principal,
        consultation_id: &str,
        reason: &str,
        now: UtcTime,
    ) -> Result<(), StoreError> {
        let c = self
            .on_site_consultation(consultation_id, &by.user_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("consultation {consultation_id}")))?;
        save_on_site::cancel(&c.domain(&[]), by.user_id.as_str(), reason)?;
        let changed = self
            .execute(
                "UPDATE save_consultations SET state = 'cancelled', cancel_reason = $2, decided_at = $3, decided_by = $4 \
                 WHERE id = $1 AND state = 'booked'",
                params![consultation_id, reason.trim(), now.to_rfc3339(), &by.user_id],
            )
            .await?;
        if changed == 0 {
            return Err(self.decided_meanwhile(consultation_id).await);
        }
        self.append(
            actor,
            Event::SaveConsultationCancelled {
                consultation_id: consultation_id.to_owned(),
            },
        )
        .await?;
        Ok(())
    }

    /// The team lead of the part-day's institution cancels a booking, with the reason
    /// (so the part-day can be ended, or nobody waits for a worker who is ill).
    pub async fn lead_cancel_on_site(
        &mut self,
        actor: &Actor,
        by: &Principal,
        (slot_id, consultation_id): (&str, &str),
        reason: &str,
        now: UtcTime,
    ) -> Result<(), StoreError> {
        let c = self
            .consultations_where("c.id = $1", params![consultation_id])
            .await?
            .into_iter()
            .next()
            .filter(|c| c.organisation_id == by.organisation_id.as_str() && c.slot_id == slot_id)
            .ok_or_else(|| StoreError::NotFound(format!("consultation {consultation_id}")))?;
        save_on_site::lead_cancel(&c.domain(&[]), &manager(by), reason)?;
        let changed = self
            .execute(
                "UPDATE save_consultations SET state = 'cancelled', cancel_reason = $2, decided_at = $3, decided_by = $4 \
                 WHERE id = $1 AND state = 'booked'",
                params![consultation_id, reason.trim(), now.to_rfc3339(), &by.user_id],
            )
            .await?;
        if changed == 0 {
            return Err(self.decided_meanwhile(consultation_id).await);
        }
        self.append(
            actor,
            Event::SaveConsultationCancelled {
                consultation_id: consultation_id.to_owned(),
            },
        )
        .await?;
        Ok(())
    }

    /// A part-day's consultations from `from` on that are still booked, for the team
    /// lead of its institution (`None` for a part-day of another institution).
    pub async fn on_site_slot_bookings(
        &mut self,
        organisation_id: &OrganisationId,
        slot_id: &str,
        from: Date,
    ) -> Result<Option<Vec<OnSiteConsultation>>, StoreError> {
        let Some(slot) = self.on_site_slot(slot_id).await? else {
            return Ok(None);
        };
        if slot.slot.organisation_id != organisation_id.as_str() {
            return Ok(None);
        }
        self.consultations_where(
            "c.slot_id = $1 AND c.on_date >= $2 AND c.state = 'booked'",
            params![slot_id, from.to_string()],
        )
        .await
        .map(Some)
    }

    /// How many consultations the worker held in a period (`from` and `to` inclusive,
    /// bounded by `domain::save_on_site::history_period`), at one team or all.
    pub async fn on_site_history_count(
        &mut self,
        worker_id: &UserId,
        team_id: Option<&str>,
        (from, to): (Date, Date),
    ) -> Result<usize, StoreError> {
        let n = self
            .fetch_one(
                &format!("SELECT COUNT(*) AS n {CONSULTATION_FROM} WHERE {HISTORY_WHERE}"),
                params![
                    worker_id,
                    from.to_string(),
                    to.to_string(),
                    team_id.unwrap_or("")
                ],
            )
            .await?
            .int("n")?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    /// One page of the worker's consultations in a period (as
    /// [`Tx::on_site_history_count`]), newest first: at most `limit` on the `seek` side
    /// of a key, each with its key.
    pub async fn on_site_history_page(
        &mut self,
        worker_id: &UserId,
        team_id: Option<&str>,
        (from, to): (Date, Date),
        seek: &Seek,
        limit: i64,
    ) -> Result<Vec<(OnSiteConsultation, PageKey)>, StoreError> {
        let mut args = params![
            worker_id,
            from.to_string(),
            to.to_string(),
            team_id.unwrap_or("")
        ];
        let (cond, dir) = seek.condition_desc(HISTORY_ORDER, "c.id", args.len() + 1);
        args.extend(seek.params());
        args.push(Param::from(limit));
        let tail = format!(
            "ORDER BY {HISTORY_ORDER} {dir}, c.id {dir} LIMIT ${}",
            args.len()
        );
        let mut list = self
            .consultations_query(&format!("{HISTORY_WHERE}{cond}"), args, &tail)
            .await?;
        seek.restore(&mut list);
        Ok(list)
    }

    /// The consultations matching `condition` in the order of the day, for the lists
    /// that hold one day, one part-day or one family (a bound far above what such a
    /// list holds; the history, which has no such bound, pages).
    async fn consultations_where(
        &mut self,
        condition: &str,
        args: Vec<Param>,
    ) -> Result<Vec<OnSiteConsultation>, StoreError> {
        let tail = format!("ORDER BY c.on_date, {PART_ORDER}, c.booked_at, c.id LIMIT 500");
        Ok(self
            .consultations_query(condition, args, &tail)
            .await?
            .into_iter()
            .map(|(c, _)| c)
            .collect())
    }

    /// The consultations matching `condition`, read in the order and number of `tail`,
    /// each with its key in the history's order, and their next steps.
    async fn consultations_query(
        &mut self,
        condition: &str,
        args: Vec<Param>,
        tail: &str,
    ) -> Result<Vec<(OnSiteConsultation, PageKey)>, StoreError> {
        let mut list = self
            .fetch_all(
                &format!(
                    "SELECT {CONSULTATION_COLUMNS}, {HISTORY_ORDER} AS sort_value {CONSULTATION_FROM} \
                     WHERE {condition} {tail}"
                ),
                args,
            )
            .await?
            .iter()
            .map(|r| {
                Ok((
                    consultation_row(r)?,
                    PageKey {
                        value: r.text("sort_value")?,
                        id: r.text("id")?,
                    },
                ))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        if list.is_empty() {
            return Ok(list);
        }
        let ids: Vec<Param> = list.iter().map(|(c, _)| Param::from(&c.id)).collect();
        let marks = (1..=ids.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let steps = self
            .fetch_all(
                &format!(
                    "SELECT consultation_id, what, who FROM save_consultation_steps \
                     WHERE consultation_id IN ({marks}) ORDER BY consultation_id, position"
                ),
                ids,
            )
            .await?;
        let mut by_id: HashMap<String, Vec<NextStep>> = HashMap::new();
        for r in &steps {
            by_id
                .entry(r.text("consultation_id")?)
                .or_default()
                .push(NextStep {
                    what: r.text("what")?,
                    who: r.text("who")?,
                });
        }
        for (c, _) in &mut list {
            c.next_steps = by_id.remove(&c.id).unwrap_or_default();
        }
        Ok(list)
    }

    /// One consultation, for someone who may read it (the worker or the asker);
    /// `None` for anyone else, as for an id that does not exist.
    pub async fn on_site_consultation(
        &mut self,
        consultation_id: &str,
        viewer_id: &UserId,
    ) -> Result<Option<OnSiteConsultation>, StoreError> {
        Ok(self
            .consultations_where("c.id = $1", params![consultation_id])
            .await?
            .into_iter()
            .find(|c| save_on_site::may_view(&c.domain(&[]), viewer_id.as_str())))
    }

    /// The worker's on-site list for one day: every consultation at their part-days.
    pub async fn on_site_day(
        &mut self,
        worker_id: &UserId,
        on: Date,
    ) -> Result<Vec<OnSiteConsultation>, StoreError> {
        self.consultations_where(
            "s.worker_id = $1 AND c.on_date = $2",
            params![worker_id, on.to_string()],
        )
        .await
    }

    /// The worker's consultations from `from` up to and including `to`.
    pub async fn on_site_days_of_worker(
        &mut self,
        worker_id: &UserId,
        from: Date,
        to: Date,
    ) -> Result<Vec<OnSiteConsultation>, StoreError> {
        self.consultations_where(
            "s.worker_id = $1 AND c.on_date >= $2 AND c.on_date <= $3",
            params![worker_id, from.to_string(), to.to_string()],
        )
        .await
    }

    /// What a local professional asked, from `from` on (and on that day itself).
    pub async fn on_site_asked_by(
        &mut self,
        user_id: &UserId,
        from: Date,
    ) -> Result<Vec<OnSiteConsultation>, StoreError> {
        self.consultations_where(
            "c.asked_by = $1 AND c.on_date >= $2",
            params![user_id, from.to_string()],
        )
        .await
    }

    /// Booked consultations per slot and day at a team's part-days in a period: how
    /// busy an on-site day is, without who or about what.
    pub async fn on_site_booked_counts(
        &mut self,
        team_id: &str,
        from: Date,
        to: Date,
    ) -> Result<HashMap<(String, Date), usize>, StoreError> {
        let mut out = HashMap::new();
        for r in self
            .fetch_all(
                "SELECT c.slot_id, c.on_date, COUNT(*) AS n FROM save_consultations c \
                 JOIN save_on_site_slots s ON s.id = c.slot_id \
                 WHERE s.team_id = $1 AND c.on_date >= $2 AND c.on_date <= $3 AND c.state <> 'cancelled' \
                 GROUP BY c.slot_id, c.on_date",
                params![team_id, from.to_string(), to.to_string()],
            )
            .await?
        {
            out.insert(
                (r.text("slot_id")?, parse_date(&r.text("on_date")?)?),
                usize::try_from(r.int("n")?).unwrap_or(0),
            );
        }
        Ok(out)
    }

    /// A family's consultations by name, newest first (its file's history of them).
    pub async fn family_on_site_consultations(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Vec<OnSiteConsultation>, StoreError> {
        let mut list = self
            .consultations_where("c.family_id = $1", params![family_id])
            .await?;
        list.reverse();
        Ok(list)
    }

    /// Active people (id, name) of a team or an organisation, by name: who can ask at a
    /// team's part-day, or be scheduled by a certified institution. Every one: a choice
    /// list that left someone out would say that person cannot be chosen, and one team's
    /// or institution's staff is a list a page holds.
    pub async fn on_site_people(
        &mut self,
        team_id: Option<&str>,
        organisation_id: Option<&OrganisationId>,
    ) -> Result<Vec<(String, String)>, StoreError> {
        self.fetch_all(
            "SELECT id, name FROM users WHERE active = 1 AND ($1 = '' OR team_id = $1) \
             AND ($2 = '' OR organisation_id = $2) ORDER BY name, id",
            params![
                team_id.unwrap_or_default(),
                organisation_id
                    .map(OrganisationId::as_str)
                    .unwrap_or_default()
            ],
        )
        .await?
        .iter()
        .map(|r| Ok((r.text("id")?, r.text("name")?)))
        .collect()
    }

    /// Families whose consent to a consultation by name with `organisation_id` holds on
    /// `on` and in whose circle a professional of `team_id` works: whom the worker may
    /// record a walk-in about by name at that team. Each with the team's professionals
    /// involved (user ids). The rules still decide at recording.
    pub async fn on_site_named_candidates(
        &mut self,
        organisation_id: &OrganisationId,
        team_id: &str,
        on: Date,
    ) -> Result<Vec<(FamilyId, String, Vec<UserId>)>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT f.id, f.label, i.user_id FROM families f \
                 JOIN consents c ON c.family_id = f.id \
                 JOIN involvements i ON i.family_id = f.id AND i.ended_at IS NULL \
                 JOIN users u ON u.id = i.user_id \
                 WHERE c.step = 'named_consultation' AND c.organisation_id = $1 AND c.withdrawn_at IS NULL \
                   AND c.given_on <= $3 AND (c.ends_on IS NULL OR c.ends_on >= $3) AND u.team_id = $2 \
                 ORDER BY f.label, f.id, i.user_id",
                params![organisation_id, team_id, on.to_string()],
            )
            .await?;
        let mut out: Vec<(FamilyId, String, Vec<UserId>)> = Vec::new();
        for r in &rows {
            let (id, label, user): (FamilyId, _, UserId) =
                (r.id("id")?, r.text("label")?, r.id("user_id")?);
            match out.last_mut() {
                Some((last, _, users)) if *last == id => {
                    if !users.contains(&user) {
                        users.push(user);
                    }
                }
                _ => out.push((id, label, vec![user])),
            }
        }
        Ok(out)
    }
}
