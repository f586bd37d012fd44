//! The plan as the portal shows it: line by line, each with a reference a mark can
//! name across versions.
//!
//! A version is stored whole, so its lines have no ids of their own. A line's
//! reference is a digest of its part of the plan and what identifies it there (the
//! sentence; for a scale who gave it; for an action what is done), so a mark stays on
//! a line while the plan is saved again around it. A line whose words change is a new
//! line. Safety comes first, so a protective mark follows the words' edit
//! ([`carried_marks`]) rather than stay behind on a line nobody sees any more.

use sha2::{Digest, Sha256};

use super::marks::{Mark, MarkKind};
use super::sight::ItemKind;
use crate::family::plan::{PersonKind, Plan, PlanLine, PlanSection, Scale};

/// One line of a plan with its reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalLine {
    pub section: PlanSection,
    pub reference: String,
    pub line: PlanLine,
}

fn section_key(section: PlanSection) -> String {
    match section {
        PlanSection::Worries => "worries".into(),
        PlanSection::DangerStatements => "danger_statements".into(),
        PlanSection::WorkingWell => "working_well".into(),
        PlanSection::NeedsToHappen => "needs_to_happen".into(),
        PlanSection::SafetyGoals => "safety_goals".into(),
        PlanSection::Conditions => "conditions".into(),
        PlanSection::Scales => "scales".into(),
        PlanSection::Domain(d) => format!("domain:{}", d.code()),
        PlanSection::ReviewDate => "review_date".into(),
    }
}

fn scale_key(s: &Scale) -> String {
    match (&s.who.kind, &s.who.id) {
        (PersonKind::Other, _) | (_, None) => format!("name:{}", s.who.name.trim()),
        (kind, Some(id)) => format!("{kind:?}:{id}"),
    }
}

/// The reference of the line identified by `key` in `section`: 16 hex digits.
pub fn line_ref(section: PlanSection, key: &str) -> String {
    let digest = Sha256::digest(format!("{}\u{1f}{}", section_key(section), key.trim()));
    data_encoding::HEXLOWER.encode(&digest[..8])
}

/// Every line of `plan` in the plan's order: the safety map, the safety goals, the
/// conditions, the scales and per life domain its goals and actions. The review date
/// belongs to the plan as a whole and is no line.
pub fn plan_lines(plan: &Plan) -> Vec<PortalLine> {
    let mut out = Vec::new();
    let mut push = |section: PlanSection, key: &str, line: PlanLine| {
        out.push(PortalLine {
            section,
            reference: line_ref(section, key),
            line,
        });
    };
    for (section, items) in [
        (PlanSection::Worries, &plan.worries),
        (PlanSection::DangerStatements, &plan.danger_statements),
        (PlanSection::WorkingWell, &plan.working_well),
        (PlanSection::NeedsToHappen, &plan.needs_to_happen),
    ] {
        for i in items {
            push(section, i, PlanLine::Text(i.clone()));
        }
    }
    for g in &plan.safety_goals {
        push(
            PlanSection::SafetyGoals,
            &g.text,
            PlanLine::SafetyGoal(g.clone()),
        );
    }
    for c in &plan.conditions {
        push(PlanSection::Conditions, c, PlanLine::Text(c.clone()));
    }
    for s in &plan.scales {
        push(
            PlanSection::Scales,
            &scale_key(s),
            PlanLine::Scale(s.clone()),
        );
    }
    if let Some(score) = plan.family_score {
        push(PlanSection::Scales, "family", PlanLine::FamilyScore(score));
    }
    for d in &plan.domains {
        let section = PlanSection::Domain(d.domain);
        for g in &d.goals {
            push(section, &format!("goal:{g}"), PlanLine::Goal(g.clone()));
        }
        for a in &d.actions {
            push(
                section,
                &format!("action:{}", a.what),
                PlanLine::Action(a.clone()),
            );
        }
    }
    out
}

/// The part of the plan a line is looked for in when its words change: its section,
/// with all life domains one part (a goal moved to another domain is still the goal).
fn part_of(section: PlanSection) -> String {
    match section {
        PlanSection::Domain(_) => "domains".into(),
        s => section_key(s),
    }
}

/// The protective marks a newly saved version must carry, as (mark, reference of the
/// line it now also goes on).
///
/// A line whose words are edited gets a new reference, so a mark "niet zichtbaar voor
/// <member>" on it would otherwise stay behind on the old words and the edited line
/// would show: the plan editor cannot tell an edit from a removal plus an addition.
/// So a mark on a line of `before` that `after` no longer has goes on every line of
/// `after` that `before` did not have, in the same part of the plan. This errs towards
/// hiding (a line added in the same save is hidden too, and the professional's marks
/// page lists it so they can lift it), never towards showing. Marks are copied, not
/// moved: the old words still stand in earlier versions, where their mark still hides
/// them. "Hidden" and "only about" are carried; a young person's "shared" is not, so
/// an edited line concerning only them is shared again only by their own choice.
pub fn carried_marks<'m>(
    before: &Plan,
    after: &Plan,
    marks: &'m [Mark],
) -> Vec<(&'m Mark, String)> {
    let (old, new) = (plan_lines(before), plan_lines(after));
    let has = |lines: &[PortalLine], r: &str| lines.iter().any(|l| l.reference == r);
    let gone: Vec<&PortalLine> = old.iter().filter(|l| !has(&new, &l.reference)).collect();
    let added: Vec<&PortalLine> = new.iter().filter(|l| !has(&old, &l.reference)).collect();
    let mut out = Vec::new();
    for mark in marks.iter().filter(|m| {
        m.item_kind == ItemKind::PlanItem
            && matches!(m.kind, MarkKind::Hidden | MarkKind::OnlyChild)
    }) {
        let Some(line) = gone.iter().find(|l| l.reference == mark.item_ref) else {
            continue;
        };
        let part = part_of(line.section);
        for to in added.iter().filter(|l| part_of(l.section) == part) {
            out.push((mark, to.reference.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::plan::{ActionStatus, DomainPlan, LifeDomain, PlanAction, PlanPerson};

    #[test]
    fn a_line_keeps_its_reference_when_the_plan_around_it_changes() {
        let mut plan = Plan {
            worries: vec!["Ruzie thuis".into(), "Schoolverzuim".into()],
            domains: vec![DomainPlan {
                domain: LifeDomain::School,
                goals: vec!["Elke dag naar school".into()],
                actions: vec![PlanAction {
                    who: PlanPerson::other("Noor"),
                    what: "Gesprek met mentor".into(),
                    due: None,
                    status: ActionStatus::Planned,
                }],
            }],
            ..Plan::default()
        };
        let before = plan_lines(&plan);
        assert_eq!(before.len(), 4);
        plan.worries.insert(0, "Nieuwe zorg".into());
        plan.domains[0].actions[0].status = ActionStatus::Done;
        let after = plan_lines(&plan);
        let refs = |l: &[PortalLine]| l.iter().map(|x| x.reference.clone()).collect::<Vec<_>>();
        for r in refs(&before) {
            assert!(refs(&after).contains(&r), "{r}");
        }
        // The same words in another part are another line.
        assert_ne!(
            line_ref(PlanSection::Worries, "x"),
            line_ref(PlanSection::Conditions, "x")
        );
        assert_eq!(before[0].reference.len(), 16);
    }

    fn mark(kind: MarkKind, on: &str, member: &str) -> Mark {
        Mark {
            id: format!("{kind:?}-{member}"),
            item_kind: ItemKind::PlanItem,
            item_ref: on.to_owned(),
            kind,
            member: member.to_owned(),
            reason: "Veilig adres".into(),
            on: jiff::civil::date(2026, 12, 7),
        }
    }

    fn worries(items: &[&str]) -> Plan {
        Plan {
            worries: items.iter().map(|s| s.to_string()).collect(),
            conditions: vec!["Geen contact met vader".into()],
            ..Plan::default()
        }
    }

    #[test]
    fn a_hidden_lines_mark_follows_its_edited_words_and_stays_on_the_old() {
        let before = worries(&["Moeder woont op Lindelaan 4", "Schoolverzuim"]);
        let after = worries(&["Moeder woont op het geheime adres", "Schoolverzuim"]);
        let old = line_ref(PlanSection::Worries, "Moeder woont op Lindelaan 4");
        let new = line_ref(PlanSection::Worries, "Moeder woont op het geheime adres");
        let marks = [
            mark(MarkKind::Hidden, &old, "vader"),
            mark(MarkKind::OnlyChild, &old, "noor"),
            mark(MarkKind::Shared, &old, "moeder"),
        ];
        let carried = carried_marks(&before, &after, &marks);
        let got: Vec<(MarkKind, &str, &str)> = carried
            .iter()
            .map(|(m, r)| (m.kind, m.member.as_str(), r.as_str()))
            .collect();
        // Hidden and only-about follow; the young person's own sharing does not.
        assert_eq!(
            got,
            [
                (MarkKind::Hidden, "vader", new.as_str()),
                (MarkKind::OnlyChild, "noor", new.as_str())
            ]
        );
        // Nothing moves when the marked line keeps its words.
        assert!(carried_marks(&before, &before, &marks).is_empty());
    }

    #[test]
    fn a_mark_errs_towards_hiding_within_its_part_only() {
        let before = worries(&["Oud"]);
        let mut after = worries(&["Nieuw 1", "Nieuw 2"]);
        after.conditions.push("Nieuwe voorwaarde".into());
        let marks = [mark(
            MarkKind::Hidden,
            &line_ref(PlanSection::Worries, "Oud"),
            "vader",
        )];
        let to: Vec<String> = carried_marks(&before, &after, &marks)
            .into_iter()
            .map(|(_, r)| r)
            .collect();
        // Both new worries are hidden (the editor cannot tell which one was the edit);
        // the new condition is another part of the plan.
        assert_eq!(
            to,
            [
                line_ref(PlanSection::Worries, "Nieuw 1"),
                line_ref(PlanSection::Worries, "Nieuw 2")
            ]
        );
    }

    #[test]
    fn a_goal_moved_to_another_life_domain_keeps_its_mark() {
        let goal = |domain, text: &str| DomainPlan {
            domain,
            goals: vec![text.into()],
            actions: Vec::new(),
        };
        let before = Plan {
            domains: vec![goal(LifeDomain::School, "Naar de opvang")],
            ..Plan::default()
        };
        let after = Plan {
            domains: vec![goal(LifeDomain::Housing, "Naar de opvang in Almere")],
            ..Plan::default()
        };
        let old = line_ref(
            PlanSection::Domain(LifeDomain::School),
            "goal:Naar de opvang",
        );
        let marks = [mark(MarkKind::Hidden, &old, "vader")];
        let carried = carried_marks(&before, &after, &marks);
        assert_eq!(carried.len(), 1);
        assert_eq!(
            carried[0].1,
            line_ref(
                PlanSection::Domain(LifeDomain::Housing),
                "goal:Naar de opvang in Almere"
            )
        );
    }

    proptest::proptest! {
        /// Whatever is edited, added or removed around it, a line hidden before the
        /// save is hidden after it: every line of the new version is either a line the
        /// old version had (its mark still on it) or carries the mark, unless the part
        /// it was in has no new line at all.
        #[test]
        fn an_edit_never_uncovers_a_hidden_line(
            old in proptest::collection::vec("[a-e]{1,3}", 1..6),
            new in proptest::collection::vec("[a-e]{1,3}", 0..6),
            at in 0usize..6,
        ) {
            let before = Plan { worries: old.clone(), ..Plan::default() };
            let after = Plan { worries: new.clone(), ..Plan::default() };
            let hidden = &old[at % old.len()];
            let marks = [mark(MarkKind::Hidden, &line_ref(PlanSection::Worries, hidden), "vader")];
            let carried = carried_marks(&before, &after, &marks);
            let marked_refs: Vec<String> = std::iter::once(marks[0].item_ref.clone())
                .chain(carried.into_iter().map(|(_, r)| r))
                .collect();
            if !new.contains(hidden) {
                for line in plan_lines(&after) {
                    if !old.contains(&match line.line { PlanLine::Text(t) => t, _ => unreachable!() }) {
                        proptest::prop_assert!(marked_refs.contains(&line.reference));
                    }
                }
            }
        }
    }
}
