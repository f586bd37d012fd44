//! `eenplan access-log cut`: the operator removes access-log lines whose retention term
//! has run out, leaving a journaled checkpoint so `verify` still proves the rest.

use std::process::ExitCode;

use eenplan_domain::UtcTime;
use eenplan_domain::access_log::retention::Retention;
use eenplan_domain::time::amsterdam_date;
use eenplan_store::{DatabaseUrl, OpenMode, Store};
use jiff::civil::Date;

use crate::cli::{AccessLogCommand, AccessLogCutArgs};
use crate::error::{CliError, fail};
use crate::user::operator;

pub async fn run(command: AccessLogCommand) -> Result<ExitCode, CliError> {
    match command {
        AccessLogCommand::Cut(args) => cut(args).await,
    }
}

async fn cut(args: AccessLogCutArgs) -> Result<ExitCode, CliError> {
    let before = parse_before(&args.before)?;
    let today = amsterdam_date(UtcTime::now());
    if before > today {
        return Err(fail(format!(
            "--before {before} lies in the future: a cut removes only lines already written"
        )));
    }
    let retention = match args.keep_years {
        Some(years) => Retention::years(years).map_err(|e| fail(format!("--keep-years: {e}")))?,
        None => Retention::AsLongAsTheFile,
    };
    let url = DatabaseUrl::parse(&args.db.database)?;
    let store = Store::open(&url, OpenMode::MustExist).await?;
    let result = store
        .cut_access_log(&operator(), before, retention, today)
        .await;
    store.close().await;
    match result? {
        Some(cut) => {
            out!(
                "cut {} access-log lines written before {before}: checkpoint at line #{} ({}), journaled; verify checks the chain from line #{} on",
                cut.lines,
                cut.checkpoint.seq,
                cut.checkpoint.hash,
                cut.checkpoint.seq + 1
            );
            if !cut.dropped_months.is_empty() {
                out!(
                    "whole months dropped as partitions: {}",
                    cut.dropped_months.join(", ")
                );
            }
        }
        None => out!("no access-log lines written before {before} are left to cut"),
    }
    Ok(ExitCode::SUCCESS)
}

/// `YYYY-MM-DD`, or `YYYY-MM` for the first of that month.
fn parse_before(text: &str) -> Result<Date, CliError> {
    let text = text.trim();
    let full = if text.len() == 7 {
        format!("{text}-01")
    } else {
        text.to_owned()
    };
    full.parse().map_err(|_| {
        fail(format!(
            "--before: '{text}' is not a day or month: use YYYY-MM-DD or YYYY-MM"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn before_takes_a_day_or_a_month() {
        assert_eq!(parse_before("2030-03-15").ok(), Some(date(2030, 3, 15)));
        assert_eq!(parse_before("2030-03").ok(), Some(date(2030, 3, 1)));
        assert!(parse_before("2030-13").is_err());
        assert!(parse_before("march").is_err());
    }
}
