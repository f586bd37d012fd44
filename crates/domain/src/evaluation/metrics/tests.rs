//! Each metric's definition fixed on small hand-built histories: which fact starts it,
//! which ends it, ties, and a missing end (not counted, or still running).

use jiff::civil::{Date, date};
use serde_json::json;

use super::*;
use crate::journal::{Event, EventKind};

fn d(day: &str) -> Date {
    day.parse().unwrap()
}

fn at(day: &str, fact: Fact) -> DatedFact {
    DatedFact { on: d(day), fact }
}

fn involvement(id: &str, role: InvolvementRole, org: &str, user: &str) -> Fact {
    Fact::InvolvementStarted {
        involvement_id: id.into(),
        role,
        organisation_id: org.into(),
        user_id: user.into(),
    }
}

fn regisseur(id: &str, org: &str, user: &str) -> Fact {
    involvement(id, InvolvementRole::Regisseur, org, user)
}

fn partner(id: &str, org: &str, user: &str) -> Fact {
    involvement(id, InvolvementRole::Partner, org, user)
}

fn guidance(id: &str) -> Fact {
    Fact::SaveGuidanceStarted {
        guidance_id: id.into(),
        organisation_id: "save".into(),
        worker_id: "w-save".into(),
    }
}

fn consultation(id: &str) -> Fact {
    Fact::SaveConsultation {
        consultation_id: id.into(),
    }
}

fn vt(id: &str, due_on: Option<&str>) -> Fact {
    Fact::VtContactReceived {
        contact_id: id.into(),
        due_on: due_on.map(d),
    }
}

#[test]
fn the_first_signal_is_the_earliest_of_contact_consultation_and_opening() {
    let opened_first = FamilyHistory::new([
        at("2026-03-10", vt("c1", None)),
        at("2026-03-01", Fact::FileOpened),
        at("2026-03-05", consultation("s1")),
    ]);
    assert_eq!(opened_first.first_signal(), Some(d("2026-03-01")));
    let vt_first = FamilyHistory::new([
        at("2026-03-01", Fact::FileOpened),
        at("2026-02-20", vt("c1", None)),
    ]);
    assert_eq!(vt_first.first_signal(), Some(d("2026-02-20")));
    let consulted_first = FamilyHistory::new([
        at("2026-03-01", Fact::FileOpened),
        at("2026-02-11", consultation("s1")),
    ]);
    assert_eq!(consulted_first.first_signal(), Some(d("2026-02-11")));
    // Other facts are no signal.
    let none = FamilyHistory::new([at("2026-01-01", Fact::PlanAgreed)]);
    assert_eq!(none.first_signal(), None);
    assert_eq!(none.lead_times(), None);
}

#[test]
fn a_cancelled_consultation_is_no_signal() {
    let history = FamilyHistory::new([
        at("2026-02-01", consultation("s1")),
        at(
            "2026-01-28",
            Fact::SaveConsultationCancelled {
                consultation_id: "s1".into(),
            },
        ),
        at("2026-02-15", consultation("s2")),
        at("2026-03-01", Fact::FileOpened),
    ]);
    assert_eq!(history.first_signal(), Some(d("2026-02-15")));
}

#[test]
fn lead_times_run_from_the_first_signal_to_the_first_of_each_end() {
    let history = FamilyHistory::new([
        at("2026-01-05", Fact::FileOpened),
        at("2026-01-05", regisseur("i1", "lokaal", "u1")),
        at("2026-01-20", Fact::JointJudgement),
        at("2026-02-04", Fact::PlanAgreed),
        at("2026-03-01", Fact::PlanAgreed),
        at("2026-02-10", partner("i2", "ggz", "u2")),
        at("2026-02-01", guidance("g1")),
        at("2026-01-02", vt("c1", None)),
    ]);
    let lead = history.lead_times().unwrap();
    assert_eq!(lead.first_signal, d("2026-01-02"));
    assert_eq!(lead.to_joint_judgement, Some(18));
    // The first agreed plan, not a later version.
    assert_eq!(lead.to_first_agreed_plan, Some(33));
    // Help started: the SAVE-begeleiding on 1 Feb came before the partner on 10 Feb;
    // the regisseur joining on 5 Jan is not help.
    assert_eq!(lead.to_help_started, Some(30));
}

#[test]
fn a_lead_time_without_its_end_is_not_counted_and_a_same_day_end_is_zero() {
    let history = FamilyHistory::new([
        at("2026-01-05", Fact::FileOpened),
        at("2026-01-05", regisseur("i1", "lokaal", "u1")),
        at("2026-01-05", Fact::JointJudgement),
    ]);
    let lead = history.lead_times().unwrap();
    assert_eq!(lead.to_joint_judgement, Some(0));
    assert_eq!(lead.to_first_agreed_plan, None);
    assert_eq!(lead.to_help_started, None);
    // A partner starts help; a regisseur never does.
    let helped = FamilyHistory::new([
        at("2026-01-05", Fact::FileOpened),
        at("2026-01-09", partner("i2", "ggz", "u2")),
    ]);
    assert_eq!(helped.lead_times().unwrap().to_help_started, Some(4));
}

#[test]
fn handovers_are_counted_by_kind_and_organisation_changes_by_the_organisations() {
    let handover = |from: &str, to: &str, role| Fact::Handover {
        from_involvement: from.into(),
        to_involvement: to.into(),
        role,
    };
    let history = FamilyHistory::new([
        at("2026-01-05", regisseur("i1", "lokaal", "u1")),
        at("2026-01-06", partner("p1", "ggz", "u2")),
        // The lead moves within the local team: a handover, no organisation change.
        at("2026-02-01", regisseur("i2", "lokaal", "u3")),
        at(
            "2026-02-01",
            handover("i1", "i2", InvolvementRole::Regisseur),
        ),
        // The partner's work moves to another organisation.
        at("2026-03-01", partner("p2", "schuldhulp", "u4")),
        at("2026-03-01", handover("p1", "p2", InvolvementRole::Partner)),
        // A handover from an involvement this history does not know: counted, but no
        // organisation change can be told.
        at(
            "2026-04-01",
            handover("x", "i2", InvolvementRole::Regisseur),
        ),
    ]);
    let count = history.handovers();
    assert_eq!(
        count,
        Handovers {
            lead: 2,
            partner: 1,
            organisation_changes: 1
        }
    );
    assert_eq!(count.total(), 3);
    assert_eq!(FamilyHistory::default().handovers(), Handovers::default());
}

#[test]
fn faces_count_organisations_and_distinct_professionals_over_the_life_and_per_year() {
    let history = FamilyHistory::new([
        at("2025-11-01", regisseur("i1", "lokaal", "u1")),
        at("2025-12-01", partner("p1", "ggz", "u2")),
        at(
            "2025-12-20",
            Fact::InvolvementEnded {
                involvement_id: "p1".into(),
            },
        ),
        // The same person joining twice is one face.
        at("2026-02-01", partner("p2", "ggz", "u2")),
        at("2026-03-01", guidance("g1")),
        at(
            "2026-03-05",
            Fact::EvuCombinationAssigned {
                referral_id: "e1".into(),
                user_ids: vec!["u1".into(), "u9".into()],
            },
        ),
        // The lead handed over in 2027: u1's involvement ends then.
        at("2027-01-10", regisseur("i2", "lokaal", "u5")),
        at(
            "2027-01-10",
            Fact::Handover {
                from_involvement: "i1".into(),
                to_involvement: "i2".into(),
                role: InvolvementRole::Regisseur,
            },
        ),
        at(
            "2027-01-10",
            Fact::SaveGuidanceEnded {
                guidance_id: "g1".into(),
                outcome: GuidanceOutcome::SafetyRestored,
            },
        ),
        at(
            "2026-12-31",
            Fact::EvuReferralClosed {
                referral_id: "e1".into(),
            },
        ),
    ]);
    // lokaal, ggz, save; u1, u2, w-save, u9, u5.
    assert_eq!(
        history.faces(),
        Faces {
            organisations: 3,
            professionals: 5
        }
    );
    // 2025: u1 (lokaal), u2 (ggz).
    assert_eq!(
        history.faces_in_year(2025),
        Faces {
            organisations: 2,
            professionals: 2
        }
    );
    // 2026: u1 running on, u2 again, w-save, u9.
    assert_eq!(
        history.faces_in_year(2026),
        Faces {
            organisations: 3,
            professionals: 4
        }
    );
    // 2027: u1 until 10 Jan, u2 still running, w-save until 10 Jan, u5; the EVU closed
    // on 31 Dec 2026, so u9 is not met in 2027.
    assert_eq!(
        history.faces_in_year(2027),
        Faces {
            organisations: 3,
            professionals: 4
        }
    );
    assert_eq!(history.faces_in_year(2024), Faces::default());
}

#[test]
fn save_guidance_has_a_duration_once_ended_and_runs_until_then() {
    let history = FamilyHistory::new([
        at("2026-01-10", guidance("g1")),
        at(
            "2026-04-10",
            Fact::SaveGuidanceEnded {
                guidance_id: "g1".into(),
                outcome: GuidanceOutcome::ScaledUp,
            },
        ),
        at("2026-05-01", guidance("g2")),
    ]);
    let all = history.save_guidances();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].duration_days(), Some(90));
    assert_eq!(
        all[0].ended,
        Some((d("2026-04-10"), GuidanceOutcome::ScaledUp))
    );
    assert_eq!(all[1].guidance_id, "g2");
    assert_eq!(all[1].duration_days(), None);
}

#[test]
fn evu_time_to_staffing_counts_to_the_first_combination_and_its_distinct_members() {
    let assigned = |users: &[&str]| Fact::EvuCombinationAssigned {
        referral_id: "e1".into(),
        user_ids: users.iter().map(|u| (*u).to_owned()).collect(),
    };
    let history = FamilyHistory::new([
        at(
            "2026-01-01",
            Fact::EvuReferred {
                referral_id: "e1".into(),
            },
        ),
        at("2026-01-15", assigned(&["a", "b", "a"])),
        at("2026-02-01", assigned(&["a", "b", "c"])),
        at(
            "2026-03-01",
            Fact::EvuReferred {
                referral_id: "e2".into(),
            },
        ),
    ]);
    let referrals = history.evu_referrals();
    assert_eq!(referrals[0].staffed, Some((14, 2)));
    assert_eq!(referrals[1].staffed, None);
}

#[test]
fn raad_time_to_investigation_and_outcome() {
    let history = FamilyHistory::new([
        at(
            "2026-01-01",
            Fact::ProtectionOrderRequested {
                request_id: "r1".into(),
            },
        ),
        at(
            "2026-01-22",
            Fact::InvestigationStarted {
                request_id: "r1".into(),
            },
        ),
        at(
            "2026-03-01",
            Fact::ProtectionOrderConcluded {
                request_id: "r1".into(),
                state: RequestState::NoMeasure,
            },
        ),
        at(
            "2026-04-01",
            Fact::ProtectionOrderRequested {
                request_id: "r2".into(),
            },
        ),
    ]);
    let requests = history.raad_requests();
    assert_eq!(requests[0].to_investigation, Some(21));
    assert_eq!(requests[0].concluded, Some(RequestState::NoMeasure));
    assert_eq!(requests[1].to_investigation, None);
    assert_eq!(requests[1].concluded, None);
}

#[test]
fn veilig_thuis_receipt_to_assessment_against_the_due_date() {
    let assessed = |id: &str| Fact::VtContactAssessed {
        contact_id: id.into(),
    };
    let history = FamilyHistory::new([
        at("2026-01-05", vt("late", Some("2026-01-12"))),
        at("2026-01-13", assessed("late")),
        at("2026-02-02", vt("due-day", Some("2026-02-09"))),
        at("2026-02-09", assessed("due-day")),
        at("2026-03-02", vt("open", Some("2026-03-09"))),
        at("2026-03-02", vt("advice", None)),
        at("2026-03-03", assessed("advice")),
    ]);
    let got: Vec<_> = history
        .vt_assessments()
        .into_iter()
        .map(|a| (a.contact_id, a.days, a.on_time))
        .collect();
    assert_eq!(
        got,
        vec![
            ("late".to_owned(), Some(8), Some(false)),
            ("due-day".to_owned(), Some(7), Some(true)),
            ("open".to_owned(), None, None),
            ("advice".to_owned(), Some(1), None),
        ]
    );
}

#[test]
fn framework_transitions_skip_a_change_to_the_same_framework() {
    let to = |framework| Fact::FrameworkChanged { framework };
    let history = FamilyHistory::new([
        at("2026-01-01", to(Framework::Voluntary)),
        at("2026-02-01", to(Framework::Voluntary)),
        at("2026-03-01", to(Framework::VeiligThuis)),
    ]);
    assert_eq!(
        history.framework_transitions(),
        vec![
            (d("2026-01-01"), None, Framework::Voluntary),
            (
                d("2026-03-01"),
                Some(Framework::Voluntary),
                Framework::VeiligThuis
            ),
        ]
    );
}

#[test]
fn median_and_p90_are_nearest_rank() {
    assert_eq!(median(&[]), None);
    assert_eq!(p90(&[]), None);
    assert_eq!(median(&[7]), Some(7));
    assert_eq!(p90(&[7]), Some(7));
    // Odd count: the middle value, whatever the input order.
    assert_eq!(median(&[9, 1, 5]), Some(5));
    // Even count: the lower middle value (rank ceil(0.5 * 4) = 2), never 4.5.
    assert_eq!(median(&[1, 3, 6, 10]), Some(3));
    // p90 of 1..=10: rank 9; of 1..=11: rank ceil(9.9) = 10.
    let ten: Vec<i64> = (1..=10).collect();
    assert_eq!(p90(&ten), Some(9));
    let eleven: Vec<i64> = (1..=11).collect();
    assert_eq!(p90(&eleven), Some(10));
    assert_eq!(percentile(&ten, 100), Some(10));
}

#[test]
fn journal_entries_give_facts_dated_by_the_day_they_name() {
    let recorded = date(2026, 5, 4);
    let held = fact(
        EventKind::JointAssessmentHeld,
        &json!({"family_id": "f", "meeting_id": "m", "held_on": "2026-04-30", "actions": 2, "plan_version": 3}),
        recorded,
    )
    .unwrap();
    assert_eq!(held, at("2026-04-30", Fact::JointJudgement));
    // No date of its own: the day it was recorded.
    let agreed = fact(
        EventKind::PlanAgreed,
        &json!({"family_id": "f", "version": 2, "member_ids": []}),
        recorded,
    );
    assert_eq!(
        agreed,
        Some(DatedFact {
            on: recorded,
            fact: Fact::PlanAgreed
        })
    );
    // An anonymous consultation is about no family.
    let anonymous = fact(
        EventKind::SaveConsultationBooked,
        &json!({"consultation_id": "s", "slot_id": "x", "on": "2026-05-06", "asked_by": "u", "family_id": null, "walk_in": false}),
        recorded,
    );
    assert_eq!(anonymous, None);
    // Unknown codes and unrelated kinds give nothing.
    let unknown_role = fact(
        EventKind::Handover,
        &json!({"family_id": "f", "from_involvement": "a", "to_involvement": "b", "role": "boss", "reason": "r"}),
        recorded,
    );
    assert_eq!(unknown_role, None);
    assert_eq!(fact(EventKind::NoteWritten, &json!({}), recorded), None);
}

#[test]
fn events_give_the_same_facts_as_their_stored_entries() {
    let recorded = date(2026, 5, 4);
    let event = Event::InvolvementStarted {
        family_id: "f".into(),
        involvement_id: "i".into(),
        role: "partner".into(),
        organisation_id: "ggz".into(),
        user_id: "u".into(),
        expertise: None,
        handover_of: None,
    };
    assert_eq!(
        from_event(&event, recorded),
        Some(DatedFact {
            on: recorded,
            fact: partner("i", "ggz", "u")
        })
    );
    let ended = Event::SaveGuidanceEnded {
        family_id: "f".into(),
        guidance_id: "g".into(),
        outcome: "safety_restored".into(),
        ended_on: "2026-05-01".into(),
    };
    assert_eq!(
        from_event(&ended, recorded),
        Some(at(
            "2026-05-01",
            Fact::SaveGuidanceEnded {
                guidance_id: "g".into(),
                outcome: GuidanceOutcome::SafetyRestored
            }
        ))
    );
    let assigned = Event::EvuCombinationAssigned {
        family_id: "f".into(),
        referral_id: "e".into(),
        user_ids: vec!["a".into(), "b".into()],
    };
    assert_eq!(
        from_event(&assigned, recorded).map(|f| f.fact),
        Some(Fact::EvuCombinationAssigned {
            referral_id: "e".into(),
            user_ids: vec!["a".into(), "b".into()]
        })
    );
    let consulted = Event::SaveConsultationBooked {
        consultation_id: "s".into(),
        slot_id: "x".into(),
        on: "2026-05-06".into(),
        asked_by: "u".into(),
        family_id: Some("f".into()),
        walk_in: false,
    };
    assert_eq!(
        from_event(&consulted, recorded),
        Some(at("2026-05-06", consultation("s")))
    );
}
