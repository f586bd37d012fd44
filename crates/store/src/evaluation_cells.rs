//! The evaluation's month cells (the domain's `report::cells`): written in the
//! transaction that rewrites a family's rows and organisations, read by a report over
//! whole months, for every organisation or for one (a team lead's).
//!
//! A key column cannot be NULL, so "every organisation", "no area", "any row" and "no
//! previous month" are stored as ''.

use std::collections::BTreeMap;

use eenplan_domain::evaluation::report::{
    AreaFilter, Cell, Counts, FamilyOrganisations, Metric, MetricRow, cells_of,
};
use jiff::civil::Date;

use crate::consent::placeholders;
use crate::db::stored_date;
use crate::{Param, Row, StoreError, Tx, params};

/// Bound parameters per statement ([`crate::db::PARAMS_PER_STATEMENT`]).
const MAX_PARAMS: usize = crate::db::PARAMS_PER_STATEMENT;
/// Families read per page while filling the cells of an existing database.
const FILL_PAGE: i64 = 2_000;
/// Cells added up in memory before the fill writes them (some tens of megabytes).
const FILL_CELLS: usize = 200_000;

fn none_as_empty(text: Option<&str>) -> &str {
    text.unwrap_or("")
}

fn empty_as_none(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

fn metric(text: &str) -> Result<Metric, StoreError> {
    text.parse()
        .map_err(|e| StoreError::Invalid(format!("evaluation metric: {e}")))
}

/// A family cell's metric: '' is any row.
fn family_metric(code: &str) -> Result<Option<Metric>, StoreError> {
    if code.is_empty() {
        Ok(None)
    } else {
        metric(code).map(Some)
    }
}

/// A value cell as the store reads it, with its count.
fn value_cell(r: &Row) -> Result<(Cell, i64), StoreError> {
    Ok((
        Cell::Value {
            organisation_id: empty_as_none(r.text("organisation_id")?),
            metric: metric(&r.text("metric")?)?,
            area_id: empty_as_none(r.text("area_id")?),
            month: stored_date(&r.text("month")?)?,
            value: r.int("value")?,
        },
        r.int("n")?,
    ))
}

/// One evaluation row as the store reads it.
pub(crate) fn metric_row(r: &Row) -> Result<MetricRow, StoreError> {
    Ok(MetricRow {
        family_id: r.text("family_id")?,
        metric: metric(&r.text("metric")?)?,
        item: r.text("item")?,
        on: stored_date(&r.text("on_date")?)?,
        area_id: r.opt_text("area_id")?,
        value: r.opt_int("value")?,
    })
}

impl Tx {
    /// Adds `changes` (in cell order, as `report::cell_changes` gives them) to the
    /// kept cells. A cell that drops to 0 stays, counting nothing: it is deleted by
    /// the next rebuild, and keeping it spares a second statement per change.
    pub(crate) async fn change_cells(&mut self, changes: &[(Cell, i64)]) -> Result<(), StoreError> {
        let mut values = Vec::new();
        let mut families = Vec::new();
        for (cell, n) in changes {
            match cell {
                Cell::Value {
                    organisation_id,
                    metric,
                    area_id,
                    month,
                    value,
                } => values.push(params![
                    none_as_empty(organisation_id.as_deref()),
                    month.to_string(),
                    none_as_empty(area_id.as_deref()),
                    metric.code(),
                    *value,
                    *n
                ]),
                Cell::Family {
                    organisation_id,
                    metric,
                    area_id,
                    month,
                    previous,
                } => families.push(params![
                    none_as_empty(organisation_id.as_deref()),
                    month.to_string(),
                    none_as_empty(area_id.as_deref()),
                    metric.map_or("", |m| m.code()),
                    previous.map(|p| p.to_string()).unwrap_or_default(),
                    *n
                ]),
            }
        }
        self.add_to_cells("evaluation_value_cells", "value", values)
            .await?;
        self.add_to_cells("evaluation_family_cells", "previous", families)
            .await
    }

    /// Multi-row upserts of `(organisation_id, month, area_id, metric, <last key>, n)`
    /// that add `n`.
    async fn add_to_cells(
        &mut self,
        table: &str,
        last_key: &str,
        rows: Vec<Vec<Param>>,
    ) -> Result<(), StoreError> {
        const WIDTH: usize = 6;
        for chunk in rows.chunks(MAX_PARAMS / WIDTH) {
            let values = (0..chunk.len())
                .map(|r| {
                    let cells = (1..=WIDTH)
                        .map(|c| format!("${}", r * WIDTH + c))
                        .collect::<Vec<_>>()
                        .join(", ");
                    format!("({cells})")
                })
                .collect::<Vec<_>>()
                .join(", ");
            self.execute(
                &format!(
                    "INSERT INTO {table} (organisation_id, month, area_id, metric, {last_key}, n) \
                     VALUES {values} \
                     ON CONFLICT (organisation_id, month, area_id, metric, {last_key}) \
                     DO UPDATE SET n = {table}.n + excluded.n"
                ),
                chunk.iter().flatten().cloned().collect(),
            )
            .await?;
        }
        Ok(())
    }

    /// Every kept cell that counts something, in cell order: for checks and tests.
    pub async fn evaluation_cells(&mut self) -> Result<BTreeMap<Cell, i64>, StoreError> {
        let mut cells = BTreeMap::new();
        for r in self
            .fetch_all(
                "SELECT organisation_id, month, area_id, metric, value, n \
                 FROM evaluation_value_cells WHERE n <> 0",
                vec![],
            )
            .await?
        {
            let (cell, n) = value_cell(&r)?;
            cells.insert(cell, n);
        }
        for r in self
            .fetch_all(
                "SELECT organisation_id, month, area_id, metric, previous, n \
                 FROM evaluation_family_cells WHERE n <> 0",
                vec![],
            )
            .await?
        {
            cells.insert(
                Cell::Family {
                    organisation_id: empty_as_none(r.text("organisation_id")?),
                    metric: family_metric(&r.text("metric")?)?,
                    area_id: empty_as_none(r.text("area_id")?),
                    month: stored_date(&r.text("month")?)?,
                    previous: empty_as_none(r.text("previous")?)
                        .map(|p| stored_date(&p))
                        .transpose()?,
                },
                r.int("n")?,
            );
        }
        Ok(cells)
    }

    /// The counts of the whole months from `from`'s month to `to`'s month, for
    /// `areas` and the families of `organisation` (`None`: every family), from the
    /// cells (`Counts::from_cells` over the cells of the period), searched by the
    /// organisation and the months their keys lead with.
    pub(crate) async fn counts_from_cells(
        &mut self,
        from: Date,
        to: Date,
        areas: &AreaFilter,
        organisation: Option<&str>,
    ) -> Result<Counts, StoreError> {
        let (first, last) = (from.first_of_month(), to.first_of_month());
        let period = params![
            first.to_string(),
            last.to_string(),
            none_as_empty(organisation)
        ];
        let mut cells: Vec<(Cell, i64)> = Vec::new();
        // The area filter is applied by `from_cells`: the cells of one period are few.
        for r in self
            .fetch_all(
                "SELECT organisation_id, month, area_id, metric, value, n \
                 FROM evaluation_value_cells \
                 WHERE organisation_id = $3 AND month >= $1 AND month <= $2 AND n > 0",
                period.clone(),
            )
            .await?
        {
            cells.push(value_cell(&r)?);
        }
        // Only a family's first month in the period counts it (previous before it).
        for r in self
            .fetch_all(
                "SELECT area_id, metric, CAST(SUM(n) AS BIGINT) AS n FROM evaluation_family_cells \
                 WHERE organisation_id = $3 AND month >= $1 AND month <= $2 AND previous < $1 \
                 GROUP BY area_id, metric",
                period,
            )
            .await?
        {
            cells.push((
                Cell::Family {
                    organisation_id: organisation.map(str::to_owned),
                    metric: family_metric(&r.text("metric")?)?,
                    area_id: empty_as_none(r.text("area_id")?),
                    month: first,
                    previous: None,
                },
                r.int("n")?,
            ));
        }
        Ok(Counts::from_cells(
            cells.iter().map(|(c, n)| (c, *n)),
            from,
            to,
            areas,
            organisation,
        ))
    }

    /// The organisations of `families` as kept (`evaluation_family_organisations`):
    /// what their cells are counted under besides every organisation.
    pub(crate) async fn family_organisations(
        &mut self,
        families: &[String],
    ) -> Result<FamilyOrganisations, StoreError> {
        let mut organisations = FamilyOrganisations::new();
        for chunk in families.chunks(MAX_PARAMS) {
            for r in self
                .fetch_all(
                    &format!(
                        "SELECT family_id, organisation_id FROM evaluation_family_organisations \
                         WHERE family_id IN ({})",
                        placeholders(chunk.len())
                    ),
                    chunk.iter().map(Param::from).collect(),
                )
                .await?
            {
                organisations
                    .entry(r.text("family_id")?)
                    .or_default()
                    .insert(r.text("organisation_id")?);
            }
        }
        Ok(organisations)
    }

    /// Fills the cells from the rows and organisations already kept (the migration
    /// that makes them with the organisation key), families page by page so memory
    /// stays bounded.
    ///
    /// The cells of every page are added up in memory and written when many are
    /// waiting, not after each page: a cell is in nearly every page's changes (a month
    /// of an area), and PostgreSQL keeps every version of a row rewritten in one
    /// transaction, each later rewrite walking them all. Written per page, the fill
    /// of a million families ran for more than 15 minutes without an end in sight.
    pub(crate) async fn fill_evaluation_cells(&mut self) -> Result<(), StoreError> {
        let mut after = String::new();
        let mut pending: BTreeMap<Cell, i64> = BTreeMap::new();
        loop {
            let families: Vec<String> = self
                .fetch_all(
                    "SELECT DISTINCT family_id FROM evaluation_rows WHERE family_id > $1 \
                     ORDER BY family_id LIMIT $2",
                    params![after.as_str(), FILL_PAGE],
                )
                .await?
                .iter()
                .map(|r| r.text("family_id"))
                .collect::<Result<_, _>>()?;
            let Some(last) = families.last() else {
                break;
            };
            after = last.clone();
            for chunk in families.chunks(MAX_PARAMS) {
                let rows: Vec<MetricRow> = self
                    .fetch_all(
                        &format!(
                            "SELECT family_id, metric, item, on_date, area_id, value \
                             FROM evaluation_rows WHERE family_id IN ({})",
                            placeholders(chunk.len())
                        ),
                        chunk.iter().map(Param::from).collect(),
                    )
                    .await?
                    .iter()
                    .map(metric_row)
                    .collect::<Result<_, _>>()?;
                let organisations = self.family_organisations(chunk).await?;
                for (cell, n) in cells_of(&rows, &organisations) {
                    *pending.entry(cell).or_default() += n;
                }
            }
            if pending.len() >= FILL_CELLS {
                let changes: Vec<(Cell, i64)> = std::mem::take(&mut pending).into_iter().collect();
                self.change_cells(&changes).await?;
            }
        }
        let changes: Vec<(Cell, i64)> = pending.into_iter().collect();
        self.change_cells(&changes).await
    }
}
