//! The plan form's messages as the page's one error summary: each row's message linked to
//! the input it is about, named by its row ("Actie 2"), in the order the form shows them.
//! The ids are the ones `templates/family/plan.html` gives the inputs.

use super::*;
use crate::kit::summary::ErrorSummary;

/// The id of a row's input: `prefix-n-input`, with the form's names as the page writes
/// them (`who_name` is `who-name`; a life-domain goal's text is `text`).
fn input_id(prefix: &str, n: usize, input: &str) -> String {
    let input = match input {
        "goal" => "text",
        other => other,
    };
    format!("{prefix}-{n}-{}", input.replace('_', "-"))
}

impl PlanForm {
    pub(in crate::flows::family::pages) fn summary(&self, lang: Lang) -> ErrorSummary {
        let (ft, pt) = (family_texts(lang), plan_texts(lang));
        let row = |part: Part, n: usize| format!("{} {n}", part.item(lang));
        let marked = |mut s: ErrorSummary, part: Part, prefix: &str, marks: Vec<&Mark>| {
            for (i, mark) in marks.into_iter().enumerate() {
                if let (Some((input, message)), n) = (mark.0, i + 1) {
                    s = s.labelled(&input_id(prefix, n, input), &row(part, n), message);
                }
            }
            s
        };
        let listed = |mut s: ErrorSummary, list: &TextList| {
            for (i, r) in list.rows.iter().enumerate() {
                if let Some(message) = r.error {
                    let n = i + 1;
                    s = s.labelled(
                        &format!("{}-{n}", list.part.name()),
                        &row(list.part, n),
                        message,
                    );
                }
            }
            s
        };
        let field = |s: ErrorSummary, name: &str, label: &str| match self.errors.get(name) {
            Some(message) => s.labelled(name, label, message),
            None => s,
        };
        let (map, conditions): (Vec<_>, Vec<_>) =
            self.lists.iter().partition(|l| l.part != Part::Conditions);
        let mut s = map.into_iter().fold(ErrorSummary::new(lang), listed);
        s = marked(
            s,
            Part::SafetyGoals,
            "safety-goal",
            self.safety_goals.iter().map(|r| &r.error).collect(),
        );
        s = field(s, "family_score", pt.family_score);
        s = marked(
            s,
            Part::Scales,
            "scale",
            self.scales.iter().map(|r| &r.error).collect(),
        );
        if let Some(message) = self.errors.get("domains") {
            s = s.labelled("part-goals", pt.domain_goals, message);
        }
        s = marked(
            s,
            Part::Goals,
            "goal",
            self.goals.iter().map(|r| &r.error).collect(),
        );
        s = marked(
            s,
            Part::Actions,
            "action",
            self.actions.iter().map(|r| &r.error).collect(),
        );
        s = conditions.into_iter().fold(s, listed);
        field(s, "review_date", ft.p_review)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rows_message_leads_to_its_own_input_named_by_its_row() {
        let mut form = PlanForm::from_plan(&Plan::default(), 0);
        form.actions = vec![ActionRow::default(), ActionRow::default()];
        form.actions[1].error = Mark(Some(("who_name", "Vul een naam in.")));
        form.errors.insert("review_date", "Geen datum.");
        let s = form.summary(Lang::Nl);
        let items: Vec<_> = s
            .items
            .iter()
            .map(|i| (i.target.as_str(), i.label.as_str()))
            .collect();
        assert_eq!(
            items,
            [
                ("action-2-who-name", "Actie 2"),
                ("review_date", family_texts(Lang::Nl).p_review)
            ]
        );
    }
}
