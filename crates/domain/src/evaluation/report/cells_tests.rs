//! The month cells held equal to the rows (`cells.rs`).

use proptest::prelude::*;

use super::*;

fn month(i: u8) -> Date {
    Date::new(2024 + i16::from(i / 12), (i % 12 + 1) as i8, 1).unwrap()
}

prop_compose! {
    fn a_row()(
        family in 0u8..6,
        metric in 0usize..4,
        item in 0u8..3,
        m in 0u8..30,
        day in 1i8..29,
        area in prop::option::of(0u8..3),
        value in prop::option::of(0i64..4),
    ) -> MetricRow {
        let metrics = [
            Metric::LeadJointJudgement,
            Metric::HandoversLead,
            Metric::Framework,
            Metric::FacesProfessionals,
        ];
        let on = month(m);
        MetricRow {
            family_id: format!("f{family}"),
            metric: metrics[metric],
            item: item.to_string(),
            on: Date::new(on.year(), on.month(), day).unwrap(),
            // A family's rows share its area, as the store writes them.
            area_id: area.map(|a| format!("a{}", (a + family) % 3)),
            value,
        }
    }
}

fn rows() -> impl Strategy<Value = Vec<MetricRow>> {
    prop::collection::vec(a_row(), 0..40).prop_map(|rows| {
        // One row per (family, metric, item), as the store's key has it.
        let mut seen = BTreeSet::new();
        rows.into_iter()
            .filter(|r| seen.insert((r.family_id.clone(), r.metric, r.item.clone())))
            .collect()
    })
}

fn filter() -> impl Strategy<Value = AreaFilter> {
    let some = prop::collection::vec((0u8..3).prop_map(|a| format!("a{a}")), 0..3);
    prop_oneof![
        Just(AreaFilter::All),
        some.clone().prop_map(AreaFilter::Within),
        some.prop_map(AreaFilter::Outside),
    ]
}

/// Which of three organisations worked with each of the six families (some none).
fn organisations() -> impl Strategy<Value = FamilyOrganisations> {
    prop::collection::btree_map(
        (0u8..6).prop_map(|f| format!("f{f}")),
        prop::collection::btree_set((0u8..3).prop_map(|o| format!("o{o}")), 0..3),
        0..6,
    )
}

/// An organisation to ask for (`None`: every organisation; "o3" has no families).
fn organisation() -> impl Strategy<Value = Option<String>> {
    prop::option::of((0u8..4).prop_map(|o| format!("o{o}")))
}

/// The rows of the families of `organisation` (`None`: every row): what the store's
/// reference, `evaluation_counts_from_rows`, reads for a team lead.
fn rows_of(
    rows: &[MetricRow],
    organisations: &FamilyOrganisations,
    organisation: Option<&str>,
) -> Vec<MetricRow> {
    rows.iter()
        .filter(|r| {
            organisation.is_none_or(|o| {
                organisations
                    .get(&r.family_id)
                    .is_some_and(|set| set.contains(o))
            })
        })
        .cloned()
        .collect()
}

fn add(cells: &mut BTreeMap<Cell, i64>, changes: Vec<(Cell, i64)>) {
    for (cell, n) in changes {
        *cells.entry(cell).or_insert(0) += n;
    }
    cells.retain(|_, n| *n != 0);
}

/// What the store reads for an edge of a period: its rows' values, and its families
/// that have no row of the same metric (or any row) and area in `counted`.
fn edge_counts(
    rows: &[MetricRow],
    (from, to): (Date, Date),
    counted: Option<(Date, Date)>,
    areas: &AreaFilter,
) -> Counts {
    let mut counts = Counts::from_rows(rows, from, to, areas);
    for f in &mut counts.families {
        f.families = rows
            .iter()
            .filter(|r| {
                (from..=to).contains(&r.on)
                    && r.area_id == f.area_id
                    && f.metric.is_none_or(|m| r.metric == m && r.value.is_some())
            })
            .map(|r| r.family_id.as_str())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .filter(|family| {
                !rows.iter().any(|x| {
                    x.family_id == *family
                        && x.area_id == f.area_id
                        && f.metric.is_none_or(|m| x.metric == m && x.value.is_some())
                        && counted.is_some_and(|(s, e)| (s..=e).contains(&x.on))
                })
            })
            .count() as u64;
    }
    counts
}

fn day(i: u16) -> Date {
    month(0)
        .checked_add(jiff::Span::new().days(i64::from(i)))
        .unwrap()
}

proptest! {
    /// The parts of any period are in order, do not overlap, cover it, and only
    /// `months` is whole months.
    #[test]
    fn the_parts_of_a_period_are_the_period(start in 0u16..900, length in 0u16..120) {
        let (from, to) = (day(start), day(start + length));
        let parts = PeriodParts::of(from, to);
        let all: Vec<(Date, Date)> =
            [parts.head, parts.months, parts.tail].into_iter().flatten().collect();
        prop_assert_eq!(all.first().map(|p| p.0), Some(from));
        prop_assert_eq!(all.last().map(|p| p.1), Some(to));
        for pair in all.windows(2) {
            prop_assert_eq!(pair[0].1.tomorrow().unwrap(), pair[1].0);
        }
        for (a, b) in all {
            prop_assert!(a <= b);
        }
        if let Some((a, b)) = parts.months {
            prop_assert!(a.day() == 1 && b == b.last_of_month());
        }
    }

    /// A period that is not whole months, counted as the cells of its whole months
    /// plus its edges' new families, equals the same counted from the rows.
    #[test]
    fn cells_and_edges_count_what_the_rows_count(
        rows in rows(),
        start in 0u16..880,
        length in 0u16..200,
        areas in filter(),
        organisations in organisations(),
        organisation in organisation(),
    ) {
        let (from, to) = (day(start), day((start + length).min(880)));
        let parts = PeriodParts::of(from, to);
        let cells = cells_of(&rows, &organisations);
        let asked = organisation.as_deref();
        // The store reads an edge's rows of the organisation's families only.
        let theirs = rows_of(&rows, &organisations, asked);
        let mut counts = Vec::new();
        if let Some((a, b)) = parts.months {
            counts.push(Counts::from_cells(
                cells.iter().map(|(c, n)| (c, *n)),
                a,
                b,
                &areas,
                asked,
            ));
        }
        for (edge, counted) in parts.edges() {
            counts.push(edge_counts(&theirs, edge, counted, &areas));
        }
        prop_assert_eq!(Counts::of_parts(counts), Counts::from_rows(&theirs, from, to, &areas));
    }

    /// The reason cells exist: any whole-month period, any areas and any
    /// organisation (or none) counted from the cells equal the same counted from the
    /// rows of the organisation's families, distinct families included.
    #[test]
    fn cells_count_what_the_rows_count(
        rows in rows(),
        start in 0u8..30,
        length in 0u8..30,
        areas in filter(),
        organisations in organisations(),
        organisation in organisation(),
    ) {
        let from = month(start);
        let to = month(start.saturating_add(length).min(29)).last_of_month();
        let cells = cells_of(&rows, &organisations);
        let asked = organisation.as_deref();
        prop_assert_eq!(
            Counts::from_cells(cells.iter().map(|(c, n)| (c, *n)), from, to, &areas, asked),
            Counts::from_rows(&rows_of(&rows, &organisations, asked), from, to, &areas)
        );
    }

    /// Kept up to date change by change, the cells equal the cells of the rows and
    /// organisations as they are now: a family's rows and organisations change
    /// together, either or both.
    #[test]
    fn changes_keep_the_cells_of_the_current_rows(
        before in rows(),
        after in rows(),
        organisations_before in organisations(),
        organisations_after in organisations(),
        family in 0u8..6,
    ) {
        let family = format!("f{family}");
        let (mine, others): (Vec<_>, Vec<_>) =
            before.iter().cloned().partition(|r| r.family_id == family);
        let mut now = others.clone();
        now.extend(after.iter().filter(|r| r.family_id == family).cloned());
        let new: Vec<MetricRow> =
            after.iter().filter(|r| r.family_id == family).cloned().collect();
        let only = |all: &FamilyOrganisations| -> FamilyOrganisations {
            all.iter()
                .filter(|(f, _)| **f == family)
                .map(|(f, o)| (f.clone(), o.clone()))
                .collect()
        };
        let mut organisations_now = organisations_before.clone();
        organisations_now.remove(&family);
        organisations_now.extend(only(&organisations_after));
        let mut cells = cells_of(&before, &organisations_before);
        add(
            &mut cells,
            cell_changes(
                &mine,
                &only(&organisations_before),
                &new,
                &only(&organisations_after),
            ),
        );
        prop_assert_eq!(cells, cells_of(&now, &organisations_now));
    }
}

#[test]
fn a_family_with_rows_in_two_months_of_a_period_is_one_family() {
    let row = |on: &str| MetricRow {
        family_id: "f".into(),
        metric: Metric::FacesOrganisations,
        item: on.into(),
        on: on.parse().unwrap(),
        area_id: Some("a".into()),
        value: Some(2),
    };
    let rows = [row("2025-03-04"), row("2025-05-20")];
    let cells = cells_of(&rows, &FamilyOrganisations::new());
    let counts = Counts::from_cells(
        cells.iter().map(|(c, n)| (c, *n)),
        "2025-01-01".parse().unwrap(),
        "2025-12-31".parse().unwrap(),
        &AreaFilter::All,
        None,
    );
    let files: Vec<u64> = counts.families.iter().map(|f| f.families).collect();
    assert_eq!(files, [1, 1], "{counts:#?}");
    // From May on, May is the family's first month in the period.
    let may = Counts::from_cells(
        cells.iter().map(|(c, n)| (c, *n)),
        "2025-05-01".parse().unwrap(),
        "2025-12-31".parse().unwrap(),
        &AreaFilter::All,
        None,
    );
    assert_eq!(may.families.len(), 2);
    assert!(may.families.iter().all(|f| f.families == 1));
}

/// A family counts under every organisation together and under each of its own, and
/// an organisation's cells count its families only.
#[test]
fn a_family_counts_under_each_of_its_organisations() {
    let row = |family: &str| MetricRow {
        family_id: family.into(),
        metric: Metric::FacesOrganisations,
        item: String::new(),
        on: "2025-03-04".parse().unwrap(),
        area_id: None,
        value: Some(2),
    };
    let organisations: FamilyOrganisations = [
        ("f".to_owned(), ["o1".to_owned(), "o2".to_owned()].into()),
        ("g".to_owned(), ["o2".to_owned()].into()),
    ]
    .into();
    let cells = cells_of(&[row("f"), row("g"), row("h")], &organisations);
    let files = |organisation: Option<&str>| {
        let counts = Counts::from_cells(
            cells.iter().map(|(c, n)| (c, *n)),
            "2025-01-01".parse().unwrap(),
            "2025-12-31".parse().unwrap(),
            &AreaFilter::All,
            organisation,
        );
        counts
            .families
            .iter()
            .find(|f| f.metric.is_none())
            .map_or(0, |f| f.families)
    };
    assert_eq!(files(None), 3);
    assert_eq!(files(Some("o1")), 1);
    assert_eq!(files(Some("o2")), 2);
    assert_eq!(files(Some("o3")), 0);
}
