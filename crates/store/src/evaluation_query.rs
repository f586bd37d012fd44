//! The evaluation's aggregate query (issue 16 §3, "fast at national size").
//!
//! Medians cannot be added up from monthly figures, so the query reads how many rows
//! have each value per metric, area and month (day counts have a small range, so these
//! histograms are small whatever the number of families) and how many distinct
//! families each metric and area has; the domain's `report::evaluate` computes the
//! exact percentiles and the suppression from those counts. Both are index-only scans
//! of `evaluation_rows` over the period asked.

use std::collections::BTreeMap;

use eenplan_domain::evaluation::pilot::AreaPilot;
use eenplan_domain::evaluation::report::{
    AreaFilter, Counts, Evaluation, EvaluationQuery, FamilyCount, Metric, ValueCount, evaluate,
    publishable, whole_months,
};
use jiff::civil::Date;

use crate::db::stored_date;
use crate::{Param, Store, StoreError, Tx};

/// The `WHERE` of a query's rows (period, areas, organisation) and its parameters.
fn conditions(query: &EvaluationQuery, from: Date, to: Date) -> (String, Vec<Param>) {
    let mut args: Vec<Param> = vec![from.to_string().into(), to.to_string().into()];
    let mut sql = "r.on_date >= $1 AND r.on_date <= $2".to_owned();
    let list = |areas: &[String], args: &mut Vec<Param>| {
        let start = args.len();
        args.extend(areas.iter().map(Param::from));
        (start + 1..=args.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &query.areas {
        AreaFilter::All => {}
        AreaFilter::Within(areas) if areas.is_empty() => sql.push_str(" AND 1 = 0"),
        AreaFilter::Within(areas) => {
            let l = list(areas, &mut args);
            sql.push_str(&format!(" AND r.area_id IN ({l})"));
        }
        AreaFilter::Outside(areas) if areas.is_empty() => {}
        AreaFilter::Outside(areas) => {
            let l = list(areas, &mut args);
            sql.push_str(&format!(
                " AND (r.area_id IS NULL OR r.area_id NOT IN ({l}))"
            ));
        }
    }
    if let Some(organisation) = &query.organisation {
        args.push(organisation.into());
        sql.push_str(&format!(
            " AND r.family_id IN (SELECT o.family_id FROM evaluation_family_organisations o \
             WHERE o.organisation_id = ${})",
            args.len()
        ));
    }
    (sql, args)
}

fn metric(text: &str) -> Result<Metric, StoreError> {
    text.parse()
        .map_err(|e| StoreError::Invalid(format!("evaluation_rows.metric: {e}")))
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl Tx {
    /// The counts `report::evaluate` needs, for the rows of `query` between `from` and
    /// `to` (inclusive).
    pub async fn evaluation_counts(
        &mut self,
        query: &EvaluationQuery,
        from: Date,
        to: Date,
    ) -> Result<Counts, StoreError> {
        let (cond, args) = conditions(query, from, to);
        let values = self
            .fetch_all(
                &format!(
                    "SELECT r.metric, r.area_id, SUBSTR(r.on_date, 1, 7) AS month, r.value, \
                     COUNT(*) AS n FROM evaluation_rows r WHERE r.value IS NOT NULL AND {cond} \
                     GROUP BY r.metric, r.area_id, SUBSTR(r.on_date, 1, 7), r.value"
                ),
                args.clone(),
            )
            .await?
            .iter()
            .map(|r| {
                Ok(ValueCount {
                    metric: metric(&r.text("metric")?)?,
                    area_id: r.opt_text("area_id")?,
                    month: stored_date(&format!("{}-01", r.text("month")?))?,
                    value: r.int("value")?,
                    rows: count(r.int("n")?),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let mut families = self
            .fetch_all(
                &format!(
                    "SELECT r.metric, r.area_id, COUNT(DISTINCT r.family_id) AS n \
                     FROM evaluation_rows r WHERE r.value IS NOT NULL AND {cond} \
                     GROUP BY r.metric, r.area_id"
                ),
                args.clone(),
            )
            .await?
            .iter()
            .map(|r| {
                Ok(FamilyCount {
                    metric: Some(metric(&r.text("metric")?)?),
                    area_id: r.opt_text("area_id")?,
                    families: count(r.int("n")?),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        for r in self
            .fetch_all(
                &format!(
                    "SELECT r.area_id, COUNT(DISTINCT r.family_id) AS n \
                     FROM evaluation_rows r WHERE {cond} GROUP BY r.area_id"
                ),
                args,
            )
            .await?
        {
            families.push(FamilyCount {
                metric: None,
                area_id: r.opt_text("area_id")?,
                families: count(r.int("n")?),
            });
        }
        Ok(Counts { values, families })
    }
}

impl Store {
    /// The evaluation `query` asks for, compared for `pilots`: every figure suppressed
    /// by the domain's rules, and the period widened to whole months when a figure is
    /// small (`report::publishable`). A period ending before it starts is refused.
    pub async fn evaluation(
        &self,
        query: &EvaluationQuery,
        pilots: &[AreaPilot],
    ) -> Result<Evaluation, StoreError> {
        if query.to < query.from {
            return Err(StoreError::Invalid(
                "the period ends before it starts".to_owned(),
            ));
        }
        let mut tx = self.snapshot().await?;
        let names: BTreeMap<String, String> = tx
            .fetch_all("SELECT id, name FROM areas", vec![])
            .await?
            .iter()
            .map(|r| Ok((r.text("id")?, r.text("name")?)))
            .collect::<Result<_, StoreError>>()?;
        let counts = tx.evaluation_counts(query, query.from, query.to).await?;
        let asked = evaluate(&counts, query, false, pilots, &names);
        let months = match whole_months(query.from, query.to) {
            Some((from, to)) => {
                let months = EvaluationQuery {
                    from,
                    to,
                    ..query.clone()
                };
                let counts = tx.evaluation_counts(&months, from, to).await?;
                Some(evaluate(&counts, &months, true, pilots, &names))
            }
            None => None,
        };
        let answer = publishable(asked, months);
        Ok(answer)
    }
}
