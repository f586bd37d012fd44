//! The one plan of a family: the safety map (Signs of Safety), goals, scales, life
//! domains with actions, and the conditions the family agreed to. Every save is a new
//! version; a save based on an older version is a conflict, never an overwrite.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::codes::code_list;
use crate::text::{DateKind, DateOutOfRange, check_date};

code_list! {
    LifeDomain, "life domain" {
        Safety = "safety", "Veiligheid", "Safety";
        Development = "development", "Ontwikkeling", "Development";
        School = "school", "School", "School";
        Income = "income", "Inkomen en schulden", "Income and debts";
        Health = "health", "Gezondheid", "Health";
        Housing = "housing", "Wonen", "Housing";
        Network = "network", "Netwerk", "Network";
    }
}

code_list! {
    ActionStatus, "action status" {
        Planned = "planned", "Gepland", "Planned";
        Underway = "underway", "Bezig", "Underway";
        Done = "done", "Klaar", "Done";
        Dropped = "dropped", "Vervallen", "Dropped";
    }
}

/// The top of the scaling question (Signs of Safety): 0 = unsafe, 10 = safe enough to close.
pub const MAX_SCALE: u8 = 10;

/// Where a person named in the plan comes from. A plan names people by reference, so a
/// professional picks them from the file instead of typing a name each time; the
/// display name is stored beside the reference, so an old version still reads after
/// someone left the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    /// A member of the household (`id` is the member's id).
    Member,
    /// Someone in the family's network (`id` is the network member's id).
    Network,
    /// A professional in the circle (`id` is the user's id).
    Professional,
    /// "Iemand anders": only a name, for someone not (yet) in the file.
    Other,
}

/// A person the plan names: who gave a score, who does an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "PersonWire")]
pub struct PlanPerson {
    pub kind: PersonKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
}

/// A person as stored: plan versions saved before people were chosen from the file
/// named them with a bare string, which reads as "iemand anders" with that name.
#[derive(Deserialize)]
#[serde(untagged)]
enum PersonWire {
    Named(String),
    Chosen {
        kind: PersonKind,
        #[serde(default)]
        id: Option<String>,
        name: String,
    },
}

impl From<PersonWire> for PlanPerson {
    fn from(w: PersonWire) -> Self {
        match w {
            PersonWire::Named(name) => PlanPerson::other(name),
            PersonWire::Chosen { kind, id, name } => PlanPerson { kind, id, name },
        }
    }
}

impl PlanPerson {
    /// Someone not in the file, by name only.
    pub fn other(name: impl Into<String>) -> Self {
        PlanPerson {
            kind: PersonKind::Other,
            id: None,
            name: name.into(),
        }
    }

    /// Someone from the file: a member, a network member or a professional.
    pub fn chosen(kind: PersonKind, id: impl Into<String>, name: impl Into<String>) -> Self {
        PlanPerson {
            kind,
            id: Some(id.into()),
            name: name.into(),
        }
    }

    /// A professional of the circle, named with their organisation ("Sanne (Buurtteam
    /// Noord)") so the family reads on paper who is meant.
    pub fn professional(user_id: impl Into<String>, name: &str, organisation: &str) -> Self {
        PlanPerson::chosen(
            PersonKind::Professional,
            user_id,
            format!("{name} ({organisation})"),
        )
    }

    /// A person needs a name, and one chosen from the file also the reference.
    fn complete(&self) -> bool {
        let has_id = self.id.as_deref().is_some_and(|i| !i.trim().is_empty());
        !self.name.trim().is_empty() && (self.kind == PersonKind::Other || has_id)
    }
}

impl From<&str> for PlanPerson {
    fn from(name: &str) -> Self {
        PlanPerson::other(name)
    }
}

impl From<String> for PlanPerson {
    fn from(name: String) -> Self {
        PlanPerson::other(name)
    }
}

impl std::fmt::Display for PlanPerson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

/// Someone's answer to the scaling question: 0 = unsafe, 10 = safe enough to close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub who: PlanPerson,
    pub score: u8,
    /// The day the score was given; older versions have none.
    #[serde(default)]
    pub on: Option<Date>,
}

/// What must be true for the children to be safe, optionally tied to the life domain it
/// is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "GoalWire")]
pub struct SafetyGoal {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<LifeDomain>,
}

/// A safety goal as stored: older versions kept a bare sentence.
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

impl From<GoalWire> for SafetyGoal {
    fn from(w: GoalWire) -> Self {
        match w {
            GoalWire::Text(text) => SafetyGoal { text, domain: None },
            GoalWire::Tied { text, domain } => SafetyGoal { text, domain },
        }
    }
}

impl From<&str> for SafetyGoal {
    fn from(text: &str) -> Self {
        SafetyGoal {
            text: text.to_owned(),
            domain: None,
        }
    }
}

impl From<String> for SafetyGoal {
    fn from(text: String) -> Self {
        SafetyGoal { text, domain: None }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAction {
    pub who: PlanPerson,
    pub what: String,
    pub due: Option<Date>,
    pub status: ActionStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainPlan {
    pub domain: LifeDomain,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub actions: Vec<PlanAction>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Worries (zorgen); the danger statements are their own list beside them.
    #[serde(default)]
    pub worries: Vec<String>,
    #[serde(default)]
    pub danger_statements: Vec<String>,
    #[serde(default)]
    pub working_well: Vec<String>,
    #[serde(default)]
    pub needs_to_happen: Vec<String>,
    #[serde(default)]
    pub safety_goals: Vec<SafetyGoal>,
    #[serde(default)]
    pub scales: Vec<Scale>,
    /// The family's own answer to the scaling question, apart from everyone else's:
    /// it is the one the plan is measured by.
    #[serde(default)]
    pub family_score: Option<u8>,
    #[serde(default)]
    pub domains: Vec<DomainPlan>,
    /// Conditions and agreements the family accepted.
    #[serde(default)]
    pub conditions: Vec<String>,
    pub review_date: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// `index` is the scale's position in the plan, so a form can point at its row.
    #[error("a safety scale runs from 0 to 10 ({who} has {score})")]
    ScaleOutOfRange {
        index: usize,
        who: String,
        score: u8,
    },
    #[error("the family's own score runs from 0 to 10 (not {0})")]
    FamilyScoreOutOfRange(u8),
    /// A scale without a name, or chosen from the file without its reference.
    #[error("scale {index} does not say who gave it")]
    ScaleWhoMissing { index: usize },
    #[error("the date of scale {index} {range}")]
    ScaleDateImplausible { index: usize, range: DateOutOfRange },
    #[error("the life domain {0} appears twice")]
    DomainTwice(LifeDomain),
    #[error("empty lines are not allowed in '{0}'")]
    EmptyItem(&'static str),
    #[error("the review date {0}")]
    ReviewDateImplausible(DateOutOfRange),
    /// `index` is the action's position among its life domain's actions.
    #[error("action {index} in {domain} does not say who does it")]
    ActionWhoMissing { domain: LifeDomain, index: usize },
    /// The scale names someone from the file by a reference the file does not know.
    #[error("scale {index} names {name}, who is not in the family's file")]
    ScaleWhoUnknown { index: usize, name: String },
    /// The action names someone from the file by a reference the file does not know.
    #[error("action {index} in {domain} names {name}, who is not in the family's file")]
    ActionWhoUnknown {
        domain: LifeDomain,
        index: usize,
        name: String,
    },
    /// `index` is the action's position among its life domain's actions.
    #[error("the due date of action {index} in {domain} {range}")]
    DueDateImplausible {
        domain: LifeDomain,
        index: usize,
        range: DateOutOfRange,
    },
}

impl Plan {
    /// Whether the plan may be saved on `today` (the Dutch date): no empty lines, scales
    /// from 0 to 10 that say who gave them, each life domain once, every action with
    /// someone doing it, and plausible dates — the review date, every scale's date and
    /// every action's due date lie between 2000 and a year ahead (`text::DateKind::Event`),
    /// so a mistyped year is caught instead of planning for 0202 or 2206.
    pub fn check(&self, today: Date) -> Result<(), PlanError> {
        for (name, items) in self.text_sections() {
            if items.iter().any(|i| i.trim().is_empty()) {
                return Err(PlanError::EmptyItem(name));
            }
        }
        if self.safety_goals.iter().any(|g| g.text.trim().is_empty()) {
            return Err(PlanError::EmptyItem("safety_goals"));
        }
        for (index, s) in self.scales.iter().enumerate() {
            if !s.who.complete() {
                return Err(PlanError::ScaleWhoMissing { index });
            }
            if s.score > MAX_SCALE {
                return Err(PlanError::ScaleOutOfRange {
                    index,
                    who: s.who.name.clone(),
                    score: s.score,
                });
            }
            if let Some(on) = s.on {
                check_date(DateKind::Event, on, today)
                    .map_err(|range| PlanError::ScaleDateImplausible { index, range })?;
            }
        }
        if let Some(score) = self.family_score.filter(|s| *s > MAX_SCALE) {
            return Err(PlanError::FamilyScoreOutOfRange(score));
        }
        let mut seen = Vec::new();
        for d in &self.domains {
            if seen.contains(&d.domain) {
                return Err(PlanError::DomainTwice(d.domain));
            }
            seen.push(d.domain);
        }
        if let Some(review) = self.review_date {
            check_date(DateKind::Event, review, today).map_err(PlanError::ReviewDateImplausible)?;
        }
        for d in &self.domains {
            if d.goals.iter().any(|g| g.trim().is_empty()) {
                return Err(PlanError::EmptyItem("goals"));
            }
            for (index, a) in d.actions.iter().enumerate() {
                if !a.who.complete() {
                    return Err(PlanError::ActionWhoMissing {
                        domain: d.domain,
                        index,
                    });
                }
                if let Some(due) = a.due {
                    check_date(DateKind::Event, due, today).map_err(|range| {
                        PlanError::DueDateImplausible {
                            domain: d.domain,
                            index,
                            range,
                        }
                    })?;
                }
            }
        }
        Ok(())
    }

    /// Whether everyone the plan names "from the file" is someone it may name
    /// ([`nameable_people`]: the file's current people, or someone the version it
    /// replaces already named), so the API cannot name a stranger by a made-up reference.
    /// "Iemand anders" is a name only and always allowed. The page offers only these
    /// people; this rule makes the API hold to the same.
    pub fn check_people(&self, nameable: &[Nameable]) -> Result<(), PlanError> {
        let knows = |p: &PlanPerson| {
            p.kind == PersonKind::Other
                || p.id.as_deref().is_some_and(|id| {
                    nameable
                        .iter()
                        .any(|n| n.person.kind == p.kind && n.person.id.as_deref() == Some(id))
                })
        };
        for (index, s) in self.scales.iter().enumerate() {
            if !knows(&s.who) {
                return Err(PlanError::ScaleWhoUnknown {
                    index,
                    name: s.who.name.clone(),
                });
            }
        }
        for d in &self.domains {
            for (index, a) in d.actions.iter().enumerate() {
                if !knows(&a.who) {
                    return Err(PlanError::ActionWhoUnknown {
                        domain: d.domain,
                        index,
                        name: a.who.name.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    /// Everyone the plan names: who gave each scale and who does each action.
    pub fn people(&self) -> impl Iterator<Item = &PlanPerson> {
        self.scales.iter().map(|s| &s.who).chain(
            self.domains
                .iter()
                .flat_map(|d| d.actions.iter().map(|a| &a.who)),
        )
    }

    /// The scores given in this version, the family's own first, for following them
    /// over versions: (who, score).
    pub fn scores(&self) -> Vec<(ScoreBy, u8)> {
        self.family_score
            .map(|s| (ScoreBy::Family, s))
            .into_iter()
            .chain(
                self.scales
                    .iter()
                    .map(|s| (ScoreBy::Person(s.who.clone()), s.score)),
            )
            .collect()
    }

    fn text_sections(&self) -> [(&'static str, &Vec<String>); 5] {
        [
            ("worries", &self.worries),
            ("danger_statements", &self.danger_statements),
            ("working_well", &self.working_well),
            ("needs_to_happen", &self.needs_to_happen),
            ("conditions", &self.conditions),
        ]
    }

    /// Every part of the plan as (section, line), for comparing versions.
    fn lines(&self) -> Vec<(PlanSection, PlanLine)> {
        let texts = [
            (PlanSection::Worries, &self.worries),
            (PlanSection::DangerStatements, &self.danger_statements),
            (PlanSection::WorkingWell, &self.working_well),
            (PlanSection::NeedsToHappen, &self.needs_to_happen),
            (PlanSection::Conditions, &self.conditions),
        ];
        let mut out: Vec<(PlanSection, PlanLine)> = texts
            .into_iter()
            .flat_map(|(section, items)| {
                items
                    .iter()
                    .map(move |i| (section, PlanLine::Text(i.clone())))
            })
            .collect();
        out.extend(
            self.safety_goals
                .iter()
                .map(|g| (PlanSection::SafetyGoals, PlanLine::SafetyGoal(g.clone()))),
        );
        out.extend(
            self.scales
                .iter()
                .map(|s| (PlanSection::Scales, PlanLine::Scale(s.clone()))),
        );
        if let Some(score) = self.family_score {
            out.push((PlanSection::Scales, PlanLine::FamilyScore(score)));
        }
        for d in &self.domains {
            let section = PlanSection::Domain(d.domain);
            out.extend(d.goals.iter().map(|g| (section, PlanLine::Goal(g.clone()))));
            out.extend(
                d.actions
                    .iter()
                    .map(|a| (section, PlanLine::Action(a.clone()))),
            );
        }
        if let Some(r) = self.review_date {
            out.push((PlanSection::ReviewDate, PlanLine::ReviewDate(r)));
        }
        out
    }
}

/// Whose score a line of the scores chart follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoreBy {
    /// The family's own score.
    Family,
    Person(PlanPerson),
}

impl ScoreBy {
    /// Two scores are by the same person when they name the same reference, or (for
    /// someone not in the file) the same name.
    pub fn same(&self, other: &ScoreBy) -> bool {
        match (self, other) {
            (ScoreBy::Family, ScoreBy::Family) => true,
            (ScoreBy::Person(a), ScoreBy::Person(b)) => match (&a.id, &b.id) {
                (Some(x), Some(y)) => a.kind == b.kind && x == y,
                (None, None) => a.name.trim().eq_ignore_ascii_case(b.name.trim()),
                _ => false,
            },
            _ => false,
        }
    }
}

/// Something in a plan that should have happened by now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overdue {
    /// The plan's review date has passed.
    Review { due: Date },
    /// An action that is neither done nor dropped, past its date.
    Action {
        domain: LifeDomain,
        what: String,
        who: String,
        due: Date,
    },
}

impl Plan {
    /// What is overdue on `today` (the Dutch date): the review, and open actions.
    pub fn overdue(&self, today: Date) -> Vec<Overdue> {
        let mut out = Vec::new();
        if let Some(due) = self.review_date.filter(|d| *d < today) {
            out.push(Overdue::Review { due });
        }
        for d in &self.domains {
            for a in &d.actions {
                let open = matches!(a.status, ActionStatus::Planned | ActionStatus::Underway);
                if let Some(due) = a.due.filter(|due| open && *due < today) {
                    out.push(Overdue::Action {
                        domain: d.domain,
                        what: a.what.clone(),
                        who: a.who.name.clone(),
                        due,
                    });
                }
            }
        }
        out
    }
}

/// Someone in the file a plan's "who" could name: a household member, a network member
/// or a professional of the circle (`person.id` is their reference), and whether they are
/// in the file still.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InFile {
    pub person: PlanPerson,
    pub current: bool,
}

/// A person a plan may name; `earlier` when only because the stored version named them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nameable {
    pub person: PlanPerson,
    pub earlier: bool,
}

/// Who a plan may name from the file, in the order the form offers them: the current
/// household, network and professionals of the circle (a professional involved twice
/// once), then everyone the `stored` version names who is no longer among them, so a
/// plan keeps naming a person who has since left the file and a save changes nothing the
/// person did not change. "Iemand anders" is a name, not a reference: not listed, and
/// always allowed. The plan form offers these people and [`Plan::check_people`] holds a
/// save to them: one rule for both.
pub fn nameable_people(file: &[InFile], stored: &Plan) -> Vec<Nameable> {
    let mut out: Vec<Nameable> = Vec::new();
    let known = |out: &[Nameable], p: &PlanPerson| {
        out.iter()
            .any(|n| n.person.kind == p.kind && n.person.id == p.id)
    };
    for f in file
        .iter()
        .filter(|f| f.current && f.person.kind != PersonKind::Other)
    {
        if !known(&out, &f.person) {
            out.push(Nameable {
                person: f.person.clone(),
                earlier: false,
            });
        }
    }
    for p in stored.people().filter(|p| p.kind != PersonKind::Other) {
        if !known(&out, p) {
            out.push(Nameable {
                person: p.clone(),
                earlier: true,
            });
        }
    }
    out
}

/// A part of the plan, in the order the plan shows them; a comparison is grouped by it.
/// Typed, so every page and API can name it in its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanSection {
    Worries,
    DangerStatements,
    WorkingWell,
    NeedsToHappen,
    SafetyGoals,
    Conditions,
    Scales,
    Domain(LifeDomain),
    ReviewDate,
}

/// One line of a plan as it is compared: a sentence, a scale, a goal or an action in a
/// life domain, or the review date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanLine {
    Text(String),
    SafetyGoal(SafetyGoal),
    Scale(Scale),
    FamilyScore(u8),
    Goal(String),
    Action(PlanAction),
    ReviewDate(Date),
}

/// What changed in one section between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanChange {
    pub section: PlanSection,
    pub added: Vec<PlanLine>,
    pub removed: Vec<PlanLine>,
}

/// Line-level comparison of two versions, section by section, in the plan's order.
pub fn diff(old: &Plan, new: &Plan) -> Vec<PlanChange> {
    let (a, b) = (old.lines(), new.lines());
    let mut sections: Vec<PlanSection> = a.iter().chain(b.iter()).map(|(s, _)| *s).collect();
    sections.sort();
    sections.dedup();
    let in_section = |lines: &[(PlanSection, PlanLine)], section: PlanSection| -> Vec<PlanLine> {
        lines
            .iter()
            .filter(|(s, _)| *s == section)
            .map(|(_, l)| l.clone())
            .collect()
    };
    sections
        .into_iter()
        .filter_map(|section| {
            let (in_a, in_b) = (in_section(&a, section), in_section(&b, section));
            let added: Vec<PlanLine> = in_b.iter().filter(|l| !in_a.contains(l)).cloned().collect();
            let removed: Vec<PlanLine> =
                in_a.iter().filter(|l| !in_b.contains(l)).cloned().collect();
            (!added.is_empty() || !removed.is_empty()).then_some(PlanChange {
                section,
                added,
                removed,
            })
        })
        .collect()
}

/// Optimistic concurrency: a save names the version it was based on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Store as this new version.
    Save { version: i64 },
    /// Someone saved in between; show them what changed since `based_on`.
    Conflict { current: i64 },
}

pub fn check_save(current: i64, based_on: i64) -> SaveOutcome {
    if current == based_on {
        SaveOutcome::Save {
            version: current + 1,
        }
    } else {
        SaveOutcome::Conflict { current }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn plan() -> Plan {
        Plan {
            worries: vec!["Ruzie thuis als vader drinkt".into()],
            working_well: vec!["Oma haalt Sam elke dag van school".into()],
            scales: vec![Scale {
                who: PlanPerson::chosen(PersonKind::Member, "m1", "Kim"),
                score: 4,
                on: Some(date(2026, 12, 1)),
            }],
            family_score: Some(5),
            domains: vec![DomainPlan {
                domain: LifeDomain::Income,
                goals: vec!["Schulden in beeld".into()],
                actions: vec![PlanAction {
                    who: PlanPerson::other("schuldhulp"),
                    what: "Intake".into(),
                    due: Some(date(2026, 12, 15)),
                    status: ActionStatus::Planned,
                }],
            }],
            review_date: Some(date(2027, 2, 1)),
            ..Plan::default()
        }
    }

    #[test]
    fn valid_plans_pass_and_bad_ones_say_why() {
        let today = date(2026, 12, 6);
        assert_eq!(plan().check(today), Ok(()));
        let mut p = plan();
        p.scales.push(Scale {
            who: "vader".into(),
            score: 11,
            on: None,
        });
        assert!(matches!(
            p.check(today),
            Err(PlanError::ScaleOutOfRange { .. })
        ));
        let mut p = plan();
        p.domains.push(DomainPlan {
            domain: LifeDomain::Income,
            goals: vec![],
            actions: vec![],
        });
        assert_eq!(
            p.check(today),
            Err(PlanError::DomainTwice(LifeDomain::Income))
        );
        let mut p = plan();
        p.worries.push(" ".into());
        assert_eq!(p.check(today), Err(PlanError::EmptyItem("worries")));
        // A mistyped year in a date is caught, wherever the date is.
        let mut p = plan();
        p.review_date = Some(date(2206, 2, 1));
        assert!(matches!(
            p.check(today),
            Err(PlanError::ReviewDateImplausible(_))
        ));
        let mut p = plan();
        p.domains[0].actions[0].due = Some(date(202, 12, 15));
        assert!(matches!(
            p.check(today),
            Err(PlanError::DueDateImplausible {
                domain: LifeDomain::Income,
                index: 0,
                ..
            })
        ));
        let mut p = plan();
        p.domains[0].actions[0].due = Some(date(2001, 1, 1));
        assert_eq!(
            p.check(today),
            Ok(()),
            "a long overdue action is still plausible"
        );
    }

    #[test]
    fn diff_names_what_was_added_and_removed() {
        let old = plan();
        let mut new = plan();
        new.worries.push("Sam verzuimt school".into());
        new.scales[0].score = 6;
        new.domains[0].actions[0].status = ActionStatus::Done;
        let changes = diff(&old, &new);
        let sections: Vec<PlanSection> = changes.iter().map(|c| c.section).collect();
        assert_eq!(
            sections,
            [
                PlanSection::Worries,
                PlanSection::Scales,
                PlanSection::Domain(LifeDomain::Income)
            ]
        );
        assert_eq!(
            changes[0].added,
            [PlanLine::Text("Sam verzuimt school".into())]
        );
        assert!(changes[0].removed.is_empty());
        let scale = |score| {
            PlanLine::Scale(Scale {
                who: PlanPerson::chosen(PersonKind::Member, "m1", "Kim"),
                score,
                on: Some(date(2026, 12, 1)),
            })
        };
        assert_eq!(changes[1].added, [scale(6)]);
        assert_eq!(changes[1].removed, [scale(4)]);
        assert!(
            matches!(&changes[2].added[..], [PlanLine::Action(a)] if a.status == ActionStatus::Done)
        );
        assert!(diff(&old, &old).is_empty());
    }

    #[test]
    fn overdue_reviews_and_open_actions() {
        let p = plan(); // review 2027-02-01, action due 2026-12-15 planned
        assert!(
            p.overdue(date(2026, 12, 15)).is_empty(),
            "due today is not overdue"
        );
        assert_eq!(p.overdue(date(2026, 12, 16)).len(), 1);
        let all = p.overdue(date(2027, 2, 2));
        assert!(
            matches!(all[0], Overdue::Review { .. }) && matches!(all[1], Overdue::Action { .. })
        );
        let mut done = plan();
        done.domains[0].actions[0].status = ActionStatus::Done;
        assert_eq!(done.overdue(date(2026, 12, 16)), vec![]);
    }

    #[test]
    fn stale_saves_conflict() {
        assert_eq!(check_save(3, 3), SaveOutcome::Save { version: 4 });
        assert_eq!(check_save(4, 3), SaveOutcome::Conflict { current: 4 });
        assert_eq!(check_save(0, 0), SaveOutcome::Save { version: 1 });
    }

    #[test]
    fn plans_round_trip_through_json() {
        let p = plan();
        let json = serde_json::to_string(&p).expect("serialises");
        assert_eq!(serde_json::from_str::<Plan>(&json).expect("parses"), p);
        // Missing sections default to empty, so older clients and versions still parse.
        assert_eq!(
            serde_json::from_str::<Plan>("{}").expect("parses"),
            Plan::default()
        );
    }

    #[test]
    fn people_safety_goals_and_the_familys_score_are_checked() {
        let today = date(2026, 12, 6);
        let mut p = plan();
        p.scales[0].who = PlanPerson::other(" ");
        assert_eq!(p.check(today), Err(PlanError::ScaleWhoMissing { index: 0 }));
        let mut p = plan();
        p.scales[0].who.id = None;
        assert_eq!(
            p.check(today),
            Err(PlanError::ScaleWhoMissing { index: 0 }),
            "a member chosen from the file carries the reference"
        );
        let mut p = plan();
        p.scales[0].on = Some(date(2206, 12, 1));
        assert!(matches!(
            p.check(today),
            Err(PlanError::ScaleDateImplausible { index: 0, .. })
        ));
        let mut p = plan();
        p.family_score = Some(11);
        assert_eq!(p.check(today), Err(PlanError::FamilyScoreOutOfRange(11)));
        let mut p = plan();
        p.domains[0].actions[0].who = PlanPerson::other("");
        assert_eq!(
            p.check(today),
            Err(PlanError::ActionWhoMissing {
                domain: LifeDomain::Income,
                index: 0
            })
        );
        let mut p = plan();
        p.safety_goals.push(SafetyGoal {
            text: " ".into(),
            domain: Some(LifeDomain::Safety),
        });
        assert_eq!(p.check(today), Err(PlanError::EmptyItem("safety_goals")));
    }

    fn in_file(kind: PersonKind, id: &str, name: &str, current: bool) -> InFile {
        InFile {
            person: PlanPerson::chosen(kind, id, name),
            current,
        }
    }

    /// The people a plan may name: who is in the file now, each once, then whom the
    /// stored version named and has left; never "iemand anders".
    #[test]
    fn a_plan_may_name_the_files_current_people_and_whom_it_named_before() {
        let file = [
            in_file(PersonKind::Member, "m1", "Kim", true),
            in_file(PersonKind::Member, "m2", "Oud", false),
            in_file(PersonKind::Network, "n1", "Oma", true),
            in_file(PersonKind::Professional, "u1", "Sanne (Buurtteam)", true),
            in_file(PersonKind::Professional, "u1", "Sanne (Buurtteam)", true),
            in_file(PersonKind::Professional, "u2", "Weg", false),
        ];
        let stored = Plan {
            scales: vec![
                Scale {
                    who: PlanPerson::chosen(PersonKind::Professional, "u2", "Weg (SAVE)"),
                    score: 5,
                    on: None,
                },
                Scale {
                    who: PlanPerson::other("Buurvrouw"),
                    score: 6,
                    on: None,
                },
                Scale {
                    who: PlanPerson::chosen(PersonKind::Member, "m1", "Kim"),
                    score: 7,
                    on: None,
                },
            ],
            ..Plan::default()
        };
        let got: Vec<(String, bool)> = nameable_people(&file, &stored)
            .into_iter()
            .map(|n| (n.person.name, n.earlier))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Kim".into(), false),
                ("Oma".into(), false),
                ("Sanne (Buurtteam)".into(), false),
                ("Weg (SAVE)".into(), true),
            ]
        );
    }

    /// A plan names people from the file only by references the file knows, or ones the
    /// version before it already named; "iemand anders" is a name and always allowed.
    #[test]
    fn a_plan_names_only_people_the_file_knows() {
        let p = plan();
        let earlier = Plan::default();
        let kim = [in_file(PersonKind::Member, "m1", "Kim", true)];
        assert_eq!(p.check_people(&nameable_people(&kim, &earlier)), Ok(()));
        let left = [in_file(PersonKind::Member, "m1", "Kim", false)];
        assert_eq!(
            p.check_people(&nameable_people(&left, &earlier)),
            Err(PlanError::ScaleWhoUnknown {
                index: 0,
                name: "Kim".into()
            }),
            "someone who left the file is not named anew"
        );
        let other_kind = [in_file(PersonKind::Network, "m1", "Kim", true)];
        assert_eq!(
            p.check_people(&nameable_people(&other_kind, &earlier)),
            Err(PlanError::ScaleWhoUnknown {
                index: 0,
                name: "Kim".into()
            }),
            "the reference counts with its kind"
        );
        assert_eq!(
            p.check_people(&nameable_people(&[], &p.clone())),
            Ok(()),
            "someone who left the file may stay in the plan that named them"
        );
        let mut q = plan();
        q.domains[0].actions[0].who = PlanPerson::chosen(PersonKind::Professional, "u9", "X");
        assert_eq!(
            q.check_people(&nameable_people(&kim, &earlier)),
            Err(PlanError::ActionWhoUnknown {
                domain: LifeDomain::Income,
                index: 0,
                name: "X".into()
            })
        );
    }

    /// Versions saved before people were chosen from the file and before safety goals
    /// had a life domain still read: a bare name is "iemand anders" with that name, a
    /// bare goal has no life domain, and what they lacked is empty.
    #[test]
    fn an_old_stored_plan_still_reads() {
        let old = serde_json::json!({
            "worries": ["Ruzie thuis"],
            "danger_statements": [],
            "working_well": [],
            "needs_to_happen": [],
            "safety_goals": ["Sam is veilig thuis"],
            "scales": [{ "who": "moeder", "score": 4 }],
            "domains": [{ "domain": "income", "goals": ["Schulden in beeld"],
                "actions": [{ "who": "schuldhulp", "what": "Intake", "due": "2026-12-15", "status": "done" }] }],
            "conditions": ["Geen alcohol"],
            "review_date": "2027-02-01"
        });
        let p: Plan = serde_json::from_value(old).expect("an old version parses");
        assert_eq!(p.safety_goals, [SafetyGoal::from("Sam is veilig thuis")]);
        assert_eq!(
            p.scales,
            [Scale {
                who: PlanPerson::other("moeder"),
                score: 4,
                on: None
            }]
        );
        assert_eq!(p.family_score, None);
        let action = &p.domains[0].actions[0];
        assert_eq!(action.who, PlanPerson::other("schuldhulp"));
        assert_eq!(action.status, ActionStatus::Done);
        assert_eq!(p.check(date(2026, 12, 6)), Ok(()));
        // Saved again, it is in the new shape and reads back the same.
        let again: Plan = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(again, p);
        assert_eq!(
            serde_json::to_value(&p.scales[0].who).unwrap(),
            serde_json::json!({ "kind": "other", "name": "moeder" })
        );
    }

    #[test]
    fn scores_follow_the_same_person_over_versions() {
        let p = plan();
        let scores = p.scores();
        assert_eq!(scores[0], (ScoreBy::Family, 5), "the family's own first");
        let kim = ScoreBy::Person(PlanPerson::chosen(PersonKind::Member, "m1", "Kim J."));
        assert!(scores[1].0.same(&kim), "renamed, still the same member");
        assert!(!scores[1].0.same(&ScoreBy::Family));
        let a = ScoreBy::Person(PlanPerson::other("Oma"));
        assert!(a.same(&ScoreBy::Person(PlanPerson::other("oma "))));
    }
}
