use std::process::ExitCode;

use eenplan_store::{DatabaseUrl, OpenMode, Store};

use crate::cli::VerifyArgs;
use crate::error::CliError;

pub async fn run(args: VerifyArgs) -> Result<ExitCode, CliError> {
    let url = DatabaseUrl::parse(&args.db.database)?;
    let store = Store::open(&url, OpenMode::MustExist).await?;
    let report = store.verify_journal(args.anchor).await?;
    store.close().await;
    if report.is_intact() {
        println!("journal intact: {} entries", report.entries);
        if let Some(last) = &report.last {
            println!(
                "anchor: {}:{}  (keep this with your backups; `eenplan verify --anchor` then proves nothing up to it was rewritten)",
                last.seq, last.hash
            );
        }
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "journal TAMPERED: {} finding(s) in {} entries",
            report.findings.len(),
            report.entries
        );
        for finding in &report.findings {
            println!("  {finding}");
        }
        Ok(ExitCode::from(1))
    }
}
