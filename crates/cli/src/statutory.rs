//! `eenplan statutory-day`: the operator keeps the days a royal decree equates with a
//! holiday (Algemene termijnenwet art. 3 lid 3). The decrees come every three years in
//! the Staatscourant; every change is journaled with its reference.

use std::process::ExitCode;

use eenplan_store::{DatabaseUrl, OpenMode, Store};
use jiff::civil::Date;

use crate::cli::{StatutoryDayArgs, StatutoryDayCommand};
use crate::error::{CliError, fail};
use crate::user::operator;

pub async fn run(command: StatutoryDayCommand) -> Result<ExitCode, CliError> {
    match command {
        StatutoryDayCommand::Add(args) => change(args, true).await,
        StatutoryDayCommand::Remove(args) => change(args, false).await,
        StatutoryDayCommand::List(db) => {
            let url = DatabaseUrl::parse(&db.database)?;
            let store = Store::open(&url, OpenMode::MustExist).await?;
            let days = async { store.read().await?.statutory_days().await }.await;
            store.close().await;
            for d in days? {
                out!("{}\t{}\t{}", d.day, d.reference, d.added_by);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn change(args: StatutoryDayArgs, add: bool) -> Result<ExitCode, CliError> {
    let day: Date = args.date.parse().map_err(|_| {
        fail(format!(
            "--date: '{}' is not a date: use YYYY-MM-DD",
            args.date
        ))
    })?;
    let url = DatabaseUrl::parse(&args.db.database)?;
    let store = Store::open(&url, OpenMode::MustExist).await?;
    let result = async {
        let mut tx = store.write().await?;
        if add {
            tx.add_statutory_day(&operator(), day, &args.reference)
                .await?;
        } else {
            tx.remove_statutory_day(&operator(), day, &args.reference)
                .await?;
        }
        tx.commit().await?;
        if add {
            out!("{day}: equated with a holiday ({})", args.reference.trim());
        } else {
            out!(
                "{day}: no longer equated with a holiday ({})",
                args.reference.trim()
            );
        }
        Ok(ExitCode::SUCCESS)
    }
    .await;
    store.close().await;
    result
}
