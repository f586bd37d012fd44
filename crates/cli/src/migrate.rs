use std::process::ExitCode;

use eenplan_store::{DatabaseUrl, OpenMode, Store};

use crate::cli::DbArgs;
use crate::error::CliError;

pub async fn run(args: DbArgs) -> Result<ExitCode, CliError> {
    let url = DatabaseUrl::parse(&args.database)?;
    let store = Store::connect(&url, OpenMode::CreateIfMissing).await?;
    let applied = store.migrate().await?;
    let version = store.schema_version().await?;
    if applied.is_empty() {
        out!("{url}: schema up to date (version {version})");
    } else {
        for m in &applied {
            out!("{url}: applied migration {} {}", m.version, m.name);
        }
        out!("{url}: schema now at version {version}");
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
