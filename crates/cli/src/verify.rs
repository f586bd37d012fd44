use std::process::ExitCode;

use eenplan_store::{DatabaseUrl, OpenMode, Store};

use crate::cli::VerifyArgs;
use crate::error::CliError;

pub async fn run(args: VerifyArgs) -> Result<ExitCode, CliError> {
    let url = DatabaseUrl::parse(&args.db.database)?;
    let store = Store::open(&url, OpenMode::MustExist).await?;
    let report = store.verify_journal(args.anchor).await?;
    let access = store.verify_access_log().await?;
    store.close().await;
    if report.is_intact() {
        out!("journal intact: {} entries", report.entries);
        if let Some(last) = &report.last {
            out!(
                "anchor: {}:{}  (keep this with your backups; `eenplan verify --anchor` then proves nothing up to it was rewritten)",
                last.seq,
                last.hash
            );
        }
    } else {
        out!(
            "journal TAMPERED: {} finding(s) in {} entries",
            report.findings.len(),
            report.entries
        );
        for finding in &report.findings {
            out!("  {finding}");
        }
    }
    let access_intact = access_log(&access);
    Ok(if report.is_intact() && access_intact {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Prints the access log's state; true when its chain is intact.
fn access_log(report: &eenplan_store::AccessLogReport) -> bool {
    let chain = &report.chain;
    if chain.is_intact() {
        out!("access log intact: {} lines", chain.entries);
    } else {
        out!(
            "access log TAMPERED: {} finding(s) in {} lines",
            chain.findings.len(),
            chain.entries
        );
        for finding in &chain.findings {
            out!("  {finding}");
        }
    }
    if report.unchained > 0 {
        out!(
            "access log: {} lines from before schema version 4 carry no chain and cannot be checked",
            report.unchained
        );
    }
    chain.is_intact()
}
