//! What is due in a family's file: every date someone has to act on, and the one date a
//! professional sorts her files by ("which family needs me first"). The overview lists
//! the items, the families list sorts on the first one through an indexed column (the
//! store recomputes it with this rule in the same transaction as every change that moves
//! it); both come from [`due_items`], so they agree by construction.

use jiff::civil::Date;

use super::plan::{ActionStatus, LifeDomain, Plan, PlanPerson};

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VeiligThuisDue {
    /// The contact, so a page can lead to where the assessment or check is done.
    pub contact_id: String,
    /// The Veilig Thuis organisation that keeps the contact: whose date it is.
    pub organisation_id: String,
    pub stage: VeiligThuisStage,
    /// The safety assessment's deadline.
    pub due_on: Option<Date>,
    /// When Veilig Thuis checks back after handing over or setting conditions.
    pub follow_up_on: Option<Date>,
}

/// A running SAVE-begeleiding, as far as it sets a date: its next review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveGuidanceDue {
    pub guidance_id: String,
    /// The SAVE worker's name: whose review it is.
    pub worker: String,
    /// The SAVE worker's user id, to remind her.
    pub worker_id: String,
    pub next_review_on: Date,
}

/// Everything in a file that carries a date someone has to act on.
#[derive(Debug, Clone, Default)]
pub struct DueSources<'a> {
    /// The current plan (none before its first save).
    pub plan: Option<&'a Plan>,
    /// Each running SAVE-begeleiding.
    pub save_guidance_reviews: Vec<SaveGuidanceDue>,
    pub veilig_thuis: Vec<VeiligThuisDue>,
}

/// What a due date asks, with enough to say it in words and to lead to where it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueWhat {
    /// The plan's review (evaluatie).
    PlanReview,
    /// An open action of the plan: in which life domain, what, and who does it.
    PlanAction {
        domain: LifeDomain,
        what: String,
        /// The person the plan names (a professional by user id, so she can be reminded).
        who: PlanPerson,
    },
    /// The next review of a running SAVE-begeleiding, by its worker.
    SaveGuidanceReview {
        guidance_id: String,
        worker: String,
        worker_id: String,
    },
    /// A Veilig Thuis safety assessment still awaited: its statutory deadline.
    VeiligThuisAssessment {
        contact_id: String,
        organisation_id: String,
    },
    /// Veilig Thuis checks back how the family is doing.
    VeiligThuisFollowUp {
        contact_id: String,
        organisation_id: String,
    },
}

impl DueWhat {
    /// A short, stable name for the item within its file, also what a reminder's
    /// `subject_id` holds so its link leads to where the work is: `plan_review`,
    /// `plan_action:{life domain}:{digest of the action's text}` (plan actions have no id
    /// of their own; the text and domain name the action across plan versions),
    /// `save_review:{guidance}`, `vt_assessment:{contact}`, `vt_follow_up:{contact}`.
    pub fn key(&self) -> String {
        match self {
            DueWhat::PlanReview => "plan_review".to_owned(),
            DueWhat::PlanAction { domain, what, .. } => {
                use sha2::{Digest, Sha256};
                let digest = Sha256::digest(what.trim().as_bytes());
                let short: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
                format!("plan_action:{}:{short}", domain.code())
            }
            DueWhat::SaveGuidanceReview { guidance_id, .. } => format!("save_review:{guidance_id}"),
            DueWhat::VeiligThuisAssessment { contact_id, .. } => {
                format!("vt_assessment:{contact_id}")
            }
            DueWhat::VeiligThuisFollowUp { contact_id, .. } => format!("vt_follow_up:{contact_id}"),
        }
    }
}

/// What a due item's stored key (see [`DueWhat::key`]) tells without the file at hand:
/// enough for a reminder to say what it is about and to lead to where it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueKey {
    PlanReview,
    PlanAction(LifeDomain),
    SaveGuidanceReview,
    VeiligThuisAssessment { contact_id: String },
    VeiligThuisFollowUp { contact_id: String },
}

impl DueKey {
    /// The key [`DueWhat::key`] wrote; `None` for anything else.
    pub fn parse(key: &str) -> Option<DueKey> {
        if key == "plan_review" {
            return Some(DueKey::PlanReview);
        }
        if let Some(rest) = key.strip_prefix("plan_action:") {
            let domain = rest.split(':').next()?;
            return domain.parse().ok().map(DueKey::PlanAction);
        }
        if key.starts_with("save_review:") {
            return Some(DueKey::SaveGuidanceReview);
        }
        let contact = |id: &str| (!id.is_empty()).then(|| id.to_owned());
        if let Some(id) = key.strip_prefix("vt_assessment:") {
            return contact(id).map(|contact_id| DueKey::VeiligThuisAssessment { contact_id });
        }
        if let Some(id) = key.strip_prefix("vt_follow_up:") {
            return contact(id).map(|contact_id| DueKey::VeiligThuisFollowUp { contact_id });
        }
        None
    }
}

/// One date someone has to act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub on: Date,
    pub what: DueWhat,
}

/// How a due item stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueState {
    Upcoming,
    /// Its day is today.
    Today,
    /// Its day has passed without it being done.
    Late,
}

impl DueItem {
    /// How the item stands on `today` (the Dutch date): a date that has passed is late,
    /// the day itself is not yet.
    pub fn state(&self, today: Date) -> DueState {
        match self.on.cmp(&today) {
            std::cmp::Ordering::Less => DueState::Late,
            std::cmp::Ordering::Equal => DueState::Today,
            std::cmp::Ordering::Greater => DueState::Upcoming,
        }
    }

    /// Whether the file's circle outside Veilig Thuis sees the item. A safety assessment
    /// still awaited is Veilig Thuis's own: its date would tell every partner that a
    /// report came in before Veilig Thuis has weighed it. A follow-up comes after the
    /// assessment, when the family has been handed to the circle that then sees the check
    /// coming (not the report behind it).
    pub fn shown_outside_veilig_thuis(&self) -> bool {
        !matches!(self.what, DueWhat::VeiligThuisAssessment { .. })
    }
}

/// Every date anyone has to act on in the file, soonest first (late ones first, as they
/// should; items on one day keep the order below): the plan's review, every open action's
/// due date (planned or underway; done and dropped actions ask nothing), the next review
/// of each running SAVE-begeleiding, a Veilig Thuis safety assessment still awaited and a
/// Veilig Thuis follow-up once assessed. An answered advice request asks nothing.
pub fn due_items(sources: &DueSources<'_>) -> Vec<DueItem> {
    let mut items = Vec::new();
    if let Some(plan) = sources.plan {
        if let Some(on) = plan.review_date {
            items.push(DueItem {
                on,
                what: DueWhat::PlanReview,
            });
        }
        for domain in &plan.domains {
            for a in &domain.actions {
                let open = matches!(a.status, ActionStatus::Planned | ActionStatus::Underway);
                if let Some(on) = a.due.filter(|_| open) {
                    items.push(DueItem {
                        on,
                        what: DueWhat::PlanAction {
                            domain: domain.domain,
                            what: a.what.clone(),
                            who: a.who.clone(),
                        },
                    });
                }
            }
        }
    }
    for g in &sources.save_guidance_reviews {
        items.push(DueItem {
            on: g.next_review_on,
            what: DueWhat::SaveGuidanceReview {
                guidance_id: g.guidance_id.clone(),
                worker: g.worker.clone(),
                worker_id: g.worker_id.clone(),
            },
        });
    }
    for vt in &sources.veilig_thuis {
        let contact_id = vt.contact_id.clone();
        let organisation_id = vt.organisation_id.clone();
        let item = match vt.stage {
            VeiligThuisStage::AwaitingAssessment => vt.due_on.map(|on| DueItem {
                on,
                what: DueWhat::VeiligThuisAssessment {
                    contact_id,
                    organisation_id,
                },
            }),
            VeiligThuisStage::Assessed => vt.follow_up_on.map(|on| DueItem {
                on,
                what: DueWhat::VeiligThuisFollowUp {
                    contact_id,
                    organisation_id,
                },
            }),
            VeiligThuisStage::AdviceGiven => None,
        };
        items.extend(item);
    }
    // A stable sort: one day's items stay in the order above.
    items.sort_by_key(|i| i.on);
    items
}

/// The earliest date anyone has to act on in the file, overdue ones included: the first
/// of [`due_items`]. `None` when nothing in the file has a date.
pub fn next_due_on(sources: &DueSources<'_>) -> Option<Date> {
    due_items(sources).first().map(|i| i.on)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::family::plan::{DomainPlan, PlanAction};

    #[test]
    fn an_awaited_assessment_stays_with_veilig_thuis_and_a_follow_up_is_shown_to_the_circle() {
        let item = |what| DueItem {
            on: date(2026, 12, 10),
            what,
        };
        let contact_id = "c1".to_owned();
        let organisation_id = "vt".to_owned();
        assert!(
            !item(DueWhat::VeiligThuisAssessment {
                contact_id: contact_id.clone(),
                organisation_id: organisation_id.clone(),
            })
            .shown_outside_veilig_thuis()
        );
        assert!(
            item(DueWhat::VeiligThuisFollowUp {
                contact_id,
                organisation_id
            })
            .shown_outside_veilig_thuis()
        );
        assert!(item(DueWhat::PlanReview).shown_outside_veilig_thuis());
    }

    fn action(what: &str, due: Date, status: ActionStatus) -> PlanAction {
        PlanAction {
            who: "Sanne".into(),
            what: what.into(),
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
                    action("Klaar", date(2026, 12, 1), ActionStatus::Done),
                    action("Bellen", date(2026, 12, 20), ActionStatus::Underway),
                    action("Gestopt", date(2026, 12, 2), ActionStatus::Dropped),
                    action("Afspraak", date(2027, 1, 5), ActionStatus::Planned),
                ],
            }],
            ..Plan::default()
        }
    }

    fn guidance(on: Date) -> SaveGuidanceDue {
        SaveGuidanceDue {
            guidance_id: "g1".into(),
            worker: "Thomas".into(),
            worker_id: "u-thomas".into(),
            next_review_on: on,
        }
    }

    fn vt(
        stage: VeiligThuisStage,
        due_on: Option<Date>,
        follow_up_on: Option<Date>,
    ) -> VeiligThuisDue {
        VeiligThuisDue {
            contact_id: "c1".into(),
            organisation_id: "vt".into(),
            stage,
            due_on,
            follow_up_on,
        }
    }

    fn dates(s: &DueSources<'_>) -> Vec<Date> {
        due_items(s).iter().map(|i| i.on).collect()
    }

    #[test]
    fn nothing_dated_is_nothing_due() {
        assert_eq!(due_items(&DueSources::default()), vec![]);
        assert_eq!(next_due_on(&DueSources::default()), None);
        let empty = Plan::default();
        let s = DueSources {
            plan: Some(&empty),
            ..DueSources::default()
        };
        assert_eq!(due_items(&s), vec![]);
        assert_eq!(next_due_on(&s), None);
    }

    #[test]
    fn the_plans_review_and_its_open_actions_are_due_done_and_dropped_are_not() {
        let p = plan();
        let s = DueSources {
            plan: Some(&p),
            ..DueSources::default()
        };
        assert_eq!(
            due_items(&s),
            vec![
                DueItem {
                    on: date(2026, 12, 20),
                    what: DueWhat::PlanAction {
                        domain: LifeDomain::Income,
                        what: "Bellen".into(),
                        who: "Sanne".into(),
                    },
                },
                DueItem {
                    on: date(2027, 1, 5),
                    what: DueWhat::PlanAction {
                        domain: LifeDomain::Income,
                        what: "Afspraak".into(),
                        who: "Sanne".into(),
                    },
                },
                DueItem {
                    on: date(2027, 3, 1),
                    what: DueWhat::PlanReview,
                },
            ],
            "upcoming actions count, not only overdue ones"
        );
        let mut all_closed = plan();
        for a in &mut all_closed.domains[0].actions {
            a.status = ActionStatus::Done;
        }
        let s = DueSources {
            plan: Some(&all_closed),
            ..DueSources::default()
        };
        assert_eq!(dates(&s), vec![date(2027, 3, 1)], "the review remains");
    }

    #[test]
    fn a_running_save_guidance_is_due_at_its_next_review() {
        let s = DueSources {
            save_guidance_reviews: vec![guidance(date(2026, 12, 10))],
            ..DueSources::default()
        };
        assert_eq!(
            due_items(&s),
            vec![DueItem {
                on: date(2026, 12, 10),
                what: DueWhat::SaveGuidanceReview {
                    guidance_id: "g1".into(),
                    worker: "Thomas".into(),
                    worker_id: "u-thomas".into(),
                },
            }]
        );
    }

    #[test]
    fn veilig_thuis_dates_count_by_the_contacts_stage() {
        let awaiting = DueSources {
            veilig_thuis: vec![vt(
                VeiligThuisStage::AwaitingAssessment,
                Some(date(2026, 12, 3)),
                None,
            )],
            ..DueSources::default()
        };
        assert_eq!(
            due_items(&awaiting),
            vec![DueItem {
                on: date(2026, 12, 3),
                what: DueWhat::VeiligThuisAssessment {
                    contact_id: "c1".into(),
                    organisation_id: "vt".into(),
                },
            }]
        );
        let assessed = DueSources {
            veilig_thuis: vec![vt(
                VeiligThuisStage::Assessed,
                Some(date(2026, 11, 1)),
                Some(date(2026, 12, 5)),
            )],
            ..DueSources::default()
        };
        assert_eq!(
            due_items(&assessed),
            vec![DueItem {
                on: date(2026, 12, 5),
                what: DueWhat::VeiligThuisFollowUp {
                    contact_id: "c1".into(),
                    organisation_id: "vt".into(),
                },
            }],
            "an assessed report's deadline is met; its follow-up counts"
        );
        let advice = DueSources {
            veilig_thuis: vec![vt(
                VeiligThuisStage::AdviceGiven,
                Some(date(2026, 1, 1)),
                Some(date(2026, 1, 1)),
            )],
            ..DueSources::default()
        };
        assert_eq!(due_items(&advice), vec![], "answered advice asks nothing");
    }

    #[test]
    fn every_source_soonest_first_and_the_next_due_date_is_the_first_item() {
        let p = plan();
        let s = DueSources {
            plan: Some(&p),
            save_guidance_reviews: vec![guidance(date(2026, 12, 10))],
            veilig_thuis: vec![
                vt(VeiligThuisStage::Assessed, None, Some(date(2027, 2, 1))),
                vt(
                    VeiligThuisStage::AwaitingAssessment,
                    Some(date(2026, 11, 30)),
                    None,
                ),
            ],
        };
        assert_eq!(
            dates(&s),
            vec![
                date(2026, 11, 30),
                date(2026, 12, 10),
                date(2026, 12, 20),
                date(2027, 1, 5),
                date(2027, 2, 1),
                date(2027, 3, 1),
            ]
        );
        assert_eq!(next_due_on(&s), due_items(&s).first().map(|i| i.on));
        assert_eq!(next_due_on(&s), Some(date(2026, 11, 30)));
    }

    #[test]
    fn an_item_is_late_after_its_day_not_on_it() {
        let item = DueItem {
            on: date(2026, 12, 10),
            what: DueWhat::PlanReview,
        };
        assert_eq!(item.state(date(2026, 12, 9)), DueState::Upcoming);
        assert_eq!(item.state(date(2026, 12, 10)), DueState::Today);
        assert_eq!(item.state(date(2026, 12, 11)), DueState::Late);
    }

    #[test]
    fn a_stored_key_reads_back_as_what_it_is_about() {
        let action = DueWhat::PlanAction {
            domain: LifeDomain::Income,
            what: "Schuldhulp aanvragen".into(),
            who: PlanPerson::other("Kim"),
        };
        assert_eq!(
            DueKey::parse(&action.key()),
            Some(DueKey::PlanAction(LifeDomain::Income))
        );
        assert_eq!(
            DueKey::parse(&DueWhat::PlanReview.key()),
            Some(DueKey::PlanReview)
        );
        let follow_up = DueWhat::VeiligThuisFollowUp {
            contact_id: "c7".into(),
            organisation_id: "o1".into(),
        };
        assert_eq!(
            DueKey::parse(&follow_up.key()),
            Some(DueKey::VeiligThuisFollowUp {
                contact_id: "c7".into()
            })
        );
        assert_eq!(DueKey::parse("vt_assessment:"), None);
        assert_eq!(DueKey::parse("plan_action:nonsense:ab"), None);
        assert_eq!(DueKey::parse("anything"), None);
    }
}
