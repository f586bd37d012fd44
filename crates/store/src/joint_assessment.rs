//! Joint assessment meetings stored: the meeting and whom it invites, each organisation's
//! view (every revision kept), and the joint judgement, whose actions go into the
//! family's plan as a new plan version in the same transaction. The rules are
//! `domain::joint_assessment`; this module stores and journals them.

use eenplan_domain::family::LifeDomain;
use eenplan_domain::joint_assessment::{
    self, Circle, Judgement, MeetingError, MeetingKind, MeetingState, Owner, Schedule, View,
};
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::{FamilyId, OrganisationId, UserId};
use jiff::civil::{Date, DateTime};

use crate::{Backend, Family, PlanSave, Row, StoreError, Tx, ids, params};

/// A meeting as the lead schedules it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMeeting {
    pub kind: MeetingKind,
    /// Dutch local date and time.
    pub meets_at: DateTime,
    /// Organisation ids.
    pub invited: Vec<String>,
    pub family_takes_part: bool,
    pub family_absence_reason: String,
}

/// An organisation's current view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingView {
    pub organisation_id: OrganisationId,
    /// How many times it was written (1 = never revised).
    pub version: i64,
    pub view: View,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// One "who does what" of a recorded judgement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingAction {
    pub domain: LifeDomain,
    pub what: String,
    pub owner: Owner,
    /// The owner's name as written into the plan.
    pub owner_label: String,
    pub due: Date,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: String,
    pub family_id: String,
    pub kind: MeetingKind,
    pub meets_at: DateTime,
    pub state: MeetingState,
    pub family_takes_part: bool,
    pub family_absence_reason: String,
    /// The organisation that scheduled it (the lead's).
    pub scheduled_by_organisation: String,
    /// (organisation id, name), by name.
    pub invited: Vec<(String, String)>,
    /// The current view of each organisation that wrote one.
    pub views: Vec<MeetingView>,
    pub needs: Option<String>,
    pub differences: Option<String>,
    pub held_on: Option<Date>,
    /// The plan version the judgement's actions were written into.
    pub plan_version: Option<i64>,
    pub actions: Vec<MeetingAction>,
    pub cancel_reason: Option<String>,
    pub cancelled_on: Option<Date>,
}

impl Meeting {
    pub fn meets_on(&self) -> Date {
        self.meets_at.date()
    }

    pub fn invited_ids(&self) -> Vec<String> {
        self.invited.iter().map(|(id, _)| id.clone()).collect()
    }

    pub fn view_of(&self, organisation_id: &OrganisationId) -> Option<&MeetingView> {
        self.views
            .iter()
            .find(|v| v.organisation_id == *organisation_id)
    }
}

/// The family's circle on the day, with the names the plan shows for each owner.
struct Owners {
    organisations: Vec<String>,
    professionals: Vec<String>,
    members: Vec<String>,
    network: Vec<String>,
    labels: Vec<(Owner, String)>,
}

impl Owners {
    fn of(family: &Family) -> Self {
        let mut o = Owners {
            organisations: Vec::new(),
            professionals: Vec::new(),
            members: Vec::new(),
            network: Vec::new(),
            labels: Vec::new(),
        };
        for i in family.involvements.iter().filter(|i| !i.ended) {
            if !o.organisations.contains(&i.organisation_id) {
                o.organisations.push(i.organisation_id.clone());
                o.labels.push((
                    Owner::Organisation(i.organisation_id.clone()),
                    i.organisation_name.clone(),
                ));
            }
            if !o.professionals.contains(&i.user_id) {
                o.professionals.push(i.user_id.clone());
                o.labels.push((
                    Owner::Professional(i.user_id.clone()),
                    format!("{} ({})", i.user_name, i.organisation_name),
                ));
            }
        }
        for m in family.members.iter().filter(|m| !m.ended) {
            o.members.push(m.id.clone());
            o.labels.push((Owner::Member(m.id.clone()), m.name.clone()));
        }
        for n in family.network.iter().filter(|n| !n.ended) {
            o.network.push(n.id.clone());
            o.labels
                .push((Owner::Network(n.id.clone()), n.name.clone()));
        }
        o
    }

    fn circle(&self) -> Circle<'_> {
        Circle {
            organisations: &self.organisations,
            professionals: &self.professionals,
            members: &self.members,
            network: &self.network,
        }
    }

    fn label(&self, owner: &Owner) -> String {
        self.labels
            .iter()
            .find(|(o, _)| o == owner)
            .map_or_else(|| owner.code(), |(_, l)| l.clone())
    }
}

use crate::db::stored_opt_date as date;

const COLUMNS: &str = "id, family_id, kind, meets_at, state, family_takes_part, family_absence_reason, \
    scheduled_by_organisation, needs, differences, held_on, plan_version, cancel_reason, cancelled_on";

fn meeting(r: &Row) -> Result<Meeting, StoreError> {
    let meets_at = r.text("meets_at")?;
    Ok(Meeting {
        id: r.text("id")?,
        family_id: r.text("family_id")?,
        kind: r.code("kind")?,
        meets_at: meets_at
            .parse::<DateTime>()
            .map_err(|e| StoreError::Invalid(format!("stored time '{meets_at}': {e}")))?,
        state: r.code("state")?,
        family_takes_part: r.bool("family_takes_part")?,
        family_absence_reason: r.text("family_absence_reason")?,
        scheduled_by_organisation: r.text("scheduled_by_organisation")?,
        invited: Vec::new(),
        views: Vec::new(),
        needs: r.opt_text("needs")?,
        differences: r.opt_text("differences")?,
        held_on: date(r.opt_text("held_on")?)?,
        plan_version: r.opt_int("plan_version")?,
        actions: Vec::new(),
        cancel_reason: r.opt_text("cancel_reason")?,
        cancelled_on: date(r.opt_text("cancelled_on")?)?,
    })
}

impl Tx {
    /// Schedules a meeting for the family, invited as the domain allows: organisations
    /// in the circle, the regisseur's among them, the family or the reason it is absent.
    pub async fn schedule_meeting(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        (user_id, organisation_id): (&UserId, &OrganisationId),
        m: &NewMeeting,
        today: Date,
    ) -> Result<String, StoreError> {
        let family = self
            .family(family_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("family {family_id}")))?;
        let mut involved: Vec<String> = Vec::new();
        for i in family.involvements.iter().filter(|i| !i.ended) {
            if !involved.contains(&i.organisation_id) {
                involved.push(i.organisation_id.clone());
            }
        }
        let mut invited = m.invited.clone();
        invited.sort();
        invited.dedup();
        joint_assessment::check_schedule(&Schedule {
            kind: m.kind,
            meets_at: m.meets_at,
            invited: &invited,
            involved: &involved,
            regisseur_organisation: family.regisseur().map(|r| r.organisation_id.as_str()),
            family_takes_part: m.family_takes_part,
            family_absence_reason: &m.family_absence_reason,
            today,
        })?;
        let id = ids::new_id();
        let absence = if m.family_takes_part {
            ""
        } else {
            m.family_absence_reason.trim()
        };
        self.execute(
            "INSERT INTO joint_assessments (id, family_id, kind, meets_on, meets_at, family_takes_part, family_absence_reason, \
             state, scheduled_by, scheduled_by_organisation, scheduled_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'scheduled', $8, $9, $10)",
            params![
                &id,
                family_id,
                m.kind.code(),
                m.meets_at.date().to_string(),
                m.meets_at.to_string(),
                m.family_takes_part,
                absence,
                user_id,
                organisation_id,
                self.now_text()
            ],
        )
        .await?;
        for org in &invited {
            self.execute(
                "INSERT INTO joint_assessment_invitees (meeting_id, organisation_id) VALUES ($1, $2)",
                params![&id, org],
            )
            .await?;
        }
        self.append(
            actor,
            Event::JointAssessmentScheduled {
                family_id: family_id.to_string(),
                meeting_id: id.clone(),
                kind: m.kind.code().to_owned(),
                meets_at: m.meets_at.to_string(),
                organisation_ids: invited,
                family_takes_part: m.family_takes_part,
            },
        )
        .await?;
        Ok(id)
    }

    /// The family's meetings, the next or latest first, each with invitees, views and
    /// the judgement's actions.
    pub async fn meetings(&mut self, family_id: &FamilyId) -> Result<Vec<Meeting>, StoreError> {
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT {COLUMNS} FROM joint_assessments WHERE family_id = $1 ORDER BY meets_at DESC, id"
                ),
                params![family_id],
            )
            .await?;
        let mut out = Vec::new();
        for r in &rows {
            let mut m = meeting(r)?;
            self.meeting_details(&mut m).await?;
            out.push(m);
        }
        Ok(out)
    }

    /// One meeting of this family.
    pub async fn meeting(
        &mut self,
        family_id: &FamilyId,
        meeting_id: &str,
    ) -> Result<Option<Meeting>, StoreError> {
        let Some(row) = self
            .fetch_optional(
                &format!(
                    "SELECT {COLUMNS} FROM joint_assessments WHERE id = $1 AND family_id = $2"
                ),
                params![meeting_id, family_id],
            )
            .await?
        else {
            return Ok(None);
        };
        let mut m = meeting(&row)?;
        self.meeting_details(&mut m).await?;
        Ok(Some(m))
    }

    /// The meeting, locked against a concurrent change of course on PostgreSQL (SQLite's
    /// write transaction already holds the lock).
    async fn meeting_for_change(
        &mut self,
        family_id: &FamilyId,
        meeting_id: &str,
    ) -> Result<Meeting, StoreError> {
        if self.backend() == Backend::Postgres {
            self.execute(
                "SELECT id FROM joint_assessments WHERE id = $1 FOR UPDATE",
                params![meeting_id],
            )
            .await?;
        }
        self.meeting(family_id, meeting_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("meeting {meeting_id}")))
    }

    async fn meeting_details(&mut self, m: &mut Meeting) -> Result<(), StoreError> {
        m.invited = self
            .fetch_all(
                "SELECT i.organisation_id, o.name FROM joint_assessment_invitees i \
                 JOIN organisations o ON o.id = i.organisation_id WHERE i.meeting_id = $1 ORDER BY o.name, o.id",
                params![&m.id],
            )
            .await?
            .iter()
            .map(|r| Ok((r.text("organisation_id")?, r.text("name")?)))
            .collect::<Result<_, StoreError>>()?;
        m.views = self
            .fetch_all(
                "SELECT v.organisation_id, v.version, v.worries, v.strengths, v.needs, u.name AS recorded_by, v.recorded_at \
                 FROM joint_assessment_views v JOIN users u ON u.id = v.recorded_by \
                 WHERE v.meeting_id = $1 AND v.version = (SELECT MAX(w.version) FROM joint_assessment_views w \
                   WHERE w.meeting_id = v.meeting_id AND w.organisation_id = v.organisation_id) \
                 ORDER BY v.recorded_at, v.organisation_id",
                params![&m.id],
            )
            .await?
            .iter()
            .map(|r| {
                Ok(MeetingView {
                    organisation_id: r.id("organisation_id")?,
                    version: r.int("version")?,
                    view: View {
                        worries: r.text("worries")?,
                        strengths: r.text("strengths")?,
                        needs: r.text("needs")?,
                    },
                    recorded_by: r.text("recorded_by")?,
                    recorded_at: r.text("recorded_at")?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        m.actions = self
            .fetch_all(
                "SELECT domain, what, owner_kind, owner_id, owner_label, due_on FROM joint_assessment_actions \
                 WHERE meeting_id = $1 ORDER BY position",
                params![&m.id],
            )
            .await?
            .iter()
            .map(|r| {
                let code = format!("{}:{}", r.text("owner_kind")?, r.text("owner_id")?);
                Ok(MeetingAction {
                    domain: r.code("domain")?,
                    what: r.text("what")?,
                    owner: Owner::parse(&code)
                        .ok_or_else(|| StoreError::Invalid(format!("stored owner '{code}'")))?,
                    owner_label: r.text("owner_label")?,
                    due: date(Some(r.text("due_on")?))?.unwrap_or_default(),
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(())
    }

    /// Records (or revises) the view of `organisation_id`; returns its version. Earlier
    /// versions stay stored.
    pub async fn record_view(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        meeting_id: &str,
        (user_id, organisation_id): (&UserId, &OrganisationId),
        view: &View,
    ) -> Result<i64, StoreError> {
        let m = self.meeting_for_change(family_id, meeting_id).await?;
        joint_assessment::check_view(m.state, &m.invited_ids(), organisation_id.as_str(), view)?;
        let version = m.view_of(organisation_id).map_or(0, |v| v.version) + 1;
        self.execute(
            "INSERT INTO joint_assessment_views (meeting_id, organisation_id, version, worries, strengths, needs, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            params![
                meeting_id,
                organisation_id,
                version,
                view.worries.trim(),
                view.strengths.trim(),
                view.needs.trim(),
                user_id,
                self.now_text()
            ],
        )
        .await
        .map_err(|e| e.duplicate_as(|| format!("version {version} of this view")))?;
        self.append(
            actor,
            Event::JointAssessmentViewRecorded {
                family_id: family_id.to_string(),
                meeting_id: meeting_id.to_owned(),
                organisation_id: organisation_id.to_string(),
                version,
            },
        )
        .await?;
        Ok(version)
    }

    /// Records the joint judgement on `today`: the meeting is held, and its actions go
    /// into the family's plan as a new version (journaled like any plan save). Returns
    /// that plan version.
    pub async fn record_judgement(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        meeting_id: &str,
        user_id: &UserId,
        j: &Judgement,
        today: Date,
    ) -> Result<i64, StoreError> {
        let m = self.meeting_for_change(family_id, meeting_id).await?;
        let family = self
            .family(family_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("family {family_id}")))?;
        let owners = Owners::of(&family);
        let needs: Vec<&str> = m.views.iter().map(|v| v.view.needs.as_str()).collect();
        joint_assessment::check_judgement(
            m.state,
            m.meets_on(),
            today,
            j,
            &needs,
            owners.circle(),
        )?;
        let changed = self
            .execute(
                "UPDATE joint_assessments SET state = 'held', needs = $2, differences = $3, held_on = $4, judged_by = $5 \
                 WHERE id = $1 AND state = 'scheduled'",
                params![
                    meeting_id,
                    j.needs.trim(),
                    j.differences.trim(),
                    today.to_string(),
                    user_id
                ],
            )
            .await?;
        if changed == 0 {
            return Err(MeetingError::AlreadyHeld.into());
        }
        let labels: Vec<String> = j.actions.iter().map(|a| owners.label(&a.owner)).collect();
        let (current, plan) = self.current_plan(family_id).await?;
        let plan = joint_assessment::plan_with_actions(&plan, &j.actions, &labels);
        let plan_version = match self
            .save_plan(actor, user_id, family_id, current, &plan)
            .await?
        {
            PlanSave::Saved { version } => version,
            PlanSave::Conflict { .. } => {
                return Err(StoreError::Invalid(
                    "the plan changed while the judgement was being recorded: record it again"
                        .into(),
                ));
            }
        };
        self.execute(
            "UPDATE joint_assessments SET plan_version = $2 WHERE id = $1",
            params![meeting_id, plan_version],
        )
        .await?;
        for (n, (a, label)) in j.actions.iter().zip(&labels).enumerate() {
            self.execute(
                "INSERT INTO joint_assessment_actions (meeting_id, position, domain, what, owner_kind, owner_id, owner_label, due_on) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                params![
                    meeting_id,
                    i64::try_from(n + 1).unwrap_or(i64::MAX),
                    a.domain.code(),
                    a.what.trim(),
                    a.owner.kind(),
                    a.owner.id(),
                    label,
                    a.due.map(|d| d.to_string())
                ],
            )
            .await?;
        }
        self.append(
            actor,
            Event::JointAssessmentHeld {
                family_id: family_id.to_string(),
                meeting_id: meeting_id.to_owned(),
                held_on: today.to_string(),
                actions: j.actions.len(),
                plan_version,
            },
        )
        .await?;
        Ok(plan_version)
    }

    /// Cancels a scheduled meeting; the reason stays with the meeting, out of the journal.
    pub async fn cancel_meeting(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        meeting_id: &str,
        user_id: &UserId,
        reason: &str,
        today: Date,
    ) -> Result<(), StoreError> {
        let m = self.meeting_for_change(family_id, meeting_id).await?;
        joint_assessment::check_cancel(m.state, reason)?;
        self.execute(
            "UPDATE joint_assessments SET state = 'cancelled', cancel_reason = $2, cancelled_on = $3, cancelled_by = $4 \
             WHERE id = $1 AND state = 'scheduled'",
            params![meeting_id, reason.trim(), today.to_string(), user_id],
        )
        .await?;
        self.append(
            actor,
            Event::JointAssessmentCancelled {
                family_id: family_id.to_string(),
                meeting_id: meeting_id.to_owned(),
                cancelled_on: today.to_string(),
            },
        )
        .await?;
        Ok(())
    }
}
