//! The evaluation's JSON body and its schema: the tables the page shows, with numbers
//! as numbers and a hidden figure as the string "<5", exactly as in the page and CSV.

use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use utoipa::openapi::schema::{Object, ObjectBuilder, OneOfBuilder, Type};

use super::grid::Cell;
use super::texts::EvaluationTexts;
use super::view::View;

/// The figures of one period, already suppressed.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Evaluation)]
pub struct EvaluationBody {
    /// True on a demo database: the figures are simulated, never the pilots' results.
    synthetic: bool,
    /// "Synthetische gegevens" on a demo database; null otherwise.
    notice: Option<&'static str>,
    period: PeriodBody,
    /// A figure computed from fewer families than this is "<threshold".
    threshold: u32,
    tables: Vec<TableBody>,
}

/// The period the figures are for; `snapped` when a period with small numbers was
/// widened to whole months (so two periods cannot be subtracted).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = EvaluationPeriod)]
pub struct PeriodBody {
    /// First day, YYYY-MM-DD.
    from: String,
    /// Last day (inclusive), YYYY-MM-DD.
    to: String,
    snapped: bool,
}

/// One table of figures.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = EvaluationTable)]
pub struct TableBody {
    /// Stable name of the table: headline, lead_times, handovers_per_area, pilot_…, counts_….
    id: &'static str,
    title: String,
    row_header: String,
    columns: Vec<String>,
    rows: Vec<RowBody>,
}

/// One row: a stable key (a metric's code, an area's id, a month as YYYY-MM), its name
/// and a figure per column.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = EvaluationRow)]
pub struct RowBody {
    key: String,
    name: String,
    #[schema(schema_with = figures)]
    values: Vec<Value>,
}

/// A figure: a number, the string "<5" when hidden, or null when there is nothing.
fn figures() -> utoipa::openapi::schema::Array {
    let hidden: Object = ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(
            "Hidden: computed from fewer families than the threshold",
        ))
        .pattern(Some("^<[0-9]+$"))
        .build();
    let one = OneOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(Type::Number).build())
        .item(hidden)
        .item(ObjectBuilder::new().schema_type(Type::Null).build());
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(one)
        .build()
}

fn value(cell: Cell, threshold: u32) -> Value {
    match cell {
        // A whole figure (a count, days, a percentage) as an integer: `6`, not `6.0`.
        Cell::Number(v, 0) if v.fract() == 0.0 && v.abs() < 9.0e15 => Value::from(v as i64),
        Cell::Number(v, _) => serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number),
        Cell::Hidden => Value::String(format!("<{threshold}")),
        Cell::Missing => Value::Null,
    }
}

impl EvaluationBody {
    pub fn of(synthetic: bool, view: &View) -> Self {
        EvaluationBody {
            synthetic,
            notice: synthetic.then(|| EvaluationTexts::both(|x| x.synthetic).0),
            period: PeriodBody {
                from: view.from.to_string(),
                to: view.to.to_string(),
                snapped: view.snapped,
            },
            threshold: view.threshold,
            tables: view
                .grids
                .iter()
                .map(|g| TableBody {
                    id: g.id,
                    title: g.caption.clone(),
                    row_header: g.corner.clone(),
                    columns: g.columns.clone(),
                    rows: g
                        .rows
                        .iter()
                        .map(|r| RowBody {
                            key: r.key.clone(),
                            name: r.name.clone(),
                            values: r.cells.iter().map(|c| value(*c, view.threshold)).collect(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
