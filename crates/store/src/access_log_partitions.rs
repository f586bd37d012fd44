//! The access log's month partitions on PostgreSQL (issue 18 §4). At peak the log grows
//! by hundreds of millions of lines a year; partitioned by month, a filter on a period
//! reads only its months, and a cut of whole months drops their tables instead of
//! deleting their lines one by one (`access_log_cut`). SQLite keeps one table: every
//! function here does nothing there.
//!
//! A month is a Dutch month, bounded by its first midnight in Amsterdam: the days a cut
//! counts in (`--before 2027-01`), so a cut on a month boundary covers whole partitions.
//! The store makes the partitions of this month and the next [`MONTHS_AHEAD`] at every
//! start-up and with the reminders' runs, so lines do not land in the DEFAULT partition
//! in normal operation; a line that does is still written and kept.

use eenplan_domain::UtcTime;
use eenplan_domain::time::{amsterdam_date, amsterdam_day_start};
use jiff::ToSpan;
use jiff::civil::Date;

use crate::{Backend, Store, StoreError, Tx, params};

/// Months made ahead of the current one: a month's first line never waits for a
/// partition, and the server may be down for weeks without lines landing in DEFAULT.
pub const MONTHS_AHEAD: i32 = 3;

/// Any fixed number: the PostgreSQL advisory lock under which partitions are made.
const MONTHS_LOCK: i64 = 0x6565_6e70_6c61_6e62;

/// One Dutch month of the access log, and its partition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LogMonth {
    first: Date,
}

impl LogMonth {
    /// The month `day` lies in.
    pub fn of(day: Date) -> LogMonth {
        LogMonth {
            first: day.first_of_month(),
        }
    }

    /// The month a stored line time (`UtcTime::to_rfc3339`) falls in, in Amsterdam.
    fn of_stored(at: &str) -> Result<LogMonth, StoreError> {
        let t = UtcTime::parse(at)
            .map_err(|e| StoreError::Invalid(format!("access-log time '{at}': {e}")))?;
        Ok(LogMonth::of(amsterdam_date(t)))
    }

    pub fn first_day(self) -> Date {
        self.first
    }

    pub fn next(self) -> LogMonth {
        LogMonth {
            first: self.first.checked_add(1.month()).unwrap_or(self.first),
        }
    }

    /// `access_log_y2026m12`.
    pub fn table(self) -> String {
        format!(
            "access_log_y{:04}m{:02}",
            self.first.year(),
            self.first.month()
        )
    }

    /// The month a partition of that name holds; `None` for any other table.
    fn of_table(name: &str) -> Option<LogMonth> {
        let rest = name.strip_prefix("access_log_y")?;
        let (year, month) = rest.split_once('m')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let date = Date::new(year.parse().ok()?, month.parse().ok()?, 1).ok()?;
        Some(LogMonth { first: date })
    }

    /// The lowest `at` of the month, inclusive: the stored text of its first Dutch
    /// midnight, which sorts against the lines' text as the instants do.
    pub fn from(self) -> String {
        amsterdam_day_start(self.first).to_rfc3339()
    }

    /// The first `at` past the month (the next month's [`LogMonth::from`]).
    pub fn until(self) -> String {
        self.next().from()
    }
}

/// What [`Store::prepare_access_log_months`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonthsPrepared {
    /// The partitions made now.
    pub created: Vec<String>,
    /// Months that have no partition but lines in DEFAULT: PostgreSQL cannot make the
    /// partition while DEFAULT holds lines of its range, so they stay there (whole,
    /// and cut line by line).
    pub left_in_default: Vec<String>,
}

impl Store {
    /// Makes the partitions from the month of `from` through [`MONTHS_AHEAD`] months
    /// past `today`'s; idempotent. `from` earlier than this month is for a generator
    /// about to write history (the demo), so its months can later be cut as wholes.
    pub async fn prepare_access_log_months(
        &self,
        from: Date,
        today: Date,
    ) -> Result<MonthsPrepared, StoreError> {
        let mut tx = self.write().await?;
        let done = tx
            .create_access_log_months(LogMonth::of(from.min(today)), LogMonth::of(today))
            .await?;
        tx.commit().await?;
        Ok(done)
    }
}

impl Tx {
    /// Makes the month partitions `first` through [`MONTHS_AHEAD`] months past
    /// `current` that do not exist yet. A month whose lines sit in DEFAULT is left
    /// there (see [`MonthsPrepared::left_in_default`]).
    pub(crate) async fn create_access_log_months(
        &mut self,
        first: LogMonth,
        current: LogMonth,
    ) -> Result<MonthsPrepared, StoreError> {
        let mut done = MonthsPrepared::default();
        if self.backend() != Backend::Postgres {
            return Ok(done);
        }
        // Two instances' runs one after the other: the second finds the first's tables.
        self.execute("SELECT pg_advisory_xact_lock($1)", params![MONTHS_LOCK])
            .await?;
        let mut last = current;
        for _ in 0..MONTHS_AHEAD {
            last = last.next();
        }
        let mut month = first;
        while month <= last {
            let table = month.table();
            let present = self
                .fetch_one(
                    "SELECT COUNT(*) AS n FROM pg_class WHERE oid = to_regclass($1)",
                    params![&table],
                )
                .await?
                .int("n")?
                > 0;
            if !present {
                let taken = self
                    .fetch_one(
                        "SELECT COUNT(*) AS n FROM (SELECT 1 FROM access_log_default \
                         WHERE at >= $1 AND at < $2 LIMIT 1) l",
                        params![month.from(), month.until()],
                    )
                    .await?
                    .int("n")?
                    > 0;
                if taken {
                    done.left_in_default.push(table);
                } else {
                    // The bounds are our own fixed-width UTC text, never input.
                    self.execute(
                        &format!(
                            "CREATE TABLE IF NOT EXISTS {table} PARTITION OF access_log \
                             FOR VALUES FROM ('{}') TO ('{}')",
                            month.from(),
                            month.until()
                        ),
                        vec![],
                    )
                    .await?;
                    self.execute(
                        &format!(
                            "CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON {table} \
                             FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change()"
                        ),
                        vec![],
                    )
                    .await?;
                    done.created.push(table);
                }
            }
            if month.next() == month {
                break;
            }
            month = month.next();
        }
        Ok(done)
    }

    /// Migration 0062's step between its two scripts: a partition for every month from
    /// the oldest line in the old table through the months ahead, before 0063 copies the
    /// lines into them.
    pub(crate) async fn partition_the_old_access_log(&mut self) -> Result<(), StoreError> {
        if self.backend() != Backend::Postgres {
            return Ok(());
        }
        let current = LogMonth::of(amsterdam_date(UtcTime::now()));
        let oldest = self
            .fetch_one("SELECT MIN(at) AS at FROM access_log_unpartitioned", vec![])
            .await?
            .opt_text("at")?;
        let first = match oldest {
            Some(at) => LogMonth::of_stored(&at)?.min(current),
            None => current,
        };
        self.create_access_log_months(first, current).await?;
        Ok(())
    }

    /// The month partitions wholly before `until` (a cut's first kept instant) whose
    /// every line the checkpoint at `last_seq` covers, detached from the log: the cut
    /// then drops them instead of deleting their lines. Takes the log's ACCESS
    /// EXCLUSIVE lock when there is any such month, so no line lands in one meanwhile;
    /// waits at most `lock_timeout` for it (a long read would otherwise queue every
    /// page's access line behind the cut).
    pub(crate) async fn detach_months_cut(
        &mut self,
        until: &str,
        last_seq: i64,
    ) -> Result<Vec<String>, StoreError> {
        if self.backend() != Backend::Postgres {
            return Ok(Vec::new());
        }
        let partitions = self
            .fetch_all(
                "SELECT c.relname::text AS name, pg_get_expr(c.relpartbound, c.oid) AS bound \
                 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid \
                 WHERE i.inhparent = 'access_log'::regclass ORDER BY c.relname",
                vec![],
            )
            .await?;
        let mut candidates = Vec::new();
        for p in &partitions {
            let name = p.text("name")?;
            let Some(month) = LogMonth::of_table(&name) else {
                continue;
            };
            // Only a partition bounded as the store makes them: its name is a promise
            // about its lines only when its range says the same.
            let bound = p.text("bound")?;
            let expected = format!("FROM ('{}') TO ('{}')", month.from(), month.until());
            if month.until().as_str() <= until && bound.ends_with(&expected) {
                candidates.push(name);
            }
        }
        if candidates.is_empty() {
            return Ok(Vec::new());
        }
        self.execute("SET LOCAL lock_timeout = '10s'", vec![])
            .await?;
        self.execute("LOCK TABLE access_log IN ACCESS EXCLUSIVE MODE", vec![])
            .await?;
        let mut detached = Vec::new();
        for name in candidates {
            let kept = self
                .fetch_one(
                    &format!(
                        "SELECT COUNT(*) AS n FROM (SELECT 1 FROM {name} \
                         WHERE seq IS NULL OR seq > $1 LIMIT 1) l"
                    ),
                    params![last_seq],
                )
                .await?
                .int("n")?
                > 0;
            if !kept {
                self.execute(
                    &format!("ALTER TABLE access_log DETACH PARTITION {name}"),
                    vec![],
                )
                .await?;
                detached.push(name);
            }
        }
        Ok(detached)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_month_is_bounded_by_its_first_dutch_midnights() {
        let january = LogMonth::of(date(2026, 1, 17));
        assert_eq!(january.table(), "access_log_y2026m01");
        assert_eq!(january.from(), "2025-12-31T23:00:00.000000Z");
        assert_eq!(january.until(), "2026-01-31T23:00:00.000000Z");
        // Summer time: April starts at 22:00 UTC.
        assert_eq!(
            LogMonth::of(date(2026, 3, 2)).until(),
            "2026-03-31T22:00:00.000000Z"
        );
        assert_eq!(
            LogMonth::of(date(2026, 12, 1)).next().table(),
            "access_log_y2027m01"
        );
    }

    #[test]
    fn only_a_month_partition_name_names_a_month() {
        assert_eq!(
            LogMonth::of_table("access_log_y2026m12"),
            Some(LogMonth::of(date(2026, 12, 1)))
        );
        assert_eq!(LogMonth::of_table("access_log_default"), None);
        assert_eq!(LogMonth::of_table("access_log_y2026m13"), None);
        assert_eq!(LogMonth::of_table("access_log_y26m12"), None);
    }

    #[test]
    fn a_line_belongs_to_its_dutch_month() {
        // 23:30 UTC on 31 December is already January in Amsterdam.
        assert_eq!(
            LogMonth::of_stored("2025-12-31T23:30:00.000000Z").unwrap(),
            LogMonth::of(date(2026, 1, 1))
        );
        assert!(
            LogMonth::of_stored("2026-01-01T00:00:00.000000Z")
                .unwrap()
                .from()
                .as_str()
                <= "2026-01-01T00:00:00.000000Z"
        );
    }
}
