//! What is next due in a family's file: the one date a professional sorts her files by
//! ("which family needs me first"). Lists sort on it through an indexed column, so the
//! store recomputes it with this rule in the same transaction as every change that moves
//! it; the rule itself lives here, once.

use jiff::civil::Date;

use super::plan::{ActionStatus, Plan};

/// Where a Veilig Thuis contact is, as far as its dates count here (the course itself is
/// `veilig_thuis::IntakeState`; the family file does not depend on Veilig Thuis's rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VeiligThuisStage {
    /// An advice request, answered: no date to act on.
    AdviceGiven,
    AwaitingAssessment,
    Assessed,
}

/// A Veilig Thuis contact linked to the file, as far as it sets a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VeiligThuisDue {
    pub stage: VeiligThuisStage,
    /// The safety assessment's deadline.
    pub due_on: Option<Date>,
    /// When Veilig Thuis checks back after handing over or setting conditions.
    pub follow_up_on: Option<Date>,
}

/// Everything in a file that carries a date someone has to act on.
#[derive(Debug, Clone, Default)]
pub struct DueSources<'a> {
    /// The current plan (none before its first save).
    pub plan: Option<&'a Plan>,
    /// The next review of each running SAVE-begeleiding.
    pub save_guidance_reviews: Vec<Date>,
    pub veilig_thuis: Vec<VeiligThuisDue>,
}

/// The earliest date anyone has to act on in the file, overdue ones included (they sort
/// first, as they should): the plan's review, every open action's due date (planned or
/// underway; done and dropped actions ask nothing), the next review of a running
/// SAVE-begeleiding, a Veilig Thuis safety assessment still awaited and a Veilig Thuis
/// follow-up. `None` when nothing in the file has a date.
pub fn next_due_on(sources: &DueSources<'_>) -> Option<Date> {
    let mut dates: Vec<Date> = Vec::new();
    if let Some(plan) = sources.plan {
        dates.extend(plan.review_date);
        for domain in &plan.domains {
            dates.extend(
                domain
                    .actions
                    .iter()
                    .filter(|a| matches!(a.status, ActionStatus::Planned | ActionStatus::Underway))
                    .filter_map(|a| a.due),
            );
        }
    }
    dates.extend(sources.save_guidance_reviews.iter().copied());
    for vt in &sources.veilig_thuis {
        match vt.stage {
            VeiligThuisStage::AwaitingAssessment => dates.extend(vt.due_on),
            VeiligThuisStage::Assessed => dates.extend(vt.follow_up_on),
            VeiligThuisStage::AdviceGiven => {}
        }
    }
    dates.into_iter().min()
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::family::plan::{DomainPlan, LifeDomain, PlanAction};

    fn action(due: Date, status: ActionStatus) -> PlanAction {
        PlanAction {
            who: "Sanne".into(),
            what: "Bellen".into(),
            due: Some(due),
            status,
        }
    }

    fn plan() -> Plan {
        Plan {
            review_date: Some(date(2027, 3, 1)),
            domains: vec![DomainPlan {
                domain: LifeDomain::Income,
                goals: vec![],
                actions: vec![
                    action(date(2026, 12, 1), ActionStatus::Done),
                    action(date(2026, 12, 20), ActionStatus::Underway),
                    action(date(2026, 12, 2), ActionStatus::Dropped),
                ],
            }],
            ..Plan::default()
        }
    }

    #[test]
    fn nothing_dated_is_nothing_due() {
        assert_eq!(next_due_on(&DueSources::default()), None);
        assert_eq!(
            next_due_on(&DueSources {
                plan: Some(&Plan::default()),
                ..DueSources::default()
            }),
            None
        );
    }

    #[test]
    fn open_actions_and_the_review_count_done_and_dropped_do_not() {
        let p = plan();
        let s = DueSources {
            plan: Some(&p),
            ..DueSources::default()
        };
        assert_eq!(next_due_on(&s), Some(date(2026, 12, 20)));
        let mut all_done = plan();
        all_done.domains[0].actions[1].status = ActionStatus::Done;
        let s = DueSources {
            plan: Some(&all_done),
            ..DueSources::default()
        };
        assert_eq!(
            next_due_on(&s),
            Some(date(2027, 3, 1)),
            "the review remains"
        );
    }

    #[test]
    fn save_guidance_and_veilig_thuis_dates_count_by_their_state() {
        let p = plan();
        let mut s = DueSources {
            plan: Some(&p),
            save_guidance_reviews: vec![date(2026, 12, 10)],
            veilig_thuis: vec![VeiligThuisDue {
                stage: VeiligThuisStage::Assessed,
                due_on: Some(date(2026, 11, 1)),
                follow_up_on: Some(date(2026, 12, 5)),
            }],
        };
        assert_eq!(
            next_due_on(&s),
            Some(date(2026, 12, 5)),
            "an assessed report's deadline is met; its follow-up counts"
        );
        s.veilig_thuis.push(VeiligThuisDue {
            stage: VeiligThuisStage::AwaitingAssessment,
            due_on: Some(date(2026, 12, 3)),
            follow_up_on: None,
        });
        assert_eq!(next_due_on(&s), Some(date(2026, 12, 3)));
        s.veilig_thuis = vec![VeiligThuisDue {
            stage: VeiligThuisStage::AdviceGiven,
            due_on: Some(date(2026, 1, 1)),
            follow_up_on: Some(date(2026, 1, 1)),
        }];
        assert_eq!(next_due_on(&s), Some(date(2026, 12, 10)));
    }
}
