//! The evaluation's aggregate query (issue 16 §3, "fast at national size").
//!
//! Medians cannot be added up from monthly figures, so the query reads how many rows
//! have each value per metric, area and month (day counts have a small range, so these
//! histograms are small whatever the number of families) and how many distinct
//! families each metric and area has; the domain's `report::evaluate` computes the
//! exact percentiles and the suppression from those counts. The whole months of the
//! period come from the month cells (`evaluation_cells`), whose size does not grow
//! with the number of families, every organisation's or one organisation's (a team
//! lead's), and only the days before and after them (at most two partial months) from
//! `evaluation_rows`, of the organisation's families if one is asked, counting the
//! families that the rest of the period does not.

use std::collections::BTreeMap;

use eenplan_domain::evaluation::pilot::AreaPilot;
use eenplan_domain::evaluation::report::{
    AreaFilter, ConsultationCount, Counts, Evaluation, EvaluationQuery, FamilyCount, Metric,
    PeriodParts, ValueCount, evaluate, publishable, whole_months,
};
use jiff::civil::Date;

use crate::db::stored_date;
use crate::{Backend, Param, Store, StoreError, Tx};

/// `AND <column> …` for an area filter, its area ids appended to `args`.
fn area_condition(column: &str, areas: &AreaFilter, args: &mut Vec<Param>) -> String {
    let mut list = |areas: &[String]| {
        let start = args.len();
        args.extend(areas.iter().map(Param::from));
        (start + 1..=args.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match areas {
        AreaFilter::All => String::new(),
        AreaFilter::Within(areas) if areas.is_empty() => " AND 1 = 0".to_owned(),
        AreaFilter::Within(areas) => format!(" AND {column} IN ({})", list(areas)),
        AreaFilter::Outside(areas) if areas.is_empty() => String::new(),
        AreaFilter::Outside(areas) => format!(
            " AND ({column} IS NULL OR {column} NOT IN ({}))",
            list(areas)
        ),
    }
}

/// The `WHERE` of a query's rows (period, areas, organisation) and its parameters.
fn conditions(query: &EvaluationQuery, from: Date, to: Date) -> (String, Vec<Param>) {
    let mut args: Vec<Param> = vec![from.to_string().into(), to.to_string().into()];
    let mut sql = "r.on_date >= $1 AND r.on_date <= $2".to_owned();
    sql.push_str(&area_condition("r.area_id", &query.areas, &mut args));
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
    /// `to` (inclusive). The whole months come from the month cells, of every
    /// organisation (the region-year of issue 16 §3) or of the organisation asked (a
    /// team lead's, issue 18), and only the days before and after them from the rows
    /// (`PeriodParts`), so the rows read are at most two months' whatever the period.
    pub async fn evaluation_counts(
        &mut self,
        query: &EvaluationQuery,
        from: Date,
        to: Date,
    ) -> Result<Counts, StoreError> {
        let parts = PeriodParts::of(from, to);
        let mut counts = Vec::new();
        if let Some((first, last)) = parts.months {
            let organisation = query.organisation.as_deref();
            counts.push(
                self.counts_from_cells(first, last, &query.areas, organisation)
                    .await?,
            );
        }
        for ((start, end), counted) in parts.edges() {
            counts.push(self.row_counts(query, start, end, counted).await?);
        }
        let mut counts = Counts::of_parts(counts);
        counts.consultations = self.consultation_counts(query, from, to).await?;
        Ok(counts)
    }

    /// The counts of `query` between `from` and `to` from the rows alone: the
    /// reference the contract tests hold [`Tx::evaluation_counts`] equal to.
    pub async fn evaluation_counts_from_rows(
        &mut self,
        query: &EvaluationQuery,
        from: Date,
        to: Date,
    ) -> Result<Counts, StoreError> {
        let mut counts = self.row_counts(query, from, to, None).await?;
        counts.consultations = self.consultation_counts(query, from, to).await?;
        Ok(counts)
    }

    /// The rows' counts between `from` and `to`; with `counted`, only the families
    /// that have no row of the same metric (or any row) and area in those days, which
    /// another part of the period counts (`PeriodParts::edges`), looked up per row of the
    /// part by the family and the days (`evaluation_rows_family_days`): a few index
    /// entries per row of the part, never the rest of the period's rows.
    async fn row_counts(
        &mut self,
        query: &EvaluationQuery,
        from: Date,
        to: Date,
        counted: Option<(Date, Date)>,
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
        // A family's rows in the counted days, by `evaluation_rows_family_days`, once
        // per row of this part. A scalar subquery, not NOT EXISTS: PostgreSQL turns NOT
        // EXISTS into an anti-join that reads every row of the counted days (the rest
        // of the year, for an edge of a year). SQLite would rather search the metric's
        // rows of those days on `evaluation_rows_query` (for every row of the part), so
        // there the metric is kept out of its choice of index with a unary `+`.
        let same = match self.backend() {
            Backend::Sqlite => "+x.metric",
            Backend::Postgres => "x.metric",
        };
        let new = |same_metric: bool, args: &mut Vec<Param>| match counted {
            None => String::new(),
            Some((start, end)) => {
                args.push(start.to_string().into());
                args.push(end.to_string().into());
                let (s, e) = (args.len() - 1, args.len());
                let metric = if same_metric {
                    format!(" AND {same} = r.metric AND x.value IS NOT NULL")
                } else {
                    String::new()
                };
                format!(
                    " AND (SELECT 1 FROM evaluation_rows x \
                     WHERE x.family_id = r.family_id{metric} \
                     AND x.on_date >= ${s} AND x.on_date <= ${e} \
                     AND (x.area_id = r.area_id OR (x.area_id IS NULL AND r.area_id IS NULL)) \
                     LIMIT 1) IS NULL"
                )
            }
        };
        let mut metric_args = args.clone();
        let new_in_metric = new(true, &mut metric_args);
        let mut families = self
            .fetch_all(
                &format!(
                    "SELECT r.metric, r.area_id, COUNT(DISTINCT r.family_id) AS n \
                     FROM evaluation_rows r WHERE r.value IS NOT NULL AND {cond}{new_in_metric} \
                     GROUP BY r.metric, r.area_id"
                ),
                metric_args,
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
        let mut any_args = args;
        let new_in_area = new(false, &mut any_args);
        for r in self
            .fetch_all(
                &format!(
                    "SELECT r.area_id, COUNT(DISTINCT r.family_id) AS n \
                     FROM evaluation_rows r WHERE {cond}{new_in_area} GROUP BY r.area_id"
                ),
                any_args,
            )
            .await?
        {
            families.push(FamilyCount {
                metric: None,
                area_id: r.opt_text("area_id")?,
                families: count(r.int("n")?),
            });
        }
        Ok(Counts {
            values,
            families,
            consultations: Vec::new(),
        })
    }

    /// Held SAVE op locatie consultations per local team, by name or not and by result,
    /// on days in the period; the area filter applies to the team's area, the
    /// organisation filter to the team's organisation (an anonymous consultation has no
    /// family whose circle could be asked).
    async fn consultation_counts(
        &mut self,
        query: &EvaluationQuery,
        from: Date,
        to: Date,
    ) -> Result<Vec<ConsultationCount>, StoreError> {
        let mut args: Vec<Param> = vec![from.to_string().into(), to.to_string().into()];
        let mut cond = String::new();
        cond.push_str(&area_condition("t.area_id", &query.areas, &mut args));
        if let Some(organisation) = &query.organisation {
            args.push(organisation.into());
            cond.push_str(&format!(" AND t.organisation_id = ${}", args.len()));
        }
        self.fetch_all(
            &format!(
                "SELECT t.id AS team_id, t.name AS team_name, \
                 CAST(CASE WHEN c.family_id IS NULL THEN 0 ELSE 1 END AS BIGINT) AS named, c.result, COUNT(*) AS n \
                 FROM save_consultations c JOIN save_on_site_slots s ON s.id = c.slot_id \
                 JOIN teams t ON t.id = s.team_id \
                 WHERE c.state = 'held' AND c.result IS NOT NULL \
                 AND c.on_date >= $1 AND c.on_date <= $2{cond} \
                 GROUP BY t.id, t.name, CASE WHEN c.family_id IS NULL THEN 0 ELSE 1 END, c.result"
            ),
            args,
        )
        .await?
        .iter()
        .map(|r| {
            Ok(ConsultationCount {
                team_id: r.text("team_id")?,
                team_name: r.text("team_name")?,
                named: r.int("named")? != 0,
                result: r.code("result")?,
                consultations: count(r.int("n")?),
            })
        })
        .collect()
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
