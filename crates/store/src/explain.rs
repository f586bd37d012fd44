//! How the database answers a read (issue 18 §2): a test records the reads a store
//! function makes and asks each backend for its plan, so a query that would scan a
//! table of national size (every family, member, involvement, journal entry or access
//! line) fails a test instead of a region's morning.

use std::sync::{Arc, PoisonError};

use crate::db::Backend;
use crate::{Param, Store, StoreError, Tx};

impl Store {
    /// The same store, whose transactions record every read, for [`Store::take_reads`].
    pub fn recording_reads(&self) -> Store {
        let mut store = self.clone();
        store.recorder = Some(Arc::default());
        store
    }

    /// The reads recorded by this handle's transactions so far.
    pub fn take_reads(&self) -> Vec<(String, Vec<Param>)> {
        self.recorder
            .as_ref()
            .map(|r| std::mem::take(&mut *r.lock().unwrap_or_else(PoisonError::into_inner)))
            .unwrap_or_default()
    }
}

impl Tx {
    /// Records every read of this transaction from now on, for [`Tx::take_reads`].
    pub fn record_reads(&mut self) {
        self.reads = Some(Vec::new());
    }

    /// The reads recorded since [`Tx::record_reads`], each with its parameters.
    pub fn take_reads(&mut self) -> Vec<(String, Vec<Param>)> {
        self.reads.as_mut().map(std::mem::take).unwrap_or_default()
    }

    pub(crate) fn keep_read(&mut self, sql: &str, params: &[Param]) {
        if let Some(reads) = &mut self.reads {
            reads.push((sql.to_owned(), params.to_vec()));
        }
        if let Some(recorder) = &self.recorder {
            recorder
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((sql.to_owned(), params.to_vec()));
        }
    }

    /// The backend's plan for `sql` with `params`, one line per step: SQLite's
    /// `EXPLAIN QUERY PLAN` details ("SEARCH f USING INDEX …", "SCAN i"), PostgreSQL's
    /// `EXPLAIN` lines ("Seq Scan on involvements i", "Index Scan using …").
    pub async fn explain(
        &mut self,
        sql: &str,
        params: Vec<Param>,
    ) -> Result<Vec<String>, StoreError> {
        let reads = self.reads.take();
        let recorder = self.recorder.take();
        let plan = match self.backend() {
            Backend::Sqlite => self
                .fetch_all(&format!("EXPLAIN QUERY PLAN {sql}"), params)
                .await?
                .iter()
                .map(|r| r.text("detail"))
                .collect(),
            Backend::Postgres => self
                .fetch_all(&format!("EXPLAIN {sql}"), params)
                .await?
                .iter()
                .map(|r| r.text("QUERY PLAN"))
                .collect(),
        };
        self.reads = reads;
        self.recorder = recorder;
        plan
    }

    /// The plan a prepared statement gets once the backend plans it for every value (a
    /// generic plan), which is what a statement run many times over one connection ends
    /// up with on PostgreSQL: its planner cannot see the values then, so a condition
    /// that only a value switches on or off leaves it guessing. SQLite always plans a
    /// statement before its values are bound, so there this is [`Tx::explain`].
    pub async fn explain_generic(
        &mut self,
        sql: &str,
        params: Vec<Param>,
    ) -> Result<Vec<String>, StoreError> {
        if self.backend() == Backend::Sqlite {
            return self.explain(sql, params).await;
        }
        let values = params
            .iter()
            .map(|p| match p {
                Param::Text(Some(t)) => Ok(format!("'{}'", t.replace('\'', "''"))),
                Param::Int(Some(n)) => Ok(n.to_string()),
                Param::Text(None) | Param::Int(None) => Ok("NULL".to_owned()),
                Param::Bytes(_) => Err(StoreError::Invalid(
                    "a generic plan is explained for text and numbers only".into(),
                )),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let reads = self.reads.take();
        let recorder = self.recorder.take();
        let plan = async {
            self.execute("SET LOCAL plan_cache_mode = force_generic_plan", vec![])
                .await?;
            self.execute(&format!("PREPARE eenplan_generic AS {sql}"), vec![])
                .await?;
            let execute = if values.is_empty() {
                "EXPLAIN EXECUTE eenplan_generic".to_owned()
            } else {
                format!("EXPLAIN EXECUTE eenplan_generic({})", values.join(", "))
            };
            let plan = self
                .fetch_all(&execute, vec![])
                .await?
                .iter()
                .map(|r| r.text("QUERY PLAN"))
                .collect::<Result<Vec<_>, _>>();
            self.execute("DEALLOCATE eenplan_generic", vec![]).await?;
            self.execute("SET LOCAL plan_cache_mode = auto", vec![])
                .await?;
            plan
        }
        .await;
        self.reads = reads;
        self.recorder = recorder;
        plan
    }
}
