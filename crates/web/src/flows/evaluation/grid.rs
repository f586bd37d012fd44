//! A table of figures kept as numbers: the page reads each cell in the visitor's
//! language, the CSV writes it as a number for Excel, the JSON as a number or "<5".
//! One type for all three, so they cannot show different figures.

use crate::kit::Lang;
use crate::kit::chart::{Point, Table, decimal};
use crate::kit::csv::Field;

/// One figure in a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// A value with this many decimals.
    Number(f64, usize),
    /// Fewer than the threshold's families: "<5".
    Hidden,
    /// Nothing to show (no family at all).
    Missing,
}

impl Cell {
    pub fn point(self) -> Point {
        match self {
            Cell::Number(v, _) => Point::Value(v),
            Cell::Hidden => Point::Hidden,
            Cell::Missing => Point::Missing,
        }
    }

    pub(super) fn read(self, lang: Lang, threshold: u32) -> String {
        match self {
            Cell::Number(v, places) => decimal(lang, v, places),
            Cell::Hidden => format!("<{threshold}"),
            Cell::Missing => crate::kit::chart::chart_texts(lang).none.to_owned(),
        }
    }

    pub(super) fn field(self, threshold: u32) -> Field {
        match self {
            Cell::Number(v, 0) => Field::Integer(v.round() as i64),
            Cell::Number(v, places) => Field::Decimal(v, places),
            Cell::Hidden => Field::Hidden(threshold),
            Cell::Missing => Field::Empty,
        }
    }
}

/// A table of figures: caption, the header of the row names, column headers, rows.
#[derive(Debug, Clone)]
pub struct Grid {
    /// A stable name for programs (the JSON's `id`): "headline", "lead_times".
    pub id: &'static str,
    pub caption: String,
    pub corner: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

/// One row of a [`Grid`]: a stable key for programs (a metric's or area's code or id),
/// its name as a person reads it, its cells.
#[derive(Debug, Clone)]
pub struct Row {
    pub key: String,
    pub name: String,
    pub cells: Vec<Cell>,
}

impl Grid {
    pub(super) fn table(&self, lang: Lang, threshold: u32) -> Table {
        Table {
            caption: self.caption.clone(),
            corner: self.corner.clone(),
            columns: self.columns.clone(),
            rows: self
                .rows
                .iter()
                .map(|row| {
                    (
                        row.name.clone(),
                        row.cells.iter().map(|c| c.read(lang, threshold)).collect(),
                    )
                })
                .collect(),
        }
    }
}
