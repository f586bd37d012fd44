//! Reading the typed form into a plan, each refusal marked at its row or field.

use super::*;

impl PlanForm {
    /// Reads the form into a plan, marking every row or field that cannot be read; the
    /// domain's own check ([`Plan::check`], the same the API's plan goes through) then
    /// runs on the result and is marked the same way. `people` are those a "who" may
    /// name (see [`people`]).
    pub(in super::super) fn read(&mut self, lang: Lang, people: &[PersonChoice]) -> Option<Plan> {
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

pub(super) fn domain_plan(domains: &mut Vec<DomainPlan>, domain: LifeDomain) -> &mut DomainPlan {
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

pub(super) fn read_date(
    text: &str,
    input: &'static str,
    pt: &PlanTexts,
) -> Result<Option<Date>, RowError> {
    match text.trim() {
        "" => Ok(None),
        text => parse_date(text).map(Some).ok_or((input, pt.err_date)),
    }
}

pub(super) fn read_safety_goal(
    row: &SafetyGoalRow,
    pt: &PlanTexts,
) -> Result<SafetyGoal, RowError> {
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

pub(super) fn read_scale(
    row: &ScaleRow,
    pt: &PlanTexts,
    people: &[PersonChoice],
) -> Result<Scale, RowError> {
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

pub(super) fn read_goal(row: &GoalRow, pt: &PlanTexts) -> Result<(LifeDomain, String), RowError> {
    let domain = row
        .domain
        .parse::<LifeDomain>()
        .map_err(|_| ("domain", pt.err_domain))?;
    if row.goal.trim().is_empty() {
        return Err(("goal", pt.err_goal));
    }
    Ok((domain, row.goal.trim().to_owned()))
}

pub(super) fn read_action(
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
