use std::process::ExitCode;

use eenplan_store::{DatabaseUrl, OpenMode, Store};

use crate::cli::BackupArgs;
use crate::error::{CliError, fail};

pub async fn run(args: BackupArgs) -> Result<ExitCode, CliError> {
    let url = DatabaseUrl::parse(&args.db.database)?;
    let store = Store::open(&url, OpenMode::MustExist).await?;
    let report = store.backup_to(&args.to).await;
    store.close().await;
    let report = report?;
    if !report.is_intact() {
        return Err(fail(format!(
            "backup written to {}, but its journal fails verification ({} finding(s)): run `eenplan verify` on the source",
            args.to.display(),
            report.findings.len()
        )));
    }
    out!(
        "backup written to {} ({} journal entries, chain verified)",
        args.to.display(),
        report.entries
    );
    if let Some(last) = report.last {
        out!("anchor: {}:{}", last.seq, last.hash);
    }
    Ok(ExitCode::SUCCESS)
}
