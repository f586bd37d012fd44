//! The daily reminders (due soon, overdue, a joint assessment's missing view): `serve`
//! runs them at start and then every few minutes, and `eenplan remind` runs them once
//! for operators and tests. Each reminder is written once per person by its once key,
//! so any number of runs, on any number of instances, is safe.

use std::process::ExitCode;
use std::time::Duration;

use eenplan_domain::UtcTime;
use eenplan_domain::time::amsterdam_date;
use eenplan_store::{DatabaseUrl, OpenMode, Store};
use jiff::civil::Date;

use crate::cli::RemindArgs;
use crate::error::{CliError, fail};

/// `eenplan remind [--today YYYY-MM-DD]`: one run, for today in Amsterdam unless a day
/// is given.
pub async fn run(args: RemindArgs) -> Result<ExitCode, CliError> {
    let today: Option<Date> = args
        .today
        .as_deref()
        .map(|t| {
            t.parse()
                .map_err(|_| fail(format!("--today: '{t}' is not a date: use YYYY-MM-DD")))
        })
        .transpose()?;
    let url = DatabaseUrl::parse(&args.db.database)?;
    let store = Store::open(&url, OpenMode::MustExist).await?;
    let now = UtcTime::now();
    let today = today.unwrap_or_else(|| amsterdam_date(now));
    let result = store.remind(today, now).await;
    store.close().await;
    let report = result?;
    out!("{today}: {} reminder(s) written", report.written);
    Ok(ExitCode::SUCCESS)
}

/// Runs the reminders now and then every `every`, for the day in Amsterdam at each
/// run, until the task is aborted. A failed run is logged and retried at the next tick;
/// it never stops the server.
pub fn spawn(store: Store, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let now = UtcTime::now();
            let today = amsterdam_date(now);
            // The access log's coming months (PostgreSQL), with the same daily care.
            match store.prepare_access_log_months(today, today).await {
                Ok(p) => {
                    if !p.created.is_empty() {
                        tracing::info!(partitions = ?p.created, "access-log months made");
                    }
                    if !p.left_in_default.is_empty() {
                        tracing::warn!(months = ?p.left_in_default, "access-log months left in the DEFAULT partition (it holds their lines): they are cut line by line");
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "access-log months not made; retried at the next run")
                }
            }
            match store.remind(today, now).await {
                Ok(r) if r.written > 0 => {
                    tracing::info!(day = %today, written = r.written, "reminders written");
                }
                Ok(_) => tracing::debug!(day = %today, "no new reminders"),
                Err(e) => {
                    tracing::warn!(day = %today, error = %e, "reminders failed; retried at the next run")
                }
            }
        }
    })
}
