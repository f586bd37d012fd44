use jiff::civil::date;

use super::*;

fn numbers(lang: Lang) -> Numbers {
    Numbers {
        lang,
        decimals: 0,
        unit: "mediaan in dagen".to_owned(),
        threshold: 5,
    }
}

fn months_2024(n: i8) -> Vec<Date> {
    (1..=n).map(|m| date(2024, m, 1)).collect()
}

/// How many markers (points) a drawing has.
fn markers(svg: &str) -> usize {
    svg.matches("class=\"ev-chart__marker\"").count()
}

#[test]
fn a_hidden_value_draws_no_point_and_breaks_the_line() {
    let series = [Series {
        name: "Pilotgebieden".to_owned(),
        points: vec![
            Point::Value(10.0),
            Point::Value(12.0),
            Point::Hidden,
            Point::Value(8.0),
        ],
    }];
    let figure = line_chart(
        "lt",
        "Doorlooptijd",
        &months_2024(4),
        &series,
        &numbers(Lang::Nl),
    );
    // One marker in the legend, three on the line: the hidden month has none.
    assert_eq!(markers(&figure.svg), 1 + 3);
    // Two pieces of line: the hidden month is a gap, not a dip to zero.
    let line = figure
        .svg
        .split("<g class=\"ev-chart__series ev-chart__series--0\">")
        .nth(2)
        .unwrap();
    let d = line
        .split("d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert_eq!(d.matches('M').count(), 2, "{d}");
    let zero_y = format!("{:.1}", 8.0 + 20.0 + 8.0 + PLOT_HEIGHT);
    assert!(
        !d.contains(&format!(" {zero_y}")),
        "nothing drawn at zero: {d}"
    );
    assert_eq!(figure.table.rows[2].1, vec!["<5".to_owned()]);
    assert!(figure.note.as_deref().unwrap().contains("Het is geen nul"));
}

#[test]
fn without_hidden_values_there_is_no_note_and_one_line() {
    let series = [Series {
        name: "Alle gebieden".to_owned(),
        points: vec![Point::Value(3.0), Point::Value(4.0), Point::Value(5.0)],
    }];
    let figure = line_chart(
        "lt",
        "Doorlooptijd",
        &months_2024(3),
        &series,
        &numbers(Lang::Nl),
    );
    assert_eq!(figure.note, None);
    assert_eq!(markers(&figure.svg), 1 + 3);
}

#[test]
fn the_axis_and_the_table_read_dutch_months() {
    let series = [Series {
        name: "Alle gebieden".to_owned(),
        points: vec![Point::Value(1.0); 3],
    }];
    let months = [date(2024, 1, 1), date(2024, 3, 1), date(2024, 10, 1)];
    let figure = line_chart("lt", "Doorlooptijd", &months, &series, &numbers(Lang::Nl));
    assert!(figure.svg.contains(">jan 2024<"));
    assert!(figure.svg.contains(">mrt 2024<"));
    assert!(figure.svg.contains(">okt 2024<"));
    assert!(!figure.svg.contains("2024-01"), "never an ISO month");
    assert_eq!(figure.table.rows[1].0, "mrt 2024");
    assert_eq!(figure.table.corner, "Maand");
    let english = line_chart("lt", "Lead time", &months, &series, &numbers(Lang::En));
    assert!(english.svg.contains(">Mar 2024<"));
}

#[test]
fn a_long_series_labels_at_most_five_months() {
    let months: Vec<Date> = (0..36)
        .map(|i| date(2022 + i / 12, i8::try_from(i % 12 + 1).unwrap(), 1))
        .collect();
    let series = [Series {
        name: "Alle gebieden".to_owned(),
        points: vec![Point::Value(2.0); 36],
    }];
    let figure = line_chart("lt", "Doorlooptijd", &months, &series, &numbers(Lang::Nl));
    let labels = figure.svg.matches("text-anchor=\"middle\"").count();
    assert!(labels <= 5, "{labels} month labels");
    assert_eq!(figure.table.rows.len(), 36);
}

#[test]
fn the_drawing_is_an_accessible_scalable_image() {
    let figure = bar_chart(
        "ho",
        "Overdrachten per 100 dossiers",
        "Gebied",
        &[Bar {
            label: "Montfoort & <Oudewater>".to_owned(),
            value: Point::Value(12.5),
        }],
        &Numbers {
            decimals: 1,
            ..numbers(Lang::Nl)
        },
    );
    let svg = &figure.svg;
    assert!(svg.starts_with("<svg class=\"ev-chart\" viewBox=\"0 0 400 "));
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("aria-labelledby=\"ho-title ho-desc\""));
    assert!(svg.contains("<title id=\"ho-title\">Overdrachten per 100 dossiers</title>"));
    assert!(svg.contains("<desc id=\"ho-desc\">Staafdiagram met 1 staven"));
    assert!(!svg.contains("width=\"400\""), "scales with the page");
    assert!(
        svg.contains("Montfoort &amp; &lt;Oudewater&gt;"),
        "text escaped"
    );
    assert!(svg.contains(">12,5<"), "a decimal comma");
    assert_eq!(figure.table.rows[0].1, vec!["12,5".to_owned()]);
}

#[test]
fn a_hidden_bar_is_not_drawn_and_says_less_than_five() {
    let bars = [
        Bar {
            label: "Woerden".to_owned(),
            value: Point::Value(20.0),
        },
        Bar {
            label: "Oudewater".to_owned(),
            value: Point::Hidden,
        },
        Bar {
            label: "Montfoort".to_owned(),
            value: Point::Value(0.0),
        },
    ];
    let figure = bar_chart("ho", "Overdrachten", "Gebied", &bars, &numbers(Lang::Nl));
    assert_eq!(
        figure.svg.matches("class=\"ev-chart__bar\"").count(),
        2,
        "the hidden bar is not drawn; a true zero is"
    );
    assert!(figure.svg.contains(">&lt;5<"));
    assert_eq!(figure.table.rows[1].1, vec!["<5".to_owned()]);
    assert_eq!(figure.table.rows[2].1, vec!["0".to_owned()]);
    assert!(figure.note.is_some());
}

#[test]
fn a_missing_value_reads_none_and_is_not_hidden() {
    let bars = [Bar {
        label: "Zeist".to_owned(),
        value: Point::Missing,
    }];
    let figure = bar_chart("ho", "Overdrachten", "Gebied", &bars, &numbers(Lang::Nl));
    assert_eq!(figure.table.rows[0].1, vec!["geen".to_owned()]);
    assert_eq!(figure.note, None);
}

#[test]
fn numbers_read_the_dutch_way() {
    assert_eq!(decimal(Lang::Nl, 1234.5, 1), "1.234,5");
    assert_eq!(decimal(Lang::En, 1234.5, 1), "1,234.5");
    assert_eq!(decimal(Lang::Nl, 0.0, 0), "0");
    assert_eq!(decimal(Lang::Nl, 999.0, 0), "999");
    assert_eq!(decimal(Lang::Nl, 1_000_000.0, 0), "1.000.000");
    assert_eq!(decimal(Lang::Nl, -2.26, 1), "-2,3");
    assert_eq!(decimal(Lang::Nl, -0.01, 0), "0");
}

#[test]
fn the_scale_is_round_and_reaches_the_top() {
    assert_eq!(scale(0.0), (1.0, 1.0));
    assert_eq!(scale(37.0), (40.0, 10.0));
    assert_eq!(scale(100.0), (100.0, 50.0));
    assert_eq!(scale(3.2), (4.0, 1.0));
}
