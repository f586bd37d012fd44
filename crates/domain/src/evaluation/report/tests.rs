//! The rows of small hand-built histories, and their figures.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::*;
use crate::evaluation::metrics::{DatedFact, Fact, FamilyHistory, median, p90};
use crate::evaluation::pilot::{AreaPilot, PilotKind, PilotStart};
use crate::evaluation::suppression::Shown;
use crate::family::Framework;
use crate::family::involvement::InvolvementRole;
use crate::save_guidance::GuidanceOutcome;

fn d(day: &str) -> Date {
    day.parse().unwrap()
}

fn at(day: &str, fact: Fact) -> DatedFact {
    DatedFact { on: d(day), fact }
}

fn joined(id: &str, role: InvolvementRole, org: &str, user: &str) -> Fact {
    Fact::InvolvementStarted {
        involvement_id: id.into(),
        role,
        organisation_id: org.into(),
        user_id: user.into(),
    }
}

fn find<'a>(rows: &'a [MetricRow], metric: Metric, item: &str) -> &'a MetricRow {
    rows.iter()
        .find(|r| r.metric == metric && r.item == item)
        .unwrap_or_else(|| panic!("no row {metric} {item:?} in {rows:#?}"))
}

fn query(from: &str, to: &str) -> EvaluationQuery {
    EvaluationQuery {
        from: d(from),
        to: d(to),
        areas: AreaFilter::All,
        organisation: None,
        threshold: Threshold::MIN,
    }
}

#[test]
fn a_lead_time_counts_in_the_month_it_ended_and_an_open_one_has_no_value() {
    let history = FamilyHistory::new([
        at("2025-01-10", Fact::FileOpened),
        at(
            "2025-01-10",
            joined("i1", InvolvementRole::Regisseur, "wt", "u1"),
        ),
        at("2025-03-02", Fact::JointJudgement),
        at(
            "2025-02-01",
            joined("i2", InvolvementRole::Partner, "ggz", "u2"),
        ),
    ]);
    let rows = rows_for("f1", Some("a1"), &history);
    let judgement = find(&rows, Metric::LeadJointJudgement, "");
    assert_eq!((judgement.on, judgement.value), (d("2025-03-02"), Some(51)));
    let help = find(&rows, Metric::LeadHelpStarted, "");
    assert_eq!((help.on, help.value), (d("2025-02-01"), Some(22)));
    let plan = find(&rows, Metric::LeadAgreedPlan, "");
    assert_eq!((plan.on, plan.value), (d("2025-01-10"), None));
    assert_eq!(judgement.area_id.as_deref(), Some("a1"));
}

#[test]
fn handovers_are_rows_on_their_day_and_an_organisation_change_is_its_own_row() {
    let history = FamilyHistory::new([
        at(
            "2025-01-10",
            joined("i1", InvolvementRole::Regisseur, "wt", "u1"),
        ),
        at(
            "2025-02-10",
            joined("i2", InvolvementRole::Regisseur, "wt", "u2"),
        ),
        at(
            "2025-02-10",
            Fact::Handover {
                from_involvement: "i1".into(),
                to_involvement: "i2".into(),
                role: InvolvementRole::Regisseur,
            },
        ),
        at(
            "2025-04-01",
            joined("i3", InvolvementRole::Partner, "ggz", "u3"),
        ),
        at(
            "2025-05-01",
            joined("i4", InvolvementRole::Partner, "save", "u4"),
        ),
        at(
            "2025-05-01",
            Fact::Handover {
                from_involvement: "i3".into(),
                to_involvement: "i4".into(),
                role: InvolvementRole::Partner,
            },
        ),
    ]);
    let rows = rows_for("f1", None, &history);
    assert_eq!(find(&rows, Metric::HandoversLead, "1").on, d("2025-02-10"));
    assert_eq!(
        find(&rows, Metric::HandoversPartner, "2").on,
        d("2025-05-01")
    );
    let changes: Vec<_> = rows
        .iter()
        .filter(|r| r.metric == Metric::OrganisationChanges)
        .collect();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].item, "2");
}

#[test]
fn faces_are_one_row_per_year_someone_worked_with_the_family_dated_1_january() {
    let history = FamilyHistory::new([
        at(
            "2024-11-10",
            joined("i1", InvolvementRole::Regisseur, "wt", "u1"),
        ),
        at(
            "2025-02-01",
            joined("i2", InvolvementRole::Partner, "ggz", "u2"),
        ),
        at(
            "2025-03-01",
            Fact::InvolvementEnded {
                involvement_id: "i2".into(),
            },
        ),
    ]);
    let rows = rows_for("f1", None, &history);
    let y2024 = find(&rows, Metric::FacesProfessionals, "2024");
    assert_eq!((y2024.on, y2024.value), (d("2024-01-01"), Some(1)));
    assert_eq!(
        find(&rows, Metric::FacesProfessionals, "2025").value,
        Some(2)
    );
    assert_eq!(
        find(&rows, Metric::FacesOrganisations, "2025").value,
        Some(2)
    );
    assert!(!rows.iter().any(|r| r.item == "2026"));
}

#[test]
fn outcomes_and_frameworks_are_once_per_family_with_the_latest() {
    let history = FamilyHistory::new([
        at(
            "2025-01-01",
            Fact::FrameworkChanged {
                framework: Framework::Voluntary,
            },
        ),
        at(
            "2025-06-01",
            Fact::FrameworkChanged {
                framework: Framework::CourtOrder,
            },
        ),
        at(
            "2025-01-05",
            Fact::SaveGuidanceStarted {
                guidance_id: "g1".into(),
                organisation_id: "save".into(),
                worker_id: "w".into(),
            },
        ),
        at(
            "2025-03-05",
            Fact::SaveGuidanceEnded {
                guidance_id: "g1".into(),
                outcome: GuidanceOutcome::ScaledUp,
            },
        ),
    ]);
    let rows = rows_for("f1", None, &history);
    let outcome = find(&rows, Metric::SaveGuidanceOutcome, "");
    assert_eq!(
        Metric::SaveGuidanceOutcome
            .value_label(outcome.value.unwrap(), false)
            .as_deref(),
        Some("Opgeschaald naar een verzoek tot onderzoek")
    );
    assert_eq!(find(&rows, Metric::SaveGuidanceDays, "g1").value, Some(59));
    let transition = find(&rows, Metric::FrameworkTransition, "");
    assert_eq!(
        transition_of(transition.value.unwrap()),
        Some((Some(Framework::Voluntary), Framework::CourtOrder))
    );
    assert_eq!(
        framework_of(find(&rows, Metric::Framework, "").value.unwrap()),
        Some(Framework::CourtOrder)
    );
    for from in [
        None,
        Some(Framework::Voluntary),
        Some(Framework::VeiligThuis),
        Some(Framework::CourtOrder),
    ] {
        for &to in Framework::ALL {
            assert_eq!(transition_of(transition_value(from, to)), Some((from, to)));
        }
    }
}

fn lead_row(family: usize, on: &str, area: &str, days: i64) -> MetricRow {
    MetricRow {
        family_id: format!("f{family}"),
        metric: Metric::LeadAgreedPlan,
        item: String::new(),
        on: d(on),
        area_id: Some(area.into()),
        value: Some(days),
    }
}

fn figure(evaluation: &Evaluation, metric: Metric) -> &MetricFigure {
    evaluation
        .metrics
        .iter()
        .find(|m| m.metric == metric)
        .unwrap()
}

#[test]
fn medians_from_the_counts_equal_the_medians_of_the_values() {
    let days: Vec<i64> = (0..37).map(|i| (i * 17 + 3) % 41).collect();
    let rows: Vec<MetricRow> = days
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            lead_row(
                i,
                if i % 2 == 0 {
                    "2025-02-03"
                } else {
                    "2025-03-20"
                },
                "a",
                v,
            )
        })
        .collect();
    let q = query("2025-01-01", "2025-12-31");
    let counts = Counts::from_rows(&rows, q.from, q.to, &q.areas);
    let e = evaluate(&counts, &q, false, &[], &BTreeMap::new());
    let plan = figure(&e, Metric::LeadAgreedPlan);
    assert_eq!(plan.median, Some(Shown::Value(median(&days).unwrap())));
    assert_eq!(plan.p90, Some(Shown::Value(p90(&days).unwrap())));
    assert_eq!(plan.families, Shown::Value(37));
    assert_eq!(e.files, Shown::Value(37));
    assert_eq!(
        e.series
            .iter()
            .filter(|p| p.metric == Metric::LeadAgreedPlan)
            .count(),
        12
    );
    assert!(!e.has_suppressed());
}

#[test]
fn fewer_than_five_families_are_hidden_and_a_custom_period_snaps_to_whole_months() {
    let rows: Vec<MetricRow> = (0..4)
        .map(|i| lead_row(i, "2025-02-10", "a", 10 + i as i64))
        .collect();
    let q = query("2025-02-05", "2025-02-20");
    let counts = Counts::from_rows(&rows, q.from, q.to, &q.areas);
    let e = evaluate(&counts, &q, false, &[], &BTreeMap::new());
    let plan = figure(&e, Metric::LeadAgreedPlan);
    assert_eq!(plan.median, Some(Shown::Suppressed));
    assert_eq!(plan.families, Shown::Suppressed);
    assert_eq!(e.files, Shown::Suppressed);
    assert!(e.has_suppressed());
    let months = whole_months(q.from, q.to).unwrap();
    assert_eq!(months, (d("2025-02-01"), d("2025-02-28")));
    assert_eq!(whole_months(months.0, months.1), None);
    let month_q = query("2025-02-01", "2025-02-28");
    let counts = Counts::from_rows(&rows, month_q.from, month_q.to, &month_q.areas);
    let month = evaluate(&counts, &month_q, true, &[], &BTreeMap::new());
    assert_eq!(publishable(e.clone(), Some(month.clone())), month);

    let five: Vec<MetricRow> = (0..5).map(|i| lead_row(i, "2025-02-10", "a", 10)).collect();
    let counts = Counts::from_rows(&five, q.from, q.to, &q.areas);
    let e = evaluate(&counts, &q, false, &[], &BTreeMap::new());
    assert_eq!(
        figure(&e, Metric::LeadAgreedPlan).median,
        Some(Shown::Value(10))
    );
}

#[test]
fn a_small_area_is_hidden_with_a_complement_so_the_total_does_not_give_it_away() {
    let mut rows: Vec<MetricRow> = (0..20)
        .map(|i| lead_row(i, "2025-02-10", "big", 5))
        .collect();
    rows.extend((20..22).map(|i| lead_row(i, "2025-02-10", "small", 5)));
    let q = query("2025-01-01", "2025-12-31");
    let counts = Counts::from_rows(&rows, q.from, q.to, &q.areas);
    let e = evaluate(&counts, &q, false, &[], &BTreeMap::new());
    let small = e
        .areas
        .iter()
        .find(|a| a.area_id.as_deref() == Some("small"))
        .unwrap();
    assert_eq!(small.files, Shown::Suppressed);
    let shown = [e.files.value().is_some()]
        .into_iter()
        .chain(e.areas.iter().map(|a| a.files.value().is_some()))
        .filter(|&s| s)
        .count();
    assert!(
        shown < e.areas.len(),
        "total and big area would give small away: {e:#?}"
    );
}

#[test]
fn pilot_areas_count_by_their_own_start_and_a_start_month_on_neither_side() {
    let pilots = [AreaPilot {
        kind: PilotKind::Evu,
        area_id: "p".into(),
        area_name: "Vechtzoom".into(),
        start: PilotStart::Month {
            year: 2022,
            month: 2,
        },
    }];
    let mut rows = Vec::new();
    for (i, (on, area)) in [
        ("2022-01-15", "p"),
        ("2022-02-15", "p"),
        ("2022-03-15", "p"),
        ("2022-01-15", "o"),
        ("2022-03-15", "o"),
    ]
    .into_iter()
    .enumerate()
    {
        for j in 0..5 {
            rows.push(lead_row(i * 10 + j, on, area, i as i64));
        }
    }
    let q = query("2022-01-01", "2022-12-31");
    let counts = Counts::from_rows(&rows, q.from, q.to, &q.areas);
    let e = evaluate(&counts, &q, false, &pilots, &BTreeMap::new());
    let c = e
        .pilots
        .iter()
        .find(|p| p.metric == Metric::LeadAgreedPlan)
        .unwrap();
    assert_eq!(c.pilot_before.median, Some(Shown::Value(0)));
    assert_eq!(c.pilot_after.median, Some(Shown::Value(2)));
    assert_eq!(c.other_before.median, Some(Shown::Value(3)));
    assert_eq!(c.other_after.median, Some(Shown::Value(4)));
    assert_eq!(c.pilot_after.families, Shown::Value(5));
}

#[test]
fn outside_areas_keeps_families_without_an_area() {
    let filter = AreaFilter::Outside(vec!["a".into()]);
    assert!(filter.admits(None));
    assert!(!filter.admits(Some("a")));
    assert!(filter.admits(Some("b")));
    assert!(!AreaFilter::Within(vec!["a".into()]).admits(None));
}

#[test]
fn only_the_kinds_that_give_facts_are_read() {
    use crate::evaluation::metrics::{fact, gives_facts};
    use crate::journal::EventKind;
    // A payload with every field any fact reads, valid for each of them.
    let payload = serde_json::json!({
        "contact_id": "c", "consultation_id": "s", "family_id": "f", "on": "2025-01-02",
        "involvement_id": "i", "role": "partner", "organisation_id": "o", "user_id": "u",
        "from_involvement": "i", "to_involvement": "j", "guidance_id": "g",
        "worker_id": "w", "outcome": "safety_restored", "referral_id": "r",
        "user_ids": ["u"], "request_id": "q", "state": "no_measure",
        "framework": "voluntary", "reason": "goals_reached",
    });
    for &kind in EventKind::ALL {
        assert_eq!(
            fact(kind, &payload, d("2025-01-01")).is_some(),
            gives_facts(kind),
            "{kind:?}"
        );
    }
}
