//! The plan form exactly as typed, and reading it into a plan.
//!
//! Every part of the plan is a list of rows. A row is added or removed by a button that
//! posts the whole form back (`add=<part>`, `remove_row=<part>-<n>`), so it works without
//! JavaScript and nothing typed is lost; htmx sends the same request and swaps the form.

use eenplan_domain::text::{check_text, parse_date, typed_date};
use jiff::civil::Date;

use crate::flows::family::texts::{PlanTexts, family_texts, plan_texts};
use crate::kit::Refusal;
use crate::kit::dates::today;
use crate::kit::form::{Errors, FormData};
use crate::kit::i18n::Lang;
use eenplan_domain::family::{
    ActionStatus, DomainPlan, InFile, LifeDomain, PersonKind, Plan, PlanAction, PlanError,
    PlanPerson, SafetyGoal, Scale, nameable_people,
};

/// A part of the plan that is a list of rows, as its buttons and fields name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Worries,
    DangerStatements,
    WorkingWell,
    NeedsToHappen,
    SafetyGoals,
    Scales,
    Goals,
    Actions,
    Conditions,
}

impl Part {
    const ALL: [Part; 9] = [
        Part::Worries,
        Part::DangerStatements,
        Part::WorkingWell,
        Part::NeedsToHappen,
        Part::SafetyGoals,
        Part::Scales,
        Part::Goals,
        Part::Actions,
        Part::Conditions,
    ];

    /// The name in the form: the text lists' field, and the value of the part's buttons.
    pub fn name(self) -> &'static str {
        match self {
            Part::Worries => "worries",
            Part::DangerStatements => "danger_statements",
            Part::WorkingWell => "working_well",
            Part::NeedsToHappen => "needs_to_happen",
            Part::SafetyGoals => "safety_goals",
            Part::Scales => "scales",
            Part::Goals => "goals",
            Part::Actions => "actions",
            Part::Conditions => "conditions",
        }
    }

    fn parse(name: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The part's title on the page.
    pub fn title(self, lang: Lang) -> &'static str {
        let (ft, pt) = (family_texts(lang), plan_texts(lang));
        match self {
            Part::Worries => ft.p_worries,
            Part::DangerStatements => ft.p_danger,
            Part::WorkingWell => ft.p_working_well,
            Part::NeedsToHappen => ft.p_needs,
            Part::SafetyGoals => ft.p_goals,
            Part::Scales => ft.p_scales,
            Part::Goals => pt.domain_goals,
            Part::Actions => ft.p_actions,
            Part::Conditions => ft.p_conditions,
        }
    }

    /// What one row of the part is called ("Zorg 2").
    pub fn item(self, lang: Lang) -> &'static str {
        let pt = plan_texts(lang);
        match self {
            Part::Worries => pt.item_worry,
            Part::DangerStatements => pt.item_danger,
            Part::WorkingWell => pt.item_working_well,
            Part::NeedsToHappen => pt.item_needs,
            Part::SafetyGoals => pt.item_safety_goal,
            Part::Scales => pt.scale,
            Part::Goals => pt.goal,
            Part::Actions => pt.action,
            Part::Conditions => pt.item_condition,
        }
    }
}

/// The safety map's lists and the conditions: one sentence per row.
const TEXT_PARTS: [Part; 5] = [
    Part::Worries,
    Part::DangerStatements,
    Part::WorkingWell,
    Part::NeedsToHappen,
    Part::Conditions,
];

fn items(plan: &Plan, part: Part) -> &[String] {
    match part {
        Part::Worries => &plan.worries,
        Part::DangerStatements => &plan.danger_statements,
        Part::WorkingWell => &plan.working_well,
        Part::NeedsToHappen => &plan.needs_to_happen,
        _ => &plan.conditions,
    }
}

fn items_mut(plan: &mut Plan, part: Part) -> &mut Vec<String> {
    match part {
        Part::Worries => &mut plan.worries,
        Part::DangerStatements => &mut plan.danger_statements,
        Part::WorkingWell => &mut plan.working_well,
        Part::NeedsToHappen => &mut plan.needs_to_happen,
        _ => &mut plan.conditions,
    }
}

/// A person someone can pick in a row's "who": (form value, name, group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonChoice {
    pub value: String,
    pub name: String,
    pub group: ChoiceGroup,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceGroup {
    Family,
    Network,
    Professionals,
    /// Named in a saved version but no longer in the file: kept, so a save changes
    /// nothing the person did not change.
    Earlier,
}

/// The form's value for a person: `member:<id>`, `network:<id>`, `professional:<id>`,
/// or `other` for someone named only.
fn person_value(p: &PlanPerson) -> String {
    let kind = match p.kind {
        PersonKind::Member => "member",
        PersonKind::Network => "network",
        PersonKind::Professional => "professional",
        PersonKind::Other => return OTHER.to_owned(),
    };
    format!("{kind}:{}", p.id.as_deref().unwrap_or_default())
}

const OTHER: &str = "other";

fn person_from_value(value: &str, name: &str) -> Option<PlanPerson> {
    let (kind, id) = value.split_once(':')?;
    let kind = match kind {
        "member" => PersonKind::Member,
        "network" => PersonKind::Network,
        "professional" => PersonKind::Professional,
        _ => return None,
    };
    Some(PlanPerson::chosen(kind, id, name))
}

/// Everyone a row's "who" can name, grouped for the choice: the people the domain lets
/// a plan name ([`nameable_people`]), from the file's people and the stored plan.
pub(super) fn people(in_file: &[InFile], stored: &Plan) -> Vec<PersonChoice> {
    nameable_people(in_file, stored)
        .into_iter()
        .map(|n| PersonChoice {
            value: person_value(&n.person),
            group: match (n.earlier, n.person.kind) {
                (true, _) => ChoiceGroup::Earlier,
                (false, PersonKind::Member) => ChoiceGroup::Family,
                (false, PersonKind::Network) => ChoiceGroup::Network,
                (false, _) => ChoiceGroup::Professionals,
            },
            name: n.person.name,
        })
        .collect()
}

#[derive(Debug, Clone, Default)]
pub struct TextRow {
    pub text: String,
    pub error: Option<&'static str>,
}

/// One of the text parts as typed.
#[derive(Debug, Clone)]
pub struct TextList {
    pub part: Part,
    pub rows: Vec<TextRow>,
}

#[derive(Debug, Clone, Default)]
pub struct SafetyGoalRow {
    pub text: String,
    pub domain: String,
    pub error: Mark,
}

#[derive(Debug, Clone, Default)]
pub struct ScaleRow {
    pub who: String,
    pub who_name: String,
    pub score: String,
    pub on: String,
    pub error: Mark,
}

#[derive(Debug, Clone, Default)]
pub struct GoalRow {
    pub domain: String,
    pub goal: String,
    pub error: Mark,
}

#[derive(Debug, Clone, Default)]
pub struct ActionRow {
    pub domain: String,
    pub who: String,
    pub who_name: String,
    pub what: String,
    pub due: String,
    pub status: String,
    pub error: Mark,
}

impl SafetyGoalRow {
    fn blank(&self) -> bool {
        self.text.trim().is_empty() && self.domain.is_empty()
    }
}

impl ScaleRow {
    fn blank(&self) -> bool {
        self.who.trim().is_empty()
            && self.who_name.trim().is_empty()
            && self.score.trim().is_empty()
            && self.on.trim().is_empty()
    }
}

impl GoalRow {
    fn blank(&self) -> bool {
        self.domain.is_empty() && self.goal.trim().is_empty()
    }
}

impl ActionRow {
    fn blank(&self) -> bool {
        self.domain.is_empty()
            && self.who.trim().is_empty()
            && self.who_name.trim().is_empty()
            && self.what.trim().is_empty()
            && self.due.trim().is_empty()
    }

    fn new_blank() -> Self {
        ActionRow {
            status: ActionStatus::Planned.code().to_owned(),
            ..ActionRow::default()
        }
    }
}

/// The plan form exactly as typed (or as stored, before anything was typed).
#[derive(Debug, Clone)]
pub struct PlanForm {
    pub based_on: i64,
    /// The safety map's lists and the conditions, in [`TEXT_PARTS`] order.
    pub lists: Vec<TextList>,
    pub safety_goals: Vec<SafetyGoalRow>,
    pub scales: Vec<ScaleRow>,
    pub family_score: String,
    pub goals: Vec<GoalRow>,
    pub actions: Vec<ActionRow>,
    pub review_date: String,
    /// Messages for single fields (family score, review date) and whole parts.
    pub errors: Errors,
    /// The row just added, whose first input takes the focus: (part, 1-based row).
    pub focus: Option<(Part, usize)>,
    /// The part a row was just removed from: its add button takes the focus.
    pub removed_from: Option<Part>,
}

/// Reading a row failed: (which input of the row, message).
type RowError = (&'static str, &'static str);

/// A row's message and the input it points at, for the template.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mark(Option<RowError>);

impl Mark {
    pub fn on(&self, input: &str) -> bool {
        self.0.is_some_and(|(i, _)| i == input)
    }

    pub fn text(&self) -> Option<&'static str> {
        self.0.map(|(_, text)| text)
    }

    pub fn is_some(&self) -> bool {
        self.0.is_some()
    }
}

/// The repeated fields `names` of a submitted form as rows, in order; a column shorter
/// than the others reads as empty where it ends.
fn rows<const N: usize>(data: &FormData, names: [&str; N]) -> impl Iterator<Item = [String; N]> {
    let columns = names.map(|name| data.all(name));
    let n = columns.iter().map(Vec::len).max().unwrap_or(0);
    (0..n).map(move |i| std::array::from_fn(|c| columns[c].get(i).cloned().unwrap_or_default()))
}

fn shown_date(d: Option<Date>) -> String {
    d.map(typed_date).unwrap_or_default()
}

impl PlanForm {
    pub(super) fn from_plan(plan: &Plan, version: i64) -> Self {
        let mut form = PlanForm {
            based_on: version,
            lists: TEXT_PARTS
                .iter()
                .map(|part| TextList {
                    part: *part,
                    rows: items(plan, *part)
                        .iter()
                        .map(|text| TextRow {
                            text: text.clone(),
                            error: None,
                        })
                        .collect(),
                })
                .collect(),
            safety_goals: plan
                .safety_goals
                .iter()
                .map(|g| SafetyGoalRow {
                    text: g.text.clone(),
                    domain: g.domain.map(|d| d.code().to_owned()).unwrap_or_default(),
                    error: Mark::default(),
                })
                .collect(),
            scales: plan
                .scales
                .iter()
                .map(|s| ScaleRow {
                    who: person_value(&s.who),
                    who_name: if s.who.kind == PersonKind::Other {
                        s.who.name.clone()
                    } else {
                        String::new()
                    },
                    score: s.score.to_string(),
                    on: shown_date(s.on),
                    error: Mark::default(),
                })
                .collect(),
            family_score: plan.family_score.map(|s| s.to_string()).unwrap_or_default(),
            goals: plan
                .domains
                .iter()
                .flat_map(|d| {
                    d.goals.iter().map(|g| GoalRow {
                        domain: d.domain.code().to_owned(),
                        goal: g.clone(),
                        error: Mark::default(),
                    })
                })
                .collect(),
            actions: plan
                .domains
                .iter()
                .flat_map(|d| {
                    d.actions.iter().map(|a| ActionRow {
                        domain: d.domain.code().to_owned(),
                        who: person_value(&a.who),
                        who_name: if a.who.kind == PersonKind::Other {
                            a.who.name.clone()
                        } else {
                            String::new()
                        },
                        what: a.what.clone(),
                        due: shown_date(a.due),
                        status: a.status.code().to_owned(),
                        error: Mark::default(),
                    })
                })
                .collect(),
            review_date: shown_date(plan.review_date),
            errors: Errors::new(),
            focus: None,
            removed_from: None,
        };
        form.offer_blank_rows();
        form
    }

    /// An empty part gets one empty row, so it can be filled in without adding one.
    fn offer_blank_rows(&mut self) {
        for list in &mut self.lists {
            if list.rows.is_empty() {
                list.rows.push(TextRow::default());
            }
        }
        if self.safety_goals.is_empty() {
            self.safety_goals.push(SafetyGoalRow::default());
        }
        if self.scales.is_empty() {
            self.scales.push(ScaleRow::default());
        }
        if self.goals.is_empty() {
            self.goals.push(GoalRow::default());
        }
        if self.actions.is_empty() {
            self.actions.push(ActionRow::new_blank());
        }
    }

    /// Takes the submitted form as it is; rows are the repeated fields in order.
    pub(super) fn from_submitted(data: &FormData) -> Self {
        PlanForm {
            based_on: data.get("based_on").parse().unwrap_or(-1),
            lists: TEXT_PARTS
                .iter()
                .map(|part| TextList {
                    part: *part,
                    rows: data
                        .all(part.name())
                        .into_iter()
                        .map(|text| TextRow {
                            text: text.replace("\r\n", "\n"),
                            error: None,
                        })
                        .collect(),
                })
                .collect(),
            safety_goals: rows(data, ["safety_goal_text", "safety_goal_domain"])
                .map(|[text, domain]| SafetyGoalRow {
                    text,
                    domain,
                    ..SafetyGoalRow::default()
                })
                .collect(),
            scales: rows(
                data,
                ["scale_who", "scale_who_name", "scale_score", "scale_on"],
            )
            .map(|[who, who_name, score, on]| ScaleRow {
                who,
                who_name,
                score,
                on,
                ..ScaleRow::default()
            })
            .collect(),
            family_score: data.get("family_score"),
            goals: rows(data, ["goal_domain", "goal_text"])
                .map(|[domain, goal]| GoalRow {
                    domain,
                    goal,
                    ..GoalRow::default()
                })
                .collect(),
            actions: rows(
                data,
                [
                    "action_domain",
                    "action_who",
                    "action_who_name",
                    "action_what",
                    "action_due",
                    "action_status",
                ],
            )
            .map(|[domain, who, who_name, what, due, status]| ActionRow {
                domain,
                who,
                who_name,
                what,
                due,
                status,
                ..ActionRow::default()
            })
            .collect(),
            review_date: data.get("review_date"),
            errors: Errors::new(),
            focus: None,
            removed_from: None,
        }
    }

    /// What the person asked of the form besides saving: a row more in a part, or one
    /// row less. `None` when the form is to be saved.
    pub(super) fn row_change(data: &FormData) -> Option<RowChange> {
        if let Some(part) = Part::parse(&data.get("add")) {
            return Some(RowChange::Add(part));
        }
        // Not "remove": a form control of that name hides the form's own remove(),
        // which htmx calls when it swaps the form.
        let remove = data.get("remove_row");
        let (part, n) = remove.rsplit_once('-')?;
        Some(RowChange::Remove(Part::parse(part)?, n.parse().ok()?))
    }

    /// Makes the change, keeping everything else as typed: an empty row at the end of
    /// the part (focused), or row `n` (1-based) gone. The parts are never left without
    /// a row to type in.
    pub(super) fn apply(&mut self, change: RowChange) {
        match change {
            RowChange::Add(part) => {
                let n = match part {
                    Part::SafetyGoals => push(&mut self.safety_goals, SafetyGoalRow::default()),
                    Part::Scales => push(&mut self.scales, ScaleRow::default()),
                    Part::Goals => push(&mut self.goals, GoalRow::default()),
                    Part::Actions => push(&mut self.actions, ActionRow::new_blank()),
                    _ => match self.lists.iter_mut().find(|l| l.part == part) {
                        Some(list) => push(&mut list.rows, TextRow::default()),
                        None => return,
                    },
                };
                self.focus = Some((part, n));
            }
            RowChange::Remove(part, n) => {
                let Some(i) = n.checked_sub(1) else {
                    return;
                };
                let removed = match part {
                    Part::SafetyGoals => remove(&mut self.safety_goals, i),
                    Part::Scales => remove(&mut self.scales, i),
                    Part::Goals => remove(&mut self.goals, i),
                    Part::Actions => remove(&mut self.actions, i),
                    _ => self
                        .lists
                        .iter_mut()
                        .find(|l| l.part == part)
                        .is_some_and(|l| remove(&mut l.rows, i)),
                };
                if removed {
                    self.removed_from = Some(part);
                    self.offer_blank_rows();
                }
            }
        }
    }

    /// The sentence the page announces after a removal.
    pub(super) fn announcement(&self, lang: Lang) -> Option<String> {
        let pt = plan_texts(lang);
        self.removed_from
            .map(|part| format!("{} {}.", pt.row_removed_from, part.title(lang)))
    }

    pub(super) fn has_errors(&self) -> bool {
        !self.errors.is_empty()
            || self
                .lists
                .iter()
                .any(|l| l.rows.iter().any(|r| r.error.is_some()))
            || self.safety_goals.iter().any(|r| r.error.is_some())
            || self.scales.iter().any(|r| r.error.is_some())
            || self.goals.iter().any(|r| r.error.is_some())
            || self.actions.iter().any(|r| r.error.is_some())
    }

    /// Reads the form into a plan, marking every row or field that cannot be read; the
    /// domain's own check ([`Plan::check`], the same the API's plan goes through) then
    /// runs on the result and is marked the same way. `people` are those a "who" may
    /// name (see [`people`]).
    pub(super) fn read(&mut self, lang: Lang, people: &[PersonChoice]) -> Option<Plan> {
        let (pt, t) = (plan_texts(lang), lang.texts());
        let mut plan = Plan::default();
        // The domain's text rule first, at the field or row it is about.
        let refused = |name: &str, value: &str| {
            check_text(crate::input::field_kind(name), value)
                .err()
                .map(|p| crate::input::page_message(t, p))
        };
        for list in &mut self.lists {
            for row in &mut list.rows {
                row.error = refused(list.part.name(), &row.text);
            }
        }
        for row in &mut self.safety_goals {
            if let Some(m) = refused("safety_goal_text", &row.text) {
                row.error = Mark(Some(("text", m)));
            }
        }
        for row in &mut self.scales {
            if let Some(m) = refused("name", &row.who_name) {
                row.error = Mark(Some(("who_name", m)));
            }
        }
        for row in &mut self.goals {
            if let Some(m) = refused("goal_text", &row.goal) {
                row.error = Mark(Some(("goal", m)));
            }
        }
        for row in &mut self.actions {
            let cells = [
                ("who_name", "name", &row.who_name),
                ("what", "what", &row.what),
            ];
            if let Some(e) = cells
                .iter()
                .find_map(|(input, kind, v)| refused(kind, v).map(|m| (*input, m)))
            {
                row.error = Mark(Some(e));
            }
        }
        if self.has_errors() {
            return None;
        }
        for list in &self.lists {
            *items_mut(&mut plan, list.part) = list
                .rows
                .iter()
                .map(|r| r.text.trim())
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
        }
        for row in &mut self.safety_goals {
            if row.blank() {
                continue;
            }
            match read_safety_goal(row, pt) {
                Ok(goal) => plan.safety_goals.push(goal),
                Err(e) => row.error = Mark(Some(e)),
            }
        }
        // Which form row each scale of the plan came from, for the domain's refusals.
        let mut scale_rows = Vec::new();
        for (i, row) in self.scales.iter_mut().enumerate() {
            if row.blank() {
                continue;
            }
            match read_scale(row, pt, people) {
                Ok(scale) => {
                    scale_rows.push(i);
                    plan.scales.push(scale);
                }
                Err(e) => row.error = Mark(Some(e)),
            }
        }
        match self.family_score.trim() {
            "" => {}
            score => match score.parse::<u8>() {
                Ok(s) => plan.family_score = Some(s),
                Err(_) => {
                    self.errors.insert("family_score", pt.err_score);
                }
            },
        }
        for row in &mut self.goals {
            if row.blank() {
                continue;
            }
            match read_goal(row, pt) {
                Ok((domain, goal)) => domain_plan(&mut plan.domains, domain).goals.push(goal),
                Err(e) => row.error = Mark(Some(e)),
            }
        }
        // Which form row each action came from: (life domain, place among its actions, row).
        let mut action_rows = Vec::new();
        for (i, row) in self.actions.iter_mut().enumerate() {
            if row.blank() {
                continue;
            }
            match read_action(row, pt, people) {
                Ok((domain, action)) => {
                    let actions = &mut domain_plan(&mut plan.domains, domain).actions;
                    action_rows.push((domain, actions.len(), i));
                    actions.push(action);
                }
                Err(e) => row.error = Mark(Some(e)),
            }
        }
        let review = self.review_date.trim();
        if !review.is_empty() {
            match parse_date(review) {
                Some(d) => plan.review_date = Some(d),
                None => {
                    self.errors.insert("review_date", pt.err_date);
                }
            }
        }
        if self.has_errors() {
            return None;
        }
        match plan.check(today()) {
            Ok(()) => Some(plan),
            Err(e) => {
                self.refused(&e, &scale_rows, &action_rows, lang);
                None
            }
        }
    }

    /// Puts a domain refusal next to what it is about: a scale's or an action's at its
    /// row, the rest at its field.
    fn refused(
        &mut self,
        e: &PlanError,
        scale_rows: &[usize],
        action_rows: &[(LifeDomain, usize, usize)],
        lang: Lang,
    ) {
        let message = e.text(lang);
        let row = match e {
            PlanError::DueDateImplausible { domain, index, .. }
            | PlanError::ActionWhoMissing { domain, index } => {
                let row = action_rows
                    .iter()
                    .find(|(d, n, _)| d == domain && n == index)
                    .map_or(0, |(_, _, row)| *row);
                self.actions.get_mut(row).map(|r| &mut r.error)
            }
            PlanError::ScaleOutOfRange { index, .. }
            | PlanError::ScaleWhoMissing { index }
            | PlanError::ScaleDateImplausible { index, .. } => {
                let row = scale_rows.get(*index).copied().unwrap_or(0);
                self.scales.get_mut(row).map(|r| &mut r.error)
            }
            _ => {
                e.place(lang, &mut self.errors);
                return;
            }
        };
        if let (Some(mark), Some(input)) = (row, e.field()) {
            *mark = Mark(Some((input, message)));
        }
    }
}

/// A change of rows asked by one of the form's buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowChange {
    Add(Part),
    /// The part and the 1-based row.
    Remove(Part, usize),
}

/// Adds `row`; its 1-based place.
fn push<T>(rows: &mut Vec<T>, row: T) -> usize {
    rows.push(row);
    rows.len()
}

fn remove<T>(rows: &mut Vec<T>, i: usize) -> bool {
    if i < rows.len() {
        rows.remove(i);
        true
    } else {
        false
    }
}

fn domain_plan(domains: &mut Vec<DomainPlan>, domain: LifeDomain) -> &mut DomainPlan {
    let at = match domains.iter().position(|d| d.domain == domain) {
        Some(i) => i,
        None => {
            domains.push(DomainPlan {
                domain,
                goals: vec![],
                actions: vec![],
            });
            domains.len() - 1
        }
    };
    &mut domains[at]
}

/// The person a row's "who" names: chosen from `people`, or someone else by the name
/// typed beside it. `missing` is the row's message when neither is given.
fn read_person(
    value: &str,
    name: &str,
    people: &[PersonChoice],
    pt: &PlanTexts,
    missing: &'static str,
) -> Result<PlanPerson, RowError> {
    let (value, name) = (value.trim(), name.trim());
    if value.is_empty() || value == OTHER {
        if name.is_empty() {
            return Err(if value.is_empty() {
                ("who", missing)
            } else {
                ("who_name", pt.err_other_name)
            });
        }
        return Ok(PlanPerson::other(name));
    }
    people
        .iter()
        .find(|c| c.value == value)
        .and_then(|c| person_from_value(&c.value, &c.name))
        .ok_or(("who", pt.err_who_unknown))
}

fn read_date(text: &str, input: &'static str, pt: &PlanTexts) -> Result<Option<Date>, RowError> {
    match text.trim() {
        "" => Ok(None),
        text => parse_date(text).map(Some).ok_or((input, pt.err_date)),
    }
}

fn read_safety_goal(row: &SafetyGoalRow, pt: &PlanTexts) -> Result<SafetyGoal, RowError> {
    let domain = match row.domain.trim() {
        "" => None,
        code => Some(
            code.parse::<LifeDomain>()
                .map_err(|_| ("domain", pt.err_domain))?,
        ),
    };
    if row.text.trim().is_empty() {
        return Err(("text", pt.err_goal));
    }
    Ok(SafetyGoal {
        text: row.text.trim().to_owned(),
        domain,
    })
}

fn read_scale(row: &ScaleRow, pt: &PlanTexts, people: &[PersonChoice]) -> Result<Scale, RowError> {
    let who = read_person(&row.who, &row.who_name, people, pt, pt.err_scale_who)?;
    let score = row
        .score
        .trim()
        .parse::<u8>()
        .map_err(|_| ("score", pt.err_score))?;
    // A score without a date was given today, when it is saved.
    let on = read_date(&row.on, "on", pt)?.or_else(|| Some(today()));
    Ok(Scale { who, score, on })
}

fn read_goal(row: &GoalRow, pt: &PlanTexts) -> Result<(LifeDomain, String), RowError> {
    let domain = row
        .domain
        .parse::<LifeDomain>()
        .map_err(|_| ("domain", pt.err_domain))?;
    if row.goal.trim().is_empty() {
        return Err(("goal", pt.err_goal));
    }
    Ok((domain, row.goal.trim().to_owned()))
}

fn read_action(
    row: &ActionRow,
    pt: &PlanTexts,
    people: &[PersonChoice],
) -> Result<(LifeDomain, PlanAction), RowError> {
    let domain = row
        .domain
        .parse::<LifeDomain>()
        .map_err(|_| ("domain", pt.err_domain))?;
    let who = read_person(&row.who, &row.who_name, people, pt, pt.err_action_who)?;
    if row.what.trim().is_empty() {
        return Err(("what", pt.err_what));
    }
    let due = read_date(&row.due, "due", pt)?;
    let status = row
        .status
        .parse::<ActionStatus>()
        .map_err(|_| ("status", pt.err_status))?;
    Ok((
        domain,
        PlanAction {
            who,
            what: row.what.trim().to_owned(),
            due,
            status,
        },
    ))
}
