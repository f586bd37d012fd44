use std::collections::BTreeMap;

use eenplan_domain::evaluation::pilot::PilotStart;
use eenplan_domain::evaluation::report::{
    AreaFilter, Counts, EvaluationQuery, FamilyCount, ValueCount, evaluate,
};
use eenplan_domain::evaluation::suppression::Threshold;
use jiff::civil::date;

use super::*;

/// Help started in area a1: 10 families in January 2024 (20 days each), 2 in February
/// (30 days: too few to show); SAVE op locatie started there in November 2019.
fn source() -> (Evaluation, Vec<AreaPilot>) {
    let value = |month, value, rows| ValueCount {
        metric: Metric::LeadHelpStarted,
        area_id: Some("a1".to_owned()),
        month,
        value,
        rows,
    };
    let counts = Counts {
        values: vec![
            value(date(2024, 1, 1), 20, 10),
            value(date(2024, 2, 1), 30, 2),
        ],
        families: vec![
            FamilyCount {
                metric: None,
                area_id: Some("a1".to_owned()),
                families: 12,
            },
            FamilyCount {
                metric: Some(Metric::LeadHelpStarted),
                area_id: Some("a1".to_owned()),
                families: 12,
            },
        ],
        ..Counts::default()
    };
    let query = EvaluationQuery {
        from: date(2024, 1, 1),
        to: date(2024, 2, 29),
        areas: AreaFilter::All,
        organisation: None,
        threshold: Threshold::MIN,
    };
    let pilots = vec![AreaPilot {
        kind: PilotKind::SaveOnSite,
        area_id: "a1".to_owned(),
        area_name: "Wijk bij Duurstede".to_owned(),
        start: PilotStart::Month {
            year: 2019,
            month: 11,
        },
    }];
    let names = BTreeMap::from([("a1".to_owned(), "Wijk bij Duurstede".to_owned())]);
    (evaluate(&counts, &query, false, &pilots, &names), pilots)
}

fn built(lang: Lang, pilot: Option<PilotKind>) -> Built {
    let (ev, pilots) = source();
    build(&Source {
        lang,
        main: &ev,
        others: None,
        pilots: &pilots,
        pilot,
    })
}

#[test]
fn a_month_of_too_few_families_is_hidden_in_the_chart_and_the_table_never_zero() {
    let built = built(Lang::Nl, None);
    let (figure, grid) = &built.figures[0];
    assert_eq!(grid.id, "lead_times_by_month");
    let help = grid
        .columns
        .iter()
        .position(|c| c == "Tot start van de hulp")
        .unwrap();
    assert_eq!(grid.rows[0].name, "jan 2024");
    assert_eq!(grid.rows[0].key, "2024-01");
    assert_eq!(grid.rows[0].cells[help], Cell::Number(20.0, 0));
    assert_eq!(grid.rows[1].cells[help], Cell::Hidden);
    assert_eq!(figure.table.rows[1].1[help], "<5");
    assert!(figure.note.is_some(), "the gap is explained");
}

#[test]
fn headline_figures_name_the_metric_and_count_the_files() {
    let built = built(Lang::Nl, None);
    let counts = &built.headline[0];
    assert_eq!(counts.rows[0].key, "files");
    assert_eq!(counts.rows[0].cells, vec![Cell::Number(12.0, 0)]);
    let days = built
        .headline
        .iter()
        .find(|g| g.caption.starts_with("Doorlooptijden"))
        .unwrap();
    let help = days
        .rows
        .iter()
        .find(|r| r.key == "lead_help_started")
        .unwrap();
    assert_eq!(
        help.cells,
        vec![
            Cell::Number(12.0, 0),
            Cell::Number(20.0, 0),
            Cell::Number(30.0, 0)
        ]
    );
    assert!(
        !help.name.contains('_'),
        "a label, not a code: {}",
        help.name
    );
}

#[test]
fn the_pilot_chart_says_its_start_with_the_precision_it_has() {
    let built = built(Lang::Nl, Some(PilotKind::SaveOnSite));
    let (figure, grid) = built
        .figures
        .iter()
        .find(|(f, _)| f.id == "pilot-save")
        .expect("the SAVE op locatie comparison");
    assert!(
        figure.title.contains("Wijk bij Duurstede november 2019"),
        "{}",
        figure.title
    );
    assert_eq!(
        grid.rows.len(),
        4,
        "pilot and other areas, before and after"
    );
    assert!(
        figure
            .note
            .as_deref()
            .unwrap()
            .contains("geen van beide kanten")
    );
    let other = built_other_pilot();
    assert!(other.figures.iter().all(|(f, _)| f.id != "pilot-save"));
}

fn built_other_pilot() -> Built {
    built(Lang::Nl, Some(PilotKind::Evu))
}

#[test]
fn the_handovers_chart_has_a_bar_per_area() {
    let built = built(Lang::Nl, None);
    let (figure, grid) = &built.figures[1];
    assert_eq!(grid.id, "handovers_per_area");
    assert_eq!(grid.rows[0].name, "Wijk bij Duurstede");
    assert!(figure.svg.contains("Wijk bij Duurstede"));
}

#[test]
fn consultations_per_team_are_a_count_table_with_small_cells_hidden() {
    use eenplan_domain::evaluation::report::ConsultationCount;
    use eenplan_domain::save_on_site::ConsultationResult;
    let count = |team: &str, named, n| ConsultationCount {
        team_id: team.to_owned(),
        team_name: format!("Buurtteam {team}"),
        named,
        result: ConsultationResult::NoReferral,
        consultations: n,
    };
    let counts = Counts {
        consultations: vec![
            count("Zuilen", false, 9),
            count("Zuilen", true, 2),
            count("Overvecht", false, 8),
            count("Overvecht", true, 7),
        ],
        ..Counts::default()
    };
    let query = EvaluationQuery {
        from: date(2024, 1, 1),
        to: date(2024, 12, 31),
        areas: AreaFilter::All,
        organisation: None,
        threshold: Threshold::MIN,
    };
    let ev = evaluate(&counts, &query, false, &[], &BTreeMap::new());
    let built = build(&Source {
        lang: Lang::Nl,
        main: &ev,
        others: None,
        pilots: &[],
        pilot: None,
    });
    let kind = built
        .counts
        .iter()
        .find(|g| g.id == "consultations_by_kind")
        .expect("the table per team");
    assert_eq!(kind.columns, vec!["Anoniem", "Op naam", "Totaal"]);
    let zuilen = kind
        .rows
        .iter()
        .find(|r| r.name == "Buurtteam Zuilen")
        .unwrap();
    assert_eq!(zuilen.cells[1], Cell::Hidden, "2 by name: hidden");
    assert!(
        zuilen.cells.iter().filter(|c| **c == Cell::Hidden).count() >= 2,
        "nor recoverable from the row's total: {:?}",
        zuilen.cells
    );
    assert_eq!(kind.rows.last().unwrap().name, "Totaal");
}
