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

mod choices;
mod parse;
mod rows;
mod summary;

pub(super) use choices::{ChoiceGroup, PersonChoice, people};
use choices::{person_value, read_person};
pub use rows::{ActionRow, GoalRow, Mark, RowChange, SafetyGoalRow, ScaleRow, TextList, TextRow};
use rows::{RowError, push, remove, rows, shown_date};
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
}
