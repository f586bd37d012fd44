use super::*;
use jiff::civil::date;
use proptest::prelude::*;

fn table(rows: &[&[u64]]) -> CountTable {
    CountTable::from_rows(&rows.iter().map(|row| row.to_vec()).collect::<Vec<_>>()).unwrap()
}

/// Hidden entries of the published table, in the (rows+1) × (cols+1) grid layout.
fn hidden_grid(published: &PublishedTable) -> Vec<bool> {
    let (rows, cols) = (published.rows(), published.cols());
    let mut hidden = Vec::new();
    for row in 0..=rows {
        for col in 0..=cols {
            let shown = match (row == rows, col == cols) {
                (false, false) => published.cell(row, col),
                (false, true) => published.row_total(row),
                (true, false) => published.col_total(col),
                (true, true) => published.grand_total(),
            };
            hidden.push(shown.is_suppressed());
        }
    }
    hidden
}

const P: u64 = 1_000_000_007;

/// Rank over GF(P) of the line equations restricted to the given unknown entries. The
/// matrix is the incidence matrix of a bipartite graph, totally unimodular, so its rank
/// over GF(P) is its rank over the rationals.
fn rank(height: usize, width: usize, unknowns: &[usize]) -> usize {
    let lines = height + width;
    let mut m: Vec<Vec<u64>> = vec![vec![0; unknowns.len()]; lines];
    for (k, &at) in unknowns.iter().enumerate() {
        m[at / width][k] = 1;
        m[height + at % width][k] = 1;
    }
    let mut rank = 0;
    for col in 0..unknowns.len() {
        let Some(pivot) = (rank..lines).find(|&r| m[r][col] != 0) else {
            continue;
        };
        m.swap(rank, pivot);
        let inverse = pow(m[rank][col], P - 2);
        let pivot_row = m[rank].clone();
        for (r, row) in m.iter_mut().enumerate() {
            if r != rank && row[col] != 0 {
                let factor = row[col] * inverse % P;
                for (entry, &p) in row.iter_mut().zip(&pivot_row) {
                    *entry = (*entry + P - factor * p % P) % P;
                }
            }
        }
        rank += 1;
    }
    rank
}

fn pow(mut base: u64, mut exp: u64) -> u64 {
    let mut result = 1;
    while exp > 0 {
        if exp & 1 == 1 {
            result = result * base % P;
        }
        base = base * base % P;
        exp >>= 1;
    }
    result
}

/// The differencing attack: the hidden entries an attacker can compute exactly by
/// solving the published line equations (each row and column of the grid sums to its
/// total). An entry is determined when every solution agrees on it, i.e. when dropping
/// it from the unknowns lowers the rank. Independent of how `protect` works.
fn determined(height: usize, width: usize, hidden: &[bool]) -> Vec<usize> {
    let unknowns: Vec<usize> = (0..hidden.len()).filter(|&at| hidden[at]).collect();
    let full = rank(height, width, &unknowns);
    unknowns
        .iter()
        .copied()
        .filter(|&x| {
            let others: Vec<usize> = unknowns.iter().copied().filter(|&u| u != x).collect();
            rank(height, width, &others) + 1 == full
        })
        .collect()
}

#[test]
fn a_threshold_below_five_is_refused() {
    assert_eq!(Threshold::new(4), Err(ThresholdTooLow(4)));
    assert_eq!(Threshold::new(0), Err(ThresholdTooLow(0)));
    assert_eq!(Threshold::new(5).unwrap().get(), 5);
    assert_eq!(Threshold::new(10).unwrap().get(), 10);
    assert_eq!(Threshold::default(), Threshold::MIN);
    assert_eq!(Threshold::default().get(), 5);
    assert!(serde_json::from_str::<Threshold>("3").is_err());
    assert_eq!(
        serde_json::from_str::<Threshold>("8").unwrap(),
        Threshold::new(8).unwrap()
    );
}

#[test]
fn one_to_threshold_minus_one_families_are_hidden_zero_is_shown() {
    let five = Threshold::default();
    assert!(!five.hides(0));
    assert!((1..5).all(|n| five.hides(n)));
    assert!(!five.hides(5));
    let eight = Threshold::new(8).unwrap();
    assert!(eight.hides(7));
    assert!(!eight.hides(8));
    // A median of three families' lead times is hidden like the count three.
    assert_eq!(five.show(12.5, 3), Shown::Suppressed);
    assert_eq!(five.show(12.5, 5), Shown::Value(12.5));
    assert_eq!(five.show(0.0, 0), Shown::Value(0.0));
}

#[test]
fn a_table_without_small_cells_is_shown_whole() {
    let published = table(&[&[10, 0, 7], &[5, 6, 0]]).publish(Threshold::default());
    assert!(!published.has_suppressed());
    assert_eq!(published.cell(0, 2), Shown::Value(7));
    assert_eq!(published.cell(0, 1), Shown::Value(0));
    assert_eq!(published.row_total(1), Shown::Value(11));
    assert_eq!(published.col_total(0), Shown::Value(15));
    assert_eq!(published.grand_total(), Shown::Value(28));
}

#[test]
fn one_small_cell_takes_a_rectangle_of_the_smallest_others_with_it() {
    let published =
        table(&[&[3, 20, 30], &[40, 50, 60], &[70, 80, 90]]).publish(Threshold::default());
    let hidden: Vec<(usize, usize)> = (0..3)
        .flat_map(|r| (0..3).map(move |c| (r, c)))
        .filter(|&(r, c)| published.cell(r, c).is_suppressed())
        .collect();
    // 3 is small; 20 is the smallest other in its row, 40 in its column, and 50
    // closes the rectangle (otherwise 20 is its column total minus the rest).
    assert_eq!(hidden, vec![(0, 0), (0, 1), (1, 0), (1, 1)]);
    assert_eq!(published.row_total(0), Shown::Value(53));
    assert_eq!(published.col_total(0), Shown::Value(113));
    assert_eq!(published.grand_total(), Shown::Value(443));
}

#[test]
fn without_complements_the_small_cell_is_its_row_total_minus_the_rest() {
    // Shows the attack helper bites: primary suppression alone gives the cell away.
    let grid = Grid::of(&table(&[&[3, 20, 30], &[40, 50, 60]]));
    let primary: Vec<bool> = grid
        .values
        .iter()
        .map(|&v| Threshold::MIN.hides(v))
        .collect();
    assert_eq!(determined(grid.height, grid.width, &primary), vec![0]);
    let mut protected = primary.clone();
    protect(&grid, &mut protected);
    assert!(determined(grid.height, grid.width, &protected).is_empty());
}

#[test]
fn a_small_total_is_hidden_and_protected_too() {
    // Row 0 adds up to 4 families: its cells are fine to hide, and so is its total.
    let published = table(&[&[2, 2, 0], &[9, 12, 15]]).publish(Threshold::default());
    assert!(published.row_total(0).is_suppressed());
    assert!(published.cell(0, 0).is_suppressed());
    assert!(published.cell(0, 1).is_suppressed());
    let hidden = hidden_grid(&published);
    assert!(determined(3, 4, &hidden).is_empty());
}

#[test]
fn two_hidden_per_line_is_not_enough_when_one_cell_joins_two_rectangles() {
    // Two rectangles of hidden cells joined by one hidden cell (0, 2): every line has
    // 0 or at least 2 hidden cells, yet (0, 2) is determined (a bridge). The rule
    // hides the smallest cell joining the two sides: (3, 1).
    let width = 5;
    let mut values = vec![10; 25];
    values[3 * width + 1] = 1;
    let grid = Grid {
        height: 5,
        width,
        values,
    };
    let mut hidden = vec![false; 25];
    for (r, c) in [
        (0, 0),
        (0, 1),
        (1, 0),
        (1, 1),
        (2, 2),
        (2, 3),
        (3, 2),
        (3, 3),
        (0, 2),
    ] {
        hidden[r * width + c] = true;
    }
    assert_eq!(determined(5, 5, &hidden), vec![2]);
    let before = hidden.clone();
    protect(&grid, &mut hidden);
    let added: Vec<usize> = (0..25).filter(|&at| hidden[at] && !before[at]).collect();
    assert_eq!(added, vec![3 * width + 1]);
    assert!(determined(5, 5, &hidden).is_empty());
}

#[test]
fn ragged_rows_are_refused() {
    let err = CountTable::from_rows(&[vec![1, 2], vec![3]]).unwrap_err();
    assert_eq!(
        err,
        RaggedRows {
            row: 1,
            found: 1,
            expected: 2
        }
    );
}

#[test]
fn an_empty_table_shows_a_zero_total() {
    let published = CountTable::from_rows(&[])
        .unwrap()
        .publish(Threshold::default());
    assert_eq!(published.grand_total(), Shown::Value(0));
    assert!(!published.has_suppressed());
}

#[test]
fn a_period_with_small_cells_snaps_outwards_to_whole_months() {
    assert_eq!(
        snap_period(date(2026, 3, 14), date(2026, 5, 2), true),
        (date(2026, 3, 1), date(2026, 5, 31))
    );
    assert_eq!(
        snap_period(date(2028, 2, 10), date(2028, 2, 10), true),
        (date(2028, 2, 1), date(2028, 2, 29))
    );
    // Whole months stay; without small cells the period stays as asked.
    assert_eq!(
        snap_period(date(2026, 1, 1), date(2026, 12, 31), true),
        (date(2026, 1, 1), date(2026, 12, 31))
    );
    assert_eq!(
        snap_period(date(2026, 3, 14), date(2026, 5, 2), false),
        (date(2026, 3, 14), date(2026, 5, 2))
    );
}

#[test]
fn two_periods_a_day_apart_snap_to_the_same_months() {
    // Otherwise 1–31 March minus 1–30 March is the families of 31 March.
    assert_eq!(
        snap_period(date(2026, 3, 1), date(2026, 3, 31), true),
        snap_period(date(2026, 3, 1), date(2026, 3, 30), true)
    );
}

/// Counts as evaluations meet them: many small (0..5) among larger ones.
fn count() -> impl Strategy<Value = u64> {
    prop_oneof![3 => 0u64..5, 2 => 0u64..40]
}

fn tables() -> impl Strategy<Value = Vec<Vec<u64>>> {
    (1usize..=6, 1usize..=6).prop_flat_map(|(rows, cols)| {
        prop::collection::vec(prop::collection::vec(count(), cols), rows)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// The differencing attack on many random tables: no hidden entry (cell or total)
    /// is the unique solution of the published totals; every small figure is hidden;
    /// every shown figure is the true one.
    #[test]
    fn no_hidden_cell_is_recoverable_from_the_totals(rows in tables(), threshold in 5u32..=7) {
        let threshold = Threshold::new(threshold).unwrap();
        let counts = CountTable::from_rows(&rows).unwrap();
        let published = counts.publish(threshold);
        let grid = Grid::of(&counts);
        let hidden = hidden_grid(&published);
        for (at, &value) in grid.values.iter().enumerate() {
            if threshold.hides(value) {
                prop_assert!(hidden[at], "small entry {at} ({value}) is shown");
            }
        }
        for row in 0..counts.rows() {
            for col in 0..counts.cols() {
                if let Shown::Value(v) = published.cell(row, col) {
                    prop_assert_eq!(v, counts.cell(row, col));
                }
            }
        }
        let exposed = determined(grid.height, grid.width, &hidden);
        prop_assert!(exposed.is_empty(), "recoverable: {exposed:?} in {rows:?}");
    }
}
