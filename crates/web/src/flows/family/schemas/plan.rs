//! The plan and the family's agreement to it.
//!
//! The plan's wire form is the domain plan's serde form (the store keeps it so too).
//! The domain stays free of web types, so the API has its own plan types that mirror
//! the domain's field for field, with the same serde attributes; the conversions both
//! ways name every field (a destructuring pattern one way, struct literals the other),
//! so a field added to the domain plan fails to compile here instead of going missing
//! from the document.

use eenplan_domain::family::agreement::MAX_VIEW_CHARS;
use eenplan_domain::family::{self as domain, ActionStatus, LifeDomain, MAX_SCALE};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};

use crate::kit::schema::codes;

/// Safety map (worries, danger statements, working well, needs to happen), safety goals
/// (each optionally tied to a life domain), scales (0-10) and the family's own score,
/// life domains with goals and actions, conditions, review_date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub(crate) struct Plan {
    /// Worries (zorgen); the danger statements are their own list.
    #[serde(default)]
    worries: Vec<String>,
    #[serde(default)]
    danger_statements: Vec<String>,
    #[serde(default)]
    working_well: Vec<String>,
    #[serde(default)]
    needs_to_happen: Vec<String>,
    #[serde(default)]
    safety_goals: Vec<PlanSafetyGoal>,
    #[serde(default)]
    scales: Vec<PlanScale>,
    /// The family's own answer to the scaling question.
    #[serde(default)]
    #[schema(schema_with = optional_score)]
    family_score: Option<u8>,
    /// Each life domain at most once.
    #[serde(default)]
    domains: Vec<PlanDomain>,
    /// Conditions and agreements the family accepted.
    #[serde(default)]
    conditions: Vec<String>,
    #[schema(value_type = Option<String>, format = Date)]
    review_date: Option<Date>,
}

/// Where a person in the plan comes from: a family member, a network member, a
/// professional in the circle (each with its `id`), or someone else (a name only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PlanPersonKind {
    Member,
    Network,
    Professional,
    Other,
}

/// A person named in the plan. `id` is the member's, network member's or user's id
/// (not for `other`); `name` is how the plan shows them, kept so old versions still
/// read. A bare string is read as `{ "kind": "other", "name": ... }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(from = "PersonWire")]
pub(crate) struct PlanPerson {
    kind: PlanPersonKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    name: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PersonWire {
    Named(String),
    Chosen {
        kind: PlanPersonKind,
        #[serde(default)]
        id: Option<String>,
        name: String,
    },
}

impl From<PersonWire> for PlanPerson {
    fn from(w: PersonWire) -> Self {
        match w {
            PersonWire::Named(name) => PlanPerson {
                kind: PlanPersonKind::Other,
                id: None,
                name,
            },
            PersonWire::Chosen { kind, id, name } => PlanPerson { kind, id, name },
        }
    }
}

/// A safety goal, optionally tied to a life domain. A bare string is read as a goal
/// without one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(from = "GoalWire")]
pub(crate) struct PlanSafetyGoal {
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = codes::<LifeDomain>)]
    domain: Option<LifeDomain>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum GoalWire {
    Text(String),
    Tied {
        text: String,
        #[serde(default)]
        domain: Option<LifeDomain>,
    },
}

impl From<GoalWire> for PlanSafetyGoal {
    fn from(w: GoalWire) -> Self {
        match w {
            GoalWire::Text(text) => PlanSafetyGoal { text, domain: None },
            GoalWire::Tied { text, domain } => PlanSafetyGoal { text, domain },
        }
    }
}

/// Someone's answer to the scaling question: 0 = unsafe, 10 = safe enough to close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub(crate) struct PlanScale {
    who: PlanPerson,
    #[schema(schema_with = score)]
    score: u8,
    /// The day the score was given.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    on: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub(crate) struct PlanDomain {
    #[schema(schema_with = codes::<LifeDomain>)]
    domain: LifeDomain,
    #[serde(default)]
    goals: Vec<String>,
    #[serde(default)]
    actions: Vec<PlanAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub(crate) struct PlanAction {
    who: PlanPerson,
    what: String,
    #[schema(value_type = Option<String>, format = Date)]
    due: Option<Date>,
    #[schema(schema_with = codes::<ActionStatus>)]
    status: ActionStatus,
}

/// A score on the scale, bounded by the domain's top.
fn score() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(0))
        .maximum(Some(MAX_SCALE))
        .build()
}

/// The family's own score, when it gave one.
fn optional_score() -> Object {
    ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([
            Type::Integer,
            Type::Null,
        ]))
        .minimum(Some(0))
        .maximum(Some(MAX_SCALE))
        .build()
}

impl From<domain::Plan> for Plan {
    fn from(p: domain::Plan) -> Self {
        let domain::Plan {
            worries,
            danger_statements,
            working_well,
            needs_to_happen,
            safety_goals,
            scales,
            family_score,
            domains,
            conditions,
            review_date,
        } = p;
        Self {
            worries,
            danger_statements,
            working_well,
            needs_to_happen,
            safety_goals: safety_goals.into_iter().map(PlanSafetyGoal::from).collect(),
            scales: scales.into_iter().map(PlanScale::from).collect(),
            family_score,
            domains: domains.into_iter().map(PlanDomain::from).collect(),
            conditions,
            review_date,
        }
    }
}

impl From<Plan> for domain::Plan {
    fn from(p: Plan) -> Self {
        let Plan {
            worries,
            danger_statements,
            working_well,
            needs_to_happen,
            safety_goals,
            scales,
            family_score,
            domains,
            conditions,
            review_date,
        } = p;
        Self {
            worries,
            danger_statements,
            working_well,
            needs_to_happen,
            safety_goals: safety_goals
                .into_iter()
                .map(domain::SafetyGoal::from)
                .collect(),
            scales: scales.into_iter().map(domain::Scale::from).collect(),
            family_score,
            domains: domains.into_iter().map(domain::DomainPlan::from).collect(),
            conditions,
            review_date,
        }
    }
}

impl From<domain::PersonKind> for PlanPersonKind {
    fn from(k: domain::PersonKind) -> Self {
        match k {
            domain::PersonKind::Member => Self::Member,
            domain::PersonKind::Network => Self::Network,
            domain::PersonKind::Professional => Self::Professional,
            domain::PersonKind::Other => Self::Other,
        }
    }
}

impl From<PlanPersonKind> for domain::PersonKind {
    fn from(k: PlanPersonKind) -> Self {
        match k {
            PlanPersonKind::Member => Self::Member,
            PlanPersonKind::Network => Self::Network,
            PlanPersonKind::Professional => Self::Professional,
            PlanPersonKind::Other => Self::Other,
        }
    }
}

impl From<domain::PlanPerson> for PlanPerson {
    fn from(p: domain::PlanPerson) -> Self {
        let domain::PlanPerson { kind, id, name } = p;
        Self {
            kind: kind.into(),
            id,
            name,
        }
    }
}

impl From<PlanPerson> for domain::PlanPerson {
    fn from(p: PlanPerson) -> Self {
        let PlanPerson { kind, id, name } = p;
        Self {
            kind: kind.into(),
            id,
            name,
        }
    }
}

impl From<domain::SafetyGoal> for PlanSafetyGoal {
    fn from(g: domain::SafetyGoal) -> Self {
        let domain::SafetyGoal { text, domain } = g;
        Self { text, domain }
    }
}

impl From<PlanSafetyGoal> for domain::SafetyGoal {
    fn from(g: PlanSafetyGoal) -> Self {
        let PlanSafetyGoal { text, domain } = g;
        Self { text, domain }
    }
}

impl From<domain::Scale> for PlanScale {
    fn from(s: domain::Scale) -> Self {
        let domain::Scale { who, score, on } = s;
        Self {
            who: who.into(),
            score,
            on,
        }
    }
}

impl From<PlanScale> for domain::Scale {
    fn from(s: PlanScale) -> Self {
        let PlanScale { who, score, on } = s;
        Self {
            who: who.into(),
            score,
            on,
        }
    }
}

impl From<domain::DomainPlan> for PlanDomain {
    fn from(d: domain::DomainPlan) -> Self {
        let domain::DomainPlan {
            domain,
            goals,
            actions,
        } = d;
        Self {
            domain,
            goals,
            actions: actions.into_iter().map(PlanAction::from).collect(),
        }
    }
}

impl From<PlanDomain> for domain::DomainPlan {
    fn from(d: PlanDomain) -> Self {
        let PlanDomain {
            domain,
            goals,
            actions,
        } = d;
        Self {
            domain,
            goals,
            actions: actions.into_iter().map(domain::PlanAction::from).collect(),
        }
    }
}

impl From<domain::PlanAction> for PlanAction {
    fn from(a: domain::PlanAction) -> Self {
        let domain::PlanAction {
            who,
            what,
            due,
            status,
        } = a;
        Self {
            who: who.into(),
            what,
            due,
            status,
        }
    }
}

impl From<PlanAction> for domain::PlanAction {
    fn from(a: PlanAction) -> Self {
        let PlanAction {
            who,
            what,
            due,
            status,
        } = a;
        Self {
            who: who.into(),
            what,
            due,
            status,
        }
    }
}

/// A version of the plan; the current one also comes with its ETag.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PlanDocument {
    version: i64,
    plan: Plan,
}

impl PlanDocument {
    pub fn new(version: i64, plan: domain::Plan) -> Self {
        Self {
            version,
            plan: plan.into(),
        }
    }
}

/// The plan's saved versions, newest first, a page at a time (limit, cursor and the
/// Link header); each version's content is at `.../plan/versions/{version}`.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PlanVersions {
    versions: Vec<PlanVersionsItem>,
}

/// One saved version: its number, when and by whom.
#[derive(Debug, Serialize, ToSchema)]
struct PlanVersionsItem {
    version: i64,
    #[schema(format = DateTime)]
    saved_at: String,
    /// The name of the professional who saved it.
    saved_by: String,
}

impl PlanVersions {
    pub fn new(list: &[eenplan_store::PlanVersionInfo]) -> Self {
        Self {
            versions: list
                .iter()
                .map(|v| PlanVersionsItem {
                    version: v.version,
                    saved_at: v.saved_at.clone(),
                    saved_by: v.saved_by.clone(),
                })
                .collect(),
        }
    }
}

/// Who agrees follows the consent age rule per child (under 12 the parents with
/// custody, 12-15 the child and the parents with custody, 16+ the child alone; a
/// guardian institution in the parents' place). Under a court order give the family's
/// view instead.
#[derive(Debug, Deserialize, ToSchema)]
pub(crate) struct Agreement {
    pub version: i64,
    #[serde(default)]
    pub member_ids: Vec<String>,
    /// Under a court order: the family's view, recorded instead of an agreement.
    #[serde(default)]
    #[schema(schema_with = view)]
    pub view: String,
}

/// The family's view, as long as the domain allows.
fn view() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(MAX_VIEW_CHARS))
        .build()
}

/// What was recorded: the family's agreement, or (under a court order) its view.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AgreementRecorded {
    recorded: AgreementRecordedKind,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum AgreementRecordedKind {
    Agreement,
    FamilyView,
}

impl From<&domain::Agreement> for AgreementRecorded {
    fn from(a: &domain::Agreement) -> Self {
        Self {
            recorded: match a {
                domain::Agreement::Agreed { .. } => AgreementRecordedKind::Agreement,
                domain::Agreement::FamilyView => AgreementRecordedKind::FamilyView,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eenplan_domain::CodeList;

    fn full() -> domain::Plan {
        domain::Plan {
            worries: vec!["w".into()],
            danger_statements: vec!["d".into()],
            working_well: vec!["g".into()],
            needs_to_happen: vec!["n".into()],
            safety_goals: vec![domain::SafetyGoal {
                text: "s".into(),
                domain: Some(LifeDomain::Safety),
            }],
            scales: vec![domain::Scale {
                who: domain::PlanPerson::chosen(domain::PersonKind::Member, "m1", "moeder"),
                score: 4,
                on: Some(Date::constant(2026, 2, 1)),
            }],
            family_score: Some(6),
            domains: vec![domain::DomainPlan {
                domain: LifeDomain::School,
                goals: vec!["naar school".into()],
                actions: vec![domain::PlanAction {
                    who: "school".into(),
                    what: "gesprek".into(),
                    due: Some(Date::constant(2026, 3, 1)),
                    status: ActionStatus::Underway,
                }],
            }],
            conditions: vec!["c".into()],
            review_date: Some(Date::constant(2026, 6, 30)),
        }
    }

    /// The API's plan says on the wire exactly what the domain's (and the store's) does.
    #[test]
    fn the_api_plan_has_the_domain_plans_serde_form() {
        for plan in [full(), domain::Plan::default()] {
            let domain_json = serde_json::to_value(&plan).unwrap();
            let api = Plan::from(plan.clone());
            assert_eq!(serde_json::to_value(&api).unwrap(), domain_json);
            let read: Plan = serde_json::from_value(domain_json.clone()).unwrap();
            assert_eq!(domain::Plan::from(read), plan);
        }
        // An old version's bare names and goals read the same way in both.
        let sparse = r#"{ "domains": [{ "domain": "health" }], "scales": [{ "who": "x", "score": 11 }], "safety_goals": ["veilig"] }"#;
        let api: Plan = serde_json::from_str(sparse).unwrap();
        let domain: domain::Plan = serde_json::from_str(sparse).unwrap();
        assert_eq!(domain::Plan::from(api), domain);
        let unknown = r#"{ "domains": [{ "domain": "hobby" }] }"#;
        assert!(serde_json::from_str::<Plan>(unknown).is_err());
        assert!(serde_json::from_str::<domain::Plan>(unknown).is_err());
    }

    /// The schema lists the codes; the enums travel in their serde form, so both must agree.
    #[test]
    fn the_plans_enums_travel_as_their_codes() {
        for d in LifeDomain::ALL {
            assert_eq!(serde_json::to_value(d).unwrap(), d.code());
        }
        for s in <ActionStatus as CodeList>::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.code());
        }
    }
}
