//! The plan form exactly as typed, and reading it into a plan.

use crate::flows::family::texts::family_texts;
use eenplan_domain::text::check_text;
use jiff::civil::Date;

use crate::flows::family::texts::{PlanTexts, plan_texts};
use crate::kit::Refusal;
use crate::kit::dates::today;
use crate::kit::form::{Errors, FormData};
use crate::kit::i18n::{Lang, Texts};
use eenplan_domain::family::{
    ActionStatus, DomainPlan, LifeDomain, Plan, PlanAction, PlanError, Scale,
};

/// Empty rows offered under the filled ones, so a scale, goal or action can be added
/// without JavaScript.
const BLANK_ROWS: usize = 2;

/// A plan's free-text sections in the order the form shows them: (field, title).
pub(super) fn sections(lang: Lang) -> [(&'static str, &'static str); 6] {
    let ft = family_texts(lang);
    [
        ("worries", ft.p_worries),
        ("danger_statements", ft.p_danger),
        ("working_well", ft.p_working_well),
        ("needs_to_happen", ft.p_needs),
        ("safety_goals", ft.p_goals),
        ("conditions", ft.p_conditions),
    ]
}

pub(super) fn section_items<'p>(plan: &'p Plan, field: &str) -> &'p [String] {
    match field {
        "worries" => &plan.worries,
        "danger_statements" => &plan.danger_statements,
        "working_well" => &plan.working_well,
        "needs_to_happen" => &plan.needs_to_happen,
        "safety_goals" => &plan.safety_goals,
        _ => &plan.conditions,
    }
}

#[derive(Debug, Clone, Default)]
pub struct ScaleRow {
    pub who: String,
    pub score: String,
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
    pub what: String,
    pub due: String,
    pub status: String,
    pub error: Mark,
}

impl ScaleRow {
    fn blank(&self) -> bool {
        self.who.trim().is_empty() && self.score.trim().is_empty()
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
            && self.what.trim().is_empty()
            && self.due.trim().is_empty()
    }
}

/// The plan form exactly as typed (or as stored, before anything was typed).
#[derive(Debug, Clone, Default)]
pub struct PlanForm {
    pub based_on: i64,
    /// The free-text sections as typed: (field, text).
    pub texts: Vec<(&'static str, String)>,
    pub scales: Vec<ScaleRow>,
    pub goals: Vec<GoalRow>,
    pub actions: Vec<ActionRow>,
    pub review_date: String,
    /// Messages for the free-text sections and the review date, by field.
    pub errors: Errors,
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

impl PlanForm {
    pub(super) fn from_plan(plan: &Plan, version: i64) -> Self {
        let mut form = PlanForm {
            based_on: version,
            texts: sections(Lang::Nl)
                .iter()
                .map(|(field, _)| (*field, section_items(plan, field).join("\n")))
                .collect(),
            scales: plan
                .scales
                .iter()
                .map(|s| ScaleRow {
                    who: s.who.clone(),
                    score: s.score.to_string(),
                    error: Mark::default(),
                })
                .collect(),
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
                        who: a.who.clone(),
                        what: a.what.clone(),
                        due: a.due.map(|d| d.to_string()).unwrap_or_default(),
                        status: a.status.code().to_owned(),
                        error: Mark::default(),
                    })
                })
                .collect(),
            review_date: plan.review_date.map(|d| d.to_string()).unwrap_or_default(),
            errors: Errors::new(),
        };
        form.offer_blank_rows();
        form
    }

    fn offer_blank_rows(&mut self) {
        self.scales
            .extend(std::iter::repeat_with(ScaleRow::default).take(BLANK_ROWS));
        self.goals
            .extend(std::iter::repeat_with(GoalRow::default).take(BLANK_ROWS));
        self.actions.extend(
            std::iter::repeat_with(|| ActionRow {
                status: ActionStatus::Planned.code().to_owned(),
                ..ActionRow::default()
            })
            .take(BLANK_ROWS),
        );
    }

    /// Takes the submitted form as it is; rows are the repeated fields in order.
    pub(super) fn from_submitted(data: &FormData) -> Self {
        PlanForm {
            based_on: data.get("based_on").parse().unwrap_or(-1),
            texts: sections(Lang::Nl)
                .iter()
                .map(|(field, _)| (*field, data.raw(field).replace("\r\n", "\n")))
                .collect(),
            scales: rows(data, ["scale_who", "scale_score"])
                .map(|[who, score]| ScaleRow {
                    who,
                    score,
                    ..ScaleRow::default()
                })
                .collect(),
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
                    "action_what",
                    "action_due",
                    "action_status",
                ],
            )
            .map(|[domain, who, what, due, status]| ActionRow {
                domain,
                who,
                what,
                due,
                status,
                ..ActionRow::default()
            })
            .collect(),
            review_date: data.get("review_date"),
            errors: Errors::new(),
        }
    }

    pub(super) fn has_errors(&self) -> bool {
        !self.errors.is_empty()
            || self.scales.iter().any(|r| r.error.is_some())
            || self.goals.iter().any(|r| r.error.is_some())
            || self.actions.iter().any(|r| r.error.is_some())
    }

    /// Reads the form into a plan, marking every row or field that cannot be read; the
    /// domain's own check then runs on the result and is marked the same way.
    pub(super) fn read(&mut self, lang: Lang) -> Option<Plan> {
        let (pt, t) = (plan_texts(lang), lang.texts());
        let mut plan = Plan::default();
        // The domain's text rule first, at the field or row it is about.
        let refused = |name: &str, value: &str| {
            check_text(crate::input::field_kind(name), value)
                .err()
                .map(|p| crate::input::page_message(t, p))
        };
        for (field, text) in &self.texts {
            if let Some(message) = refused(field, text) {
                self.errors.insert(*field, message);
            }
        }
        if let Some(message) = refused("review_date", &self.review_date) {
            self.errors.insert("review_date", message);
        }
        for row in &mut self.scales {
            if let Some(m) = refused("scale_who", &row.who) {
                row.error = Mark(Some(("who", m)));
            }
        }
        for row in &mut self.goals {
            if let Some(m) = refused("goal_text", &row.goal) {
                row.error = Mark(Some(("goal", m)));
            }
        }
        for row in &mut self.actions {
            let cells = [("who", &row.who), ("what", &row.what), ("due", &row.due)];
            if let Some(e) = cells
                .iter()
                .find_map(|(input, v)| refused(input, v).map(|m| (*input, m)))
            {
                row.error = Mark(Some(e));
            }
        }
        if self.has_errors() {
            return None;
        }
        for (field, text) in &self.texts {
            let items: Vec<String> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            match *field {
                "worries" => plan.worries = items,
                "danger_statements" => plan.danger_statements = items,
                "working_well" => plan.working_well = items,
                "needs_to_happen" => plan.needs_to_happen = items,
                "safety_goals" => plan.safety_goals = items,
                _ => plan.conditions = items,
            }
        }
        // Which form row each scale of the plan came from, for the domain's refusals.
        let mut scale_rows = Vec::new();
        for (i, row) in self.scales.iter_mut().enumerate() {
            if row.blank() {
                continue;
            }
            match read_scale(row, pt) {
                Ok(scale) => {
                    scale_rows.push(i);
                    plan.scales.push(scale);
                }
                Err(e) => row.error = Mark(Some(e)),
            }
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
            match read_action(row, pt, t) {
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
            match review.parse::<Date>() {
                Ok(d) => plan.review_date = Some(d),
                Err(_) => {
                    self.errors.insert("review_date", t.err_date);
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
            PlanError::DueDateImplausible { domain, index, .. } => {
                let row = action_rows
                    .iter()
                    .find(|(d, n, _)| d == domain && n == index)
                    .map_or(0, |(_, _, row)| *row);
                self.actions.get_mut(row).map(|r| &mut r.error)
            }
            PlanError::ScaleOutOfRange { index, .. } => {
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

fn read_scale(row: &ScaleRow, pt: &PlanTexts) -> Result<Scale, RowError> {
    if row.who.trim().is_empty() {
        return Err(("who", pt.err_scale_who));
    }
    let score = row
        .score
        .trim()
        .parse::<u8>()
        .map_err(|_| ("score", pt.err_score))?;
    Ok(Scale {
        who: row.who.trim().to_owned(),
        score,
    })
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
    t: &Texts,
) -> Result<(LifeDomain, PlanAction), RowError> {
    let domain = row
        .domain
        .parse::<LifeDomain>()
        .map_err(|_| ("domain", pt.err_domain))?;
    if row.who.trim().is_empty() {
        return Err(("who", pt.err_action_who));
    }
    if row.what.trim().is_empty() {
        return Err(("what", pt.err_what));
    }
    let due = match row.due.trim() {
        "" => None,
        text => Some(text.parse::<Date>().map_err(|_| ("due", t.err_date))?),
    };
    let status = row
        .status
        .parse::<ActionStatus>()
        .map_err(|_| ("status", pt.err_status))?;
    Ok((
        domain,
        PlanAction {
            who: row.who.trim().to_owned(),
            what: row.what.trim().to_owned(),
            due,
            status,
        },
    ))
}
