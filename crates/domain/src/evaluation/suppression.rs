//! Small-cell suppression: the evaluation shows aggregates only, and no aggregate may
//! point at a family.
//!
//! A number computed from fewer than [`Threshold`] families (5 unless configured higher)
//! is not shown: it is [`Shown::Suppressed`], which the page, the CSV and the JSON all
//! render as "<5" (the label lives in the web). A count of **zero** is shown: the usual
//! statistical-disclosure rule treats 1..threshold-1 as the risky cells (a small group
//! of families can be recognised), while "nobody" names nobody.
//!
//! Hiding a cell is not enough when the table also publishes totals: a single hidden
//! cell in a row is its row total minus the shown cells. [`CountTable::publish`]
//! therefore adds *complementary* suppression until no hidden cell is the unique
//! solution of the published totals (see [`protect`] for how). Periods are the other
//! route to a difference: two custom periods that differ by one day give that day's
//! count, so a custom period snaps to whole months when any of its cells is small
//! ([`snap_period`]).
//!
//! Source: CBS statistical disclosure control practice (threshold rule with primary and
//! secondary suppression); AVG art. 89 (safeguards for processing for statistics).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The lowest threshold the evaluation accepts: below 5 families a cell is too easily
/// traced to a family (issue 16 §2, "never below 5").
pub const MIN_THRESHOLD: u32 = 5;

/// The number of families a shown figure must be computed from. Configurable upwards
/// only: constructing one below [`MIN_THRESHOLD`] is an error, so no configuration can
/// weaken the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Threshold(u32);

/// A threshold below [`MIN_THRESHOLD`] was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the small-cell threshold must be at least {MIN_THRESHOLD} families, not {0}")]
pub struct ThresholdTooLow(pub u32);

impl Threshold {
    /// The default and lowest threshold: 5 families.
    pub const MIN: Threshold = Threshold(MIN_THRESHOLD);

    /// A threshold of `families`; refused below [`MIN_THRESHOLD`].
    pub fn new(families: u32) -> Result<Self, ThresholdTooLow> {
        if families < MIN_THRESHOLD {
            Err(ThresholdTooLow(families))
        } else {
            Ok(Threshold(families))
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }

    /// Whether a figure computed from `families` families must be hidden: 1 up to the
    /// threshold minus one. Zero is shown (see the module documentation).
    pub fn hides(self, families: u64) -> bool {
        families > 0 && families < u64::from(self.0)
    }

    /// `value` (a count, a median, a share…) as it may be shown, given the number of
    /// families it was computed from. For statistics that are not counts (a median lead
    /// time of 3 families is as telling as the count 3).
    pub fn show<T>(self, value: T, families: u64) -> Shown<T> {
        if self.hides(families) {
            Shown::Suppressed
        } else {
            Shown::Value(value)
        }
    }
}

impl Default for Threshold {
    fn default() -> Self {
        Threshold::MIN
    }
}

impl TryFrom<u32> for Threshold {
    type Error = ThresholdTooLow;
    fn try_from(families: u32) -> Result<Self, Self::Error> {
        Threshold::new(families)
    }
}

impl From<Threshold> for u32 {
    fn from(threshold: Threshold) -> u32 {
        threshold.0
    }
}

/// A figure as it may be published: its value, or hidden ("<5" in every output).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shown<T> {
    Value(T),
    Suppressed,
}

impl<T> Shown<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Shown::Value(value) => Some(value),
            Shown::Suppressed => None,
        }
    }

    pub fn is_suppressed(&self) -> bool {
        matches!(self, Shown::Suppressed)
    }
}

/// A table of counts of families (for example areas × months), whose row totals,
/// column totals and grand total are the sums of its cells: each family is counted in
/// one cell. (A total of *distinct* families over cells that may share a family is a
/// different table and needs its own rule.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountTable {
    rows: usize,
    cols: usize,
    cells: Vec<u64>,
}

/// The rows given to [`CountTable::from_rows`] do not all have the same length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("row {row} has {found} cells where the first row has {expected}")]
pub struct RaggedRows {
    pub row: usize,
    pub found: usize,
    pub expected: usize,
}

impl CountTable {
    /// A table from its rows of cells; every row must be as long as the first.
    pub fn from_rows(rows: &[Vec<u64>]) -> Result<Self, RaggedRows> {
        let cols = rows.first().map_or(0, Vec::len);
        if let Some((row, found)) = rows
            .iter()
            .map(Vec::len)
            .enumerate()
            .find(|&(_, len)| len != cols)
        {
            return Err(RaggedRows {
                row,
                found,
                expected: cols,
            });
        }
        Ok(CountTable {
            rows: rows.len(),
            cols,
            cells: rows.iter().flatten().copied().collect(),
        })
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn cols(&self) -> usize {
        self.cols
    }

    pub fn cell(&self, row: usize, col: usize) -> u64 {
        self.cells[row * self.cols + col]
    }

    pub fn row_total(&self, row: usize) -> u64 {
        (0..self.cols).map(|col| self.cell(row, col)).sum()
    }

    pub fn col_total(&self, col: usize) -> u64 {
        (0..self.rows).map(|row| self.cell(row, col)).sum()
    }

    pub fn grand_total(&self) -> u64 {
        self.cells.iter().sum()
    }

    /// The table as it may be published: every cell and total computed from 1 up to
    /// the threshold minus one families hidden (primary suppression), and more cells
    /// hidden until no hidden one can be recovered from what is shown (complementary
    /// suppression, [`protect`]).
    pub fn publish(&self, threshold: Threshold) -> PublishedTable {
        let grid = Grid::of(self);
        let mut hidden: Vec<bool> = grid.values.iter().map(|&v| threshold.hides(v)).collect();
        protect(&grid, &mut hidden);
        let shown = |row: usize, col: usize| {
            let at = grid.at(row, col);
            if hidden[at] {
                Shown::Suppressed
            } else {
                Shown::Value(grid.values[at])
            }
        };
        PublishedTable {
            rows: self.rows,
            cols: self.cols,
            cells: (0..self.rows)
                .flat_map(|row| (0..self.cols).map(move |col| (row, col)))
                .map(|(row, col)| shown(row, col))
                .collect(),
            row_totals: (0..self.rows).map(|row| shown(row, self.cols)).collect(),
            col_totals: (0..self.cols).map(|col| shown(self.rows, col)).collect(),
            grand_total: shown(self.rows, self.cols),
        }
    }
}

/// A [`CountTable`] after suppression: what the page, the CSV and the JSON show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedTable {
    rows: usize,
    cols: usize,
    cells: Vec<Shown<u64>>,
    row_totals: Vec<Shown<u64>>,
    col_totals: Vec<Shown<u64>>,
    grand_total: Shown<u64>,
}

impl PublishedTable {
    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn cols(&self) -> usize {
        self.cols
    }

    pub fn cell(&self, row: usize, col: usize) -> Shown<u64> {
        self.cells[row * self.cols + col]
    }

    pub fn row_total(&self, row: usize) -> Shown<u64> {
        self.row_totals[row]
    }

    pub fn col_total(&self, col: usize) -> Shown<u64> {
        self.col_totals[col]
    }

    pub fn grand_total(&self) -> Shown<u64> {
        self.grand_total
    }

    /// Whether anything is hidden: then a custom period must snap to whole months
    /// ([`snap_period`]).
    pub fn has_suppressed(&self) -> bool {
        self.cells
            .iter()
            .chain(&self.row_totals)
            .chain(&self.col_totals)
            .chain(std::iter::once(&self.grand_total))
            .any(Shown::is_suppressed)
    }
}

/// The table with its totals as one (rows+1) × (cols+1) grid: the row totals are the
/// last column, the column totals the last row, the grand total the corner. In this
/// grid every line (row or column) states one equation: its last entry is the sum of
/// the others. So a hidden entry is recoverable from one line exactly when it is that
/// line's only hidden entry, and the rule can treat cells and totals alike.
pub(crate) struct Grid {
    pub(crate) height: usize,
    pub(crate) width: usize,
    pub(crate) values: Vec<u64>,
}

impl Grid {
    fn of(table: &CountTable) -> Grid {
        let (height, width) = (table.rows + 1, table.cols + 1);
        let mut values = vec![0; height * width];
        for row in 0..table.rows {
            for col in 0..table.cols {
                values[row * width + col] = table.cell(row, col);
            }
            values[row * width + table.cols] = table.row_total(row);
        }
        for col in 0..table.cols {
            values[table.rows * width + col] = table.col_total(col);
        }
        values[table.rows * width + table.cols] = table.grand_total();
        Grid {
            height,
            width,
            values,
        }
    }

    pub(crate) fn at(&self, row: usize, col: usize) -> usize {
        row * self.width + col
    }

    /// Which unhidden entry to hide as a complement: the smallest, so the least
    /// information is lost; a non-zero one before a zero (a zero complement adds no
    /// room to move, and with the knowledge that counts are never negative it can let
    /// the hidden cell be recovered after all); an inner cell before a total, a total
    /// before the grand total. Ties go to the first in reading order, so the outcome is
    /// deterministic.
    fn preference(&self, at: usize) -> (bool, u64, u8) {
        let (row, col) = (at / self.width, at % self.width);
        let totals = u8::from(row + 1 == self.height) + u8::from(col + 1 == self.width);
        (self.values[at] == 0, self.values[at], totals)
    }

    fn best(&self, hidden: &[bool], candidates: impl Iterator<Item = usize>) -> Option<usize> {
        candidates
            .filter(|&at| !hidden[at])
            .min_by_key(|&at| self.preference(at))
    }
}

/// Complementary suppression: hides more entries of `grid` until no hidden entry is
/// determined by the published equations (each line of the grid sums). Two steps,
/// repeated until neither adds anything:
///
/// 1. **Lines**: a row or column with exactly one hidden entry gives it away, so the
///    smallest other entry of that line is hidden too.
/// 2. **Chains**: with two or more hidden entries in every line, a hidden entry can
///    still be recovered by combining lines (two separate rectangles of hidden cells
///    joined by one hidden cell: that cell is their difference). Seen as a graph with
///    the grid's rows and columns as nodes and the hidden entries as edges, an entry is
///    determined exactly when its edge is a bridge (it lies on no cycle). For a bridge,
///    the smallest entry joining its two sides is hidden, which closes a cycle.
///
/// Ends because each round hides one more entry; at worst everything is hidden, and a
/// grid of at least 2 × 2 with everything hidden has no bridge.
pub(crate) fn protect(grid: &Grid, hidden: &mut [bool]) {
    loop {
        if let Some(at) = line_complement(grid, hidden).or_else(|| bridge_complement(grid, hidden))
        {
            hidden[at] = true;
        } else {
            return;
        }
    }
}

fn line_complement(grid: &Grid, hidden: &[bool]) -> Option<usize> {
    let rows = (0..grid.height).map(|row| {
        (0..grid.width)
            .map(|col| grid.at(row, col))
            .collect::<Vec<_>>()
    });
    let cols = (0..grid.width).map(|col| {
        (0..grid.height)
            .map(|row| grid.at(row, col))
            .collect::<Vec<_>>()
    });
    rows.chain(cols)
        .filter(|line| line.iter().filter(|&&at| hidden[at]).count() == 1)
        .find_map(|line| grid.best(hidden, line.into_iter()))
}

/// Nodes: grid rows `0..height`, grid columns `height..height + width`; edges: the
/// hidden entries, named by their index in the grid.
fn adjacency(grid: &Grid, hidden: &[bool]) -> Vec<Vec<(usize, usize)>> {
    let mut adjacent = vec![Vec::new(); grid.height + grid.width];
    for (at, _) in hidden.iter().enumerate().filter(|(_, hidden)| **hidden) {
        let (row, col) = (at / grid.width, grid.height + at % grid.width);
        adjacent[row].push((col, at));
        adjacent[col].push((row, at));
    }
    adjacent
}

fn bridge_complement(grid: &Grid, hidden: &[bool]) -> Option<usize> {
    let adjacent = adjacency(grid, hidden);
    for bridge in bridges(&adjacent) {
        let (row, col) = (bridge / grid.width, grid.height + bridge % grid.width);
        let row_side = reachable(&adjacent, row, bridge);
        let col_side = reachable(&adjacent, col, bridge);
        // An entry in a row of the column's side and a column of the row's side joins
        // the two sides: with the bridge it closes a cycle.
        let joining = (0..grid.height)
            .filter(|&r| col_side[r])
            .flat_map(|r| {
                (0..grid.width)
                    .filter(|&c| row_side[grid.height + c])
                    .map(move |c| (r, c))
            })
            .map(|(r, c)| grid.at(r, c));
        if let Some(at) = grid.best(hidden, joining) {
            return Some(at);
        }
    }
    None
}

/// The nodes reachable from `start` without crossing edge `skip`.
fn reachable(adjacent: &[Vec<(usize, usize)>], start: usize, skip: usize) -> Vec<bool> {
    let mut seen = vec![false; adjacent.len()];
    let mut stack = vec![start];
    seen[start] = true;
    while let Some(node) = stack.pop() {
        for &(next, edge) in &adjacent[node] {
            if edge != skip && !seen[next] {
                seen[next] = true;
                stack.push(next);
            }
        }
    }
    seen
}

/// The bridges of the graph (Tarjan's low-link, iteratively so a large table cannot
/// overflow the stack), in the order found.
fn bridges(adjacent: &[Vec<(usize, usize)>]) -> Vec<usize> {
    let n = adjacent.len();
    let mut order = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut found = Vec::new();
    let mut counter = 0;
    for root in 0..n {
        if order[root] != usize::MAX {
            continue;
        }
        order[root] = counter;
        low[root] = counter;
        counter += 1;
        // (node, the edge we came in by, next neighbour to look at)
        let mut stack = vec![(root, usize::MAX, 0usize)];
        while let Some(&mut (node, via, ref mut next)) = stack.last_mut() {
            if let Some(&(child, edge)) = adjacent[node].get(*next) {
                *next += 1;
                if edge == via {
                    continue;
                }
                if order[child] == usize::MAX {
                    order[child] = counter;
                    low[child] = counter;
                    counter += 1;
                    stack.push((child, edge, 0));
                } else {
                    low[node] = low[node].min(order[child]);
                }
            } else {
                stack.pop();
                if let Some(&(parent, _, _)) = stack.last() {
                    low[parent] = low[parent].min(low[node]);
                    if low[node] > order[parent] {
                        found.push(via);
                    }
                }
            }
        }
    }
    found
}

/// The period to report on: a custom period (`from` and `to` inclusive) snaps outwards
/// to whole months when its table has a small (hidden) cell, so that two custom
/// periods differing by a day or two cannot be subtracted to reveal the families of
/// those days; without small cells the period stays as asked. The caller computes the
/// table for the period asked, snaps if [`PublishedTable::has_suppressed`], computes
/// again for the snapped period and says which period it shows. Snapping keeps the
/// order of `from` and `to`; checking that order is the caller's.
pub fn snap_period(from: Date, to: Date, small: bool) -> (Date, Date) {
    if small {
        (from.first_of_month(), to.last_of_month())
    } else {
        (from, to)
    }
}

#[cfg(test)]
#[path = "suppression_tests.rs"]
mod tests;
