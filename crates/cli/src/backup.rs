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
            "backup written to {}, but its journal or access log fails verification ({} finding(s)): run `eenplan verify` on the source",
            args.to.display(),
            report.journal.findings.len() + report.access_log.chain.findings.len()
        )));
    }
    out!(
        "backup written to {} ({} journal entries and {} access-log lines, both chains verified)",
        args.to.display(),
        report.journal.entries,
        report.access_log.chain.entries
    );
    crate::verify::print_anchors(
        report.journal.last.as_ref(),
        report.access_log.chain.last.as_ref(),
    );
    Ok(ExitCode::SUCCESS)
}
