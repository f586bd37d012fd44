//! The start pages' lists that no other way of working keeps: a team's caseload, the
//! plans its professionals lead, the handovers in a period, the meetings ahead, the
//! Raad's requests to take up, and a regisseur's own led plans and circles (what is
//! overdue, which consents are still to ask), each in a fixed number of queries
//! whatever the caseload. Queries only; what counts (overdue, due, "this month",
//! ahead) is the domain's (`eenplan_domain::start`, `Plan::overdue`), passed in as
//! dates and instants.

use eenplan_domain::family::{InvolvementRole, Plan};
use eenplan_domain::joint_assessment::{MeetingKind, MeetingState};
use eenplan_domain::protection_order::RequestState;
use eenplan_domain::role::Role;
use eenplan_domain::{FamilyId, OrganisationId, UserId, UtcTime};
use jiff::civil::{Date, DateTime};

use crate::family::{
    INVOLVEMENT_COLUMNS, INVOLVEMENT_JOINS, Involvement, involvement, missing_in_circle,
};
use crate::plan::parse_plan;
use crate::protection_order::{COLUMNS as REQUEST_COLUMNS, ProtectionOrderRequest, request};
use crate::{StoreError, Tx, params};

/// Whose work a team lead sees: the team's, or, for a team lead without a team, the
/// organisation's (as the "Zonder regisseur" list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamScope {
    pub organisation_id: OrganisationId,
    pub team_id: Option<String>,
}

impl TeamScope {
    fn team(&self) -> &str {
        self.team_id.as_deref().unwrap_or_default()
    }
}

/// One professional's caseload: the files they lead and those they work in as partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caseload {
    pub user_id: UserId,
    pub name: String,
    pub led: i64,
    pub partner: i64,
}

/// A file's current plan with who leads it.
#[derive(Debug, Clone, PartialEq)]
pub struct LedPlan {
    pub family_id: FamilyId,
    pub label: String,
    pub regisseur: String,
    pub plan: Plan,
}

/// A handover: one involvement that took over another's work in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    pub family_id: FamilyId,
    pub label: String,
    pub role: InvolvementRole,
    pub from_name: String,
    pub to_name: String,
    pub at: UtcTime,
}

/// A joint assessment meeting still to come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingAhead {
    pub id: String,
    pub family_id: FamilyId,
    pub label: String,
    pub kind: MeetingKind,
    pub meets_at: DateTime,
}

/// The files of the regisseurs in `scope`, as SQL on `i` (an open regisseur involvement)
/// joined with its user `u`; `$1` organisation, `$2` team or ''.
const LED_IN_SCOPE: &str = "i.role = 'regisseur' AND i.ended_at IS NULL AND u.active = 1 \
     AND i.organisation_id = $1 AND ($2 = '' OR u.team_id = $2)";

/// The files `$1` works in, or whose regisseur is in team `$2` (when not ''), as SQL on
/// a family id column. Two index searches (the person's involvements, the team's
/// members' regisseur involvements), never one condition with OR, which read every
/// involvement (issue 18 §2).
fn involved_or_team(column: &str) -> String {
    format!(
        "{column} IN (SELECT si.family_id FROM involvements si WHERE si.user_id = $1 AND si.ended_at IS NULL \
           UNION ALL \
           SELECT si.family_id FROM users su JOIN involvements si ON si.user_id = su.id \
           WHERE $2 <> '' AND su.team_id = $2 AND si.role = 'regisseur' AND si.ended_at IS NULL)"
    )
}

impl Tx {
    /// The active care professionals in `scope` (those who may lead or join a file),
    /// each with the number of files they lead and work in as partner, by name.
    pub async fn team_caseload(&mut self, scope: &TeamScope) -> Result<Vec<Caseload>, StoreError> {
        let (pro, bs) = (Role::Professional.code(), Role::BehaviouralScientist.code());
        let count = |role: InvolvementRole| {
            format!(
                "(SELECT COUNT(*) FROM involvements i JOIN families f ON f.id = i.family_id \
                 WHERE i.user_id = u.id AND i.ended_at IS NULL AND f.closed_on IS NULL AND i.role = '{}')",
                role.code()
            )
        };
        let sql = format!(
            "SELECT u.id, u.name, {} AS led, {} AS partner FROM users u \
             WHERE u.active = 1 AND u.organisation_id = $1 AND ($2 = '' OR u.team_id = $2) \
               AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('{pro}', '{bs}')) \
             ORDER BY u.name, u.id",
            count(InvolvementRole::Regisseur),
            count(InvolvementRole::Partner),
        );
        self.fetch_all(&sql, params![&scope.organisation_id, scope.team()])
            .await?
            .iter()
            .map(|r| {
                Ok(Caseload {
                    user_id: r.id("id")?,
                    name: r.text("name")?,
                    led: r.int("led")?,
                    partner: r.int("partner")?,
                })
            })
            .collect()
    }

    /// The current plan of every open file a professional in `scope` leads, by label
    /// (a file without a plan yet has an empty one): the team lead's overdue items.
    pub async fn plans_led_in_scope(
        &mut self,
        scope: &TeamScope,
    ) -> Result<Vec<LedPlan>, StoreError> {
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT f.id, f.label, u.name AS regisseur, p.content FROM families f \
                     JOIN involvements i ON i.family_id = f.id JOIN users u ON u.id = i.user_id \
                     LEFT JOIN plan_versions p ON p.family_id = f.id \
                       AND p.version = (SELECT MAX(version) FROM plan_versions WHERE family_id = f.id) \
                     WHERE {LED_IN_SCOPE} AND f.closed_on IS NULL ORDER BY f.label_sort, f.id"
                ),
                params![&scope.organisation_id, scope.team()],
            )
            .await?;
        rows.iter().map(led_plan).collect()
    }

    /// The handovers between `from` (inclusive) and `until` (exclusive) in which a
    /// professional in `scope` handed over or took over, newest first: the lead's and a
    /// partner's work alike. `i.takes_over IS NOT NULL` says what the join already
    /// implies, so that the backends read the period from the index of handovers
    /// (`involvements_handover`) rather than every involvement.
    pub async fn handovers_in(
        &mut self,
        scope: &TeamScope,
        (from, until): (UtcTime, UtcTime),
    ) -> Result<Vec<Handover>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT i.family_id, f.label, i.role, i.started_at, nu.name AS to_name, pu.name AS from_name \
                 FROM involvements i JOIN involvements p ON p.id = i.takes_over \
                 JOIN families f ON f.id = i.family_id \
                 JOIN users nu ON nu.id = i.user_id JOIN users pu ON pu.id = p.user_id \
                 WHERE i.takes_over IS NOT NULL AND i.started_at >= $3 AND i.started_at < $4 \
                   AND ((i.organisation_id = $1 AND ($2 = '' OR nu.team_id = $2)) \
                     OR (p.organisation_id = $1 AND ($2 = '' OR pu.team_id = $2))) \
                 ORDER BY i.started_at DESC, i.id DESC",
                params![
                    &scope.organisation_id,
                    scope.team(),
                    from.to_rfc3339(),
                    until.to_rfc3339()
                ],
            )
            .await?;
        rows.iter()
            .map(|r| {
                let at = r.text("started_at")?;
                Ok(Handover {
                    family_id: r.id("family_id")?,
                    label: r.text("label")?,
                    role: r.code("role")?,
                    from_name: r.text("from_name")?,
                    to_name: r.text("to_name")?,
                    at: UtcTime::parse(&at)
                        .map_err(|e| StoreError::Invalid(format!("stored time '{at}': {e}")))?,
                })
            })
            .collect()
    }

    /// The scheduled joint assessment meetings on or after `today` in the files
    /// `user_id` works in or their team's regisseurs lead, soonest first. Candidates
    /// only: the caller decides each file with the access rule.
    pub async fn meetings_ahead(
        &mut self,
        user_id: &UserId,
        team_id: Option<&str>,
        today: Date,
    ) -> Result<Vec<MeetingAhead>, StoreError> {
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT m.id, m.family_id, f.label, m.kind, m.meets_at, m.meets_on, m.state \
                     FROM joint_assessments m JOIN families f ON f.id = m.family_id \
                     WHERE m.state = '{}' AND m.meets_on >= $3 AND f.closed_on IS NULL AND {} \
                     ORDER BY m.meets_at, m.id",
                    MeetingState::Scheduled.code(),
                    involved_or_team("m.family_id")
                ),
                params![user_id, team_id.unwrap_or_default(), today.to_string()],
            )
            .await?;
        let mut out = Vec::new();
        for r in &rows {
            let meets_at = r.text("meets_at")?;
            let meets_at = meets_at
                .parse::<DateTime>()
                .map_err(|e| StoreError::Invalid(format!("stored time '{meets_at}': {e}")))?;
            let state: MeetingState = r.code("state")?;
            if eenplan_domain::start::meeting_ahead(
                state == MeetingState::Scheduled,
                meets_at.date(),
                today,
            ) {
                out.push(MeetingAhead {
                    id: r.text("id")?,
                    family_id: r.id("family_id")?,
                    label: r.text("label")?,
                    kind: r.code("kind")?,
                    meets_at,
                });
            }
        }
        Ok(out)
    }

    /// The current plans with a review date on or before `due_by` in the open files
    /// `user_id` works in or their team's regisseurs lead, the earliest review first.
    /// Candidates only, as [`Tx::meetings_ahead`]; the domain's `review_due` gives
    /// `due_by`.
    pub async fn plans_with_review_by(
        &mut self,
        user_id: &UserId,
        team_id: Option<&str>,
        due_by: Date,
    ) -> Result<Vec<LedPlan>, StoreError> {
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT f.id, f.label, COALESCE(u.name, '') AS regisseur, p.content FROM families f \
                     JOIN plan_versions p ON p.family_id = f.id \
                       AND p.version = (SELECT MAX(version) FROM plan_versions WHERE family_id = f.id) \
                     LEFT JOIN involvements i ON i.family_id = f.id AND i.role = 'regisseur' AND i.ended_at IS NULL \
                     LEFT JOIN users u ON u.id = i.user_id \
                     WHERE p.review_date IS NOT NULL AND p.review_date <= $3 AND f.closed_on IS NULL AND {} \
                     ORDER BY p.review_date, f.id",
                    involved_or_team("f.id")
                ),
                params![user_id, team_id.unwrap_or_default(), due_by.to_string()],
            )
            .await?;
        rows.iter().map(led_plan).collect()
    }

    /// The requests addressed to `rvdk` that nobody of the Raad has taken up yet, the
    /// longest waiting first: at most `limit`, and how many there are in all.
    pub async fn raad_requests_to_take_up(
        &mut self,
        rvdk: &OrganisationId,
        limit: i64,
    ) -> Result<(Vec<ProtectionOrderRequest>, i64), StoreError> {
        let state = RequestState::Requested.code();
        let total = self
            .fetch_one(
                "SELECT COUNT(*) AS n FROM protection_order_requests WHERE rvdk_organisation_id = $1 AND state = $2",
                params![rvdk, state],
            )
            .await?
            .int("n")?;
        let list = self
            .fetch_all(
                &format!(
                    "SELECT {REQUEST_COLUMNS} WHERE r.rvdk_organisation_id = $1 AND r.state = $2 \
                     ORDER BY r.requested_on, r.requested_at, r.id LIMIT $3"
                ),
                params![rvdk, state, limit],
            )
            .await?
            .iter()
            .map(request)
            .collect::<Result<Vec<_>, _>>()?;
        Ok((self.with_children(list).await?, total))
    }
}

fn led_plan(r: &crate::Row) -> Result<LedPlan, StoreError> {
    Ok(LedPlan {
        family_id: r.id("id")?,
        label: r.text("label")?,
        regisseur: r.text("regisseur")?,
        plan: match r.opt_text("content")? {
            Some(content) => parse_plan(&content)?,
            None => Plan::default(),
        },
    })
}

/// A file its viewer leads, with what the consent rule reads of it: the open
/// involvements and the consents. The start page reads these for all led files at once
/// (`Tx::circles_led_by`) instead of each file whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedCircle {
    pub family_id: FamilyId,
    pub label: String,
    pub framework: eenplan_domain::family::Framework,
    pub framework_organisation_id: Option<String>,
    /// The open involvements only: ended ones never count for the consent rule.
    pub involvements: Vec<Involvement>,
    pub consents: Vec<eenplan_domain::family::ConsentFacts>,
}

impl LedCircle {
    /// As [`Family::missing_consents`], from the same rule.
    pub fn missing_consents(
        &self,
        today: Date,
    ) -> Vec<(eenplan_domain::family::ConsentStep, &Involvement)> {
        missing_in_circle(
            &self.involvements,
            (self.framework, self.framework_organisation_id.as_deref()),
            &self.consents,
            today,
        )
    }
}

impl Tx {
    /// The current plans of the families `user_id` leads as regisseur, for the start
    /// page's overdue list.
    pub async fn plans_led_by(
        &mut self,
        user_id: &UserId,
    ) -> Result<Vec<(FamilyId, String, Plan)>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT f.id, f.label, p.content FROM families f \
                 JOIN involvements i ON i.family_id = f.id AND i.role = 'regisseur' AND i.ended_at IS NULL AND i.user_id = $1 \
                 LEFT JOIN plan_versions p ON p.family_id = f.id \
                   AND p.version = (SELECT MAX(version) FROM plan_versions WHERE family_id = f.id) \
                 WHERE f.closed_on IS NULL \
                 ORDER BY f.label, f.id",
                params![user_id],
            )
            .await?;
        rows.iter()
            .map(|r| {
                let plan = match r.opt_text("content")? {
                    Some(content) => parse_plan(&content)?,
                    None => Plan::default(),
                };
                Ok((r.id("id")?, r.text("label")?, plan))
            })
            .collect()
    }

    /// The open files `user_id` leads as regisseur, each with its open involvements and
    /// its consents, in the order of [`Tx::plans_led_by`]: three queries whatever the
    /// caseload (the start page's missing consents), never one file at a time.
    pub async fn circles_led_by(&mut self, user_id: &UserId) -> Result<Vec<LedCircle>, StoreError> {
        let led = "SELECT l.family_id FROM involvements l \
             WHERE l.user_id = $1 AND l.role = 'regisseur' AND l.ended_at IS NULL";
        let mut circles: Vec<LedCircle> = self
            .fetch_all(
                "SELECT f.id, f.label, f.framework, f.framework_organisation_id FROM families f \
                 JOIN involvements i ON i.family_id = f.id AND i.role = 'regisseur' AND i.ended_at IS NULL AND i.user_id = $1 \
                 WHERE f.closed_on IS NULL \
                 ORDER BY f.label, f.id",
                params![user_id],
            )
            .await?
            .iter()
            .map(|r| {
                Ok(LedCircle {
                    family_id: r.id("id")?,
                    label: r.text("label")?,
                    framework: r.code("framework")?,
                    framework_organisation_id: r.opt_text("framework_organisation_id")?,
                    involvements: Vec::new(),
                    consents: Vec::new(),
                })
            })
            .collect::<Result<_, StoreError>>()?;
        if circles.is_empty() {
            return Ok(circles);
        }
        let mut involvements: std::collections::HashMap<String, Vec<Involvement>> =
            std::collections::HashMap::new();
        for r in self
            .fetch_all(
                &format!(
                    "SELECT i.family_id AS of_family, {INVOLVEMENT_COLUMNS} FROM {INVOLVEMENT_JOINS} \
                     WHERE i.family_id IN ({led}) AND i.ended_at IS NULL ORDER BY i.started_at, i.id"
                ),
                params![user_id],
            )
            .await?
        {
            involvements
                .entry(r.text("of_family")?)
                .or_default()
                .push(involvement(&r)?);
        }
        let mut consents: std::collections::HashMap<
            String,
            Vec<eenplan_domain::family::ConsentFacts>,
        > = std::collections::HashMap::new();
        for r in self
            .fetch_all(
                &format!(
                    "SELECT c.family_id, c.step, c.organisation_id, c.categories, c.given_on, c.ends_on, c.withdrawn_at \
                     FROM consents c WHERE c.family_id IN ({led})"
                ),
                params![user_id],
            )
            .await?
        {
            consents
                .entry(r.text("family_id")?)
                .or_default()
                .push(crate::consent::consent_facts(&r)?);
        }
        for c in &mut circles {
            c.involvements = involvements
                .get(c.family_id.as_str())
                .cloned()
                .unwrap_or_default();
            c.consents = consents
                .get(c.family_id.as_str())
                .cloned()
                .unwrap_or_default();
        }
        Ok(circles)
    }
}
