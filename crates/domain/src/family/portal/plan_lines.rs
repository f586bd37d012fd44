//! The plan as the portal shows it: line by line, each with a reference a mark can
//! name across versions.
//!
//! A version is stored whole, so its lines have no ids of their own. A line's
//! reference is a digest of its part of the plan and what identifies it there (the
//! sentence; for a scale who gave it; for an action what is done), so a mark stays on
//! a line while the plan is saved again around it. A line whose words change is a new
//! line: its marks do not follow it (the professional's plan page lists every mark
//! with the line it is on, so a mark that no longer finds its line shows).

use sha2::{Digest, Sha256};

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
}
