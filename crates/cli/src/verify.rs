use std::process::ExitCode;

use eenplan_domain::journal::{Anchor, Chain, Head};
use eenplan_store::{DatabaseUrl, OpenMode, Store};

use crate::cli::VerifyArgs;
use crate::error::{CliError, fail};

pub async fn run(args: VerifyArgs) -> Result<ExitCode, CliError> {
    let (journal_anchor, access_anchor) = anchors(args.anchor)?;
    let url = DatabaseUrl::parse(&args.db.database)?;
    let store = Store::open(&url, OpenMode::MustExist).await?;
    let report = store.verify_journal(journal_anchor).await;
    let access = store.verify_access_log(access_anchor).await;
    let deep = if args.deep {
        Some(store.verify_deep().await)
    } else {
        None
    };
    store.close().await;
    let (report, access, deep) = (report?, access?, deep.transpose()?);
    if report.is_intact() {
        out!("journal intact: {} entries", report.entries);
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
    if report.destroyed > 0 {
        out!(
            "journal: {} entries' payloads were destroyed by a retention rule (their place in the chain is still proven)",
            report.destroyed
        );
    }
    let access_intact = access_log(&access);
    let deep_intact = deep.as_ref().is_none_or(tables);
    let intact = report.is_intact() && access_intact && deep_intact;
    if intact {
        print_anchors(report.last.as_ref(), access.chain.last.as_ref());
    }
    Ok(if intact {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// At most one anchor per chain: two for the same chain would leave the operator
/// unsure which one was checked.
fn anchors(given: Vec<Anchor>) -> Result<(Option<Anchor>, Option<Anchor>), CliError> {
    let (mut journal, mut access) = (None, None);
    for anchor in given {
        let slot = match anchor.chain {
            Chain::Journal => &mut journal,
            Chain::AccessLog => &mut access,
        };
        if slot.is_some() {
            return Err(fail(format!(
                "--anchor given twice for the {}: give one journal:SEQ:HASH and one access:SEQ:HASH",
                match anchor.chain {
                    Chain::Journal => "journal",
                    Chain::AccessLog => "access log",
                }
            )));
        }
        *slot = Some(anchor);
    }
    Ok((journal, access))
}

/// The heads of both chains, in the form `--anchor` takes, to be kept outside the
/// database (with the backups): pasted back, they prove that nothing up to them was
/// rewritten and that neither chain was cut short.
pub fn print_anchors(journal: Option<&Head>, access_log: Option<&Head>) {
    let args: Vec<String> = [
        journal.and_then(|h| Anchor::of(Chain::Journal, h)),
        access_log.and_then(|h| Anchor::of(Chain::AccessLog, h)),
    ]
    .into_iter()
    .flatten()
    .map(|a| format!("--anchor {a}"))
    .collect();
    if !args.is_empty() {
        out!(
            "anchors (keep these with your backups; pass them to a later `eenplan verify`): {}",
            args.join(" ")
        );
    }
}

/// Prints what the deep check found; true when the journal explains every row.
fn tables(report: &eenplan_domain::journal::deep::DeepReport) -> bool {
    if report.is_intact() {
        out!(
            "tables explained by the journal: {} records in {}",
            report.records,
            eenplan_store::covered_tables().join(", ")
        );
    } else {
        out!(
            "tables TAMPERED: {} finding(s) in {} records",
            report.findings.len(),
            report.records
        );
        for finding in &report.findings {
            out!("  {finding}");
        }
    }
    if report.unprovable_old > 0 {
        out!(
            "tables: {} records were written before journal entries carried seals (schema version 18), or before their table was covered, and cannot be proven",
            report.unprovable_old
        );
    }
    if report.unprovable_destroyed > 0 {
        out!(
            "tables: {} records' journal entries were destroyed by a retention rule and cannot be proven",
            report.unprovable_destroyed
        );
    }
    report.is_intact()
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
    if let Some(cut) = &report.checkpoint {
        out!(
            "access log: checked from line #{} on; the lines before {} (up to line #{}) were cut at the checkpoint journal entry #{} records",
            cut.head.seq + 1,
            cut.before,
            cut.head.seq,
            cut.journal_seq
        );
    }
    if report.unchained > 0 {
        out!(
            "access log: {} lines from before schema version 4 carry no chain and cannot be checked",
            report.unchained
        );
    }
    chain.is_intact()
}
