//! Issue 18: a period that is not whole months reads its whole months from the month
//! cells and only its edges from the rows. Its counts must be exactly what the rows
//! alone give, for any rows and any period: random rows (families, metrics, areas,
//! days over half a year, some without a value, some in another area than their
//! family's, each family worked with by none, one or more of three organisations) and
//! random periods, for every organisation and for one (a team lead's), compared with
//! `evaluation_counts_from_rows` and with the domain's `Counts::from_rows`, on every
//! backend.

use std::collections::{BTreeMap, BTreeSet};

use eenplan_domain::evaluation::report::{
    AreaFilter, Counts, EvaluationQuery, Metric, MetricRow, evaluate,
};
use eenplan_domain::evaluation::suppression::Threshold;
use eenplan_store::Param;
use jiff::ToSpan;
use jiff::civil::{Date, date};

use crate::support::TestDb;

/// A fixed-seed generator (xorshift64*): the same rows and periods on every run and
/// backend, so a failure can be repeated.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }

    fn day(&mut self, first: Date, days: u64) -> Date {
        first
            .checked_add((self.below(days) as i64).days())
            .unwrap()
    }
}

const METRICS: [Metric; 4] = [
    Metric::LeadJointJudgement,
    Metric::HandoversLead,
    Metric::Framework,
    Metric::FacesProfessionals,
];
const AREAS: [Option<&str>; 3] = [Some("a0"), Some("a1"), None];

fn random_rows(random: &mut Random) -> Vec<MetricRow> {
    let mut rows = Vec::new();
    for family in 0..60 {
        let home = AREAS[family % 3];
        for (n, metric) in METRICS.iter().enumerate() {
            for item in 0..random.below(4) {
                let area = if random.below(10) == 0 {
                    AREAS[random.below(3) as usize]
                } else {
                    home
                };
                rows.push(MetricRow {
                    family_id: format!("f{family:02}"),
                    metric: *metric,
                    item: format!("{n}-{item}"),
                    on: random.day(date(2025, 1, 1), 181),
                    area_id: area.map(str::to_owned),
                    value: (random.below(5) != 0).then(|| random.below(4) as i64),
                });
            }
        }
    }
    rows
}

const ORGANISATIONS: [&str; 3] = ["o0", "o1", "o2"];

/// Each family's organisations: a random subset of three, often none.
fn random_organisations(random: &mut Random) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for family in 0..60 {
        let set: BTreeSet<String> = ORGANISATIONS
            .iter()
            .filter(|_| random.below(3) == 0)
            .map(|o| (*o).to_owned())
            .collect();
        if !set.is_empty() {
            out.insert(format!("f{family:02}"), set);
        }
    }
    out
}

/// Counts in one order (the rows' SQL groups come in the database's order).
fn sorted(counts: Counts) -> Counts {
    let consultations = counts.consultations.clone();
    Counts {
        consultations,
        ..Counts::of_parts([counts])
    }
}

pub async fn a_period_of_days_counts_what_its_rows_count(db: TestDb) -> TestDb {
    let store = db.open().await;
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let rows = random_rows(&mut random);
    let organisations = random_organisations(&mut random);
    let mut tx = store.write().await.unwrap();
    for (family, set) in &organisations {
        for organisation in set {
            tx.execute(
                "INSERT INTO evaluation_family_organisations (family_id, organisation_id) \
                 VALUES ($1, $2)",
                vec![family.as_str().into(), organisation.as_str().into()],
            )
            .await
            .unwrap();
        }
    }
    for chunk in rows.chunks(100) {
        let values = (0..chunk.len())
            .map(|i| {
                let c = i * 6;
                format!(
                    "(${}, ${}, ${}, ${}, ${}, ${})",
                    c + 1,
                    c + 2,
                    c + 3,
                    c + 4,
                    c + 5,
                    c + 6
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let args: Vec<Param> = chunk
            .iter()
            .flat_map(|r| {
                [
                    r.family_id.clone().into(),
                    r.metric.code().into(),
                    r.item.clone().into(),
                    r.on.to_string().into(),
                    r.area_id.clone().into(),
                    r.value.into(),
                ]
            })
            .collect();
        tx.execute(
            &format!(
                "INSERT INTO evaluation_rows (family_id, metric, item, on_date, area_id, value) \
                 VALUES {values}"
            ),
            args,
        )
        .await
        .unwrap();
    }
    // The cells of these rows and organisations, as the migrations that make them
    // fill them.
    for sql in [
        "DROP TABLE evaluation_value_cells",
        "DROP TABLE evaluation_family_cells",
        "DELETE FROM schema_migrations WHERE version IN (45, 68)",
    ] {
        tx.execute(sql, vec![]).await.unwrap();
    }
    tx.commit().await.unwrap();
    store.migrate().await.unwrap();

    // Periods of every shape: a day, days inside a month, across two months, whole
    // months, starting on a first or ending on a last, and random ones; reaching
    // before and after the rows.
    let mut periods = vec![
        (date(2025, 3, 10), date(2025, 3, 10)),
        (date(2025, 3, 2), date(2025, 3, 30)),
        (date(2025, 2, 14), date(2025, 3, 9)),
        (date(2025, 2, 1), date(2025, 4, 30)),
        (date(2025, 2, 1), date(2025, 4, 12)),
        (date(2025, 2, 7), date(2025, 4, 30)),
        (date(2025, 1, 1), date(2025, 6, 20)),
        (date(2024, 12, 20), date(2025, 7, 10)),
    ];
    for _ in 0..120 {
        let from = random.day(date(2024, 12, 15), 220);
        let to = random.day(from, 200);
        periods.push((from, to));
    }
    let filters = [
        AreaFilter::All,
        AreaFilter::Within(vec!["a0".into()]),
        AreaFilter::Outside(vec!["a0".into()]),
    ];
    // Every organisation together, and each of the three (a team lead's).
    let asked = [None, Some("o0"), Some("o1"), Some("o2")];
    let names = BTreeMap::new();
    let mut tx = store.read().await.unwrap();
    for (n, (from, to)) in periods.into_iter().enumerate() {
        let organisation = asked[n % 4];
        let query = EvaluationQuery {
            from,
            to,
            areas: filters[n % 3].clone(),
            organisation: organisation.map(str::to_owned),
            threshold: Threshold::MIN,
        };
        let theirs: Vec<MetricRow> = rows
            .iter()
            .filter(|r| {
                organisation.is_none_or(|o| {
                    organisations
                        .get(&r.family_id)
                        .is_some_and(|set| set.contains(o))
                })
            })
            .cloned()
            .collect();
        let counts = sorted(tx.evaluation_counts(&query, from, to).await.unwrap());
        let reference = sorted(tx.evaluation_counts_from_rows(&query, from, to).await.unwrap());
        let asked = (from, to, &query.areas, organisation);
        assert_eq!(counts, reference, "{asked:?}");
        assert_eq!(
            counts,
            Counts::from_rows(&theirs, from, to, &query.areas),
            "{asked:?}: the domain's count of the rows"
        );
        let everyone = Counts::from_rows(&rows, from, to, &query.areas);
        if organisation.is_some() && !everyone.families.is_empty() {
            assert_ne!(
                counts, everyone,
                "{asked:?}: an organisation's counts are not everyone's"
            );
        }
        assert_eq!(
            evaluate(&counts, &query, false, &[], &names),
            evaluate(&reference, &query, false, &[], &names)
        );
    }
    drop(tx);
    store.close().await;
    db
}
