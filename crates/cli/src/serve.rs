use std::net::SocketAddr;
use std::process::ExitCode;

use eenplan_store::{DatabaseUrl, OpenMode, Store};

use crate::cli::ServeArgs;
use crate::error::{CliError, fail};

pub async fn run(args: ServeArgs) -> Result<ExitCode, CliError> {
    let url = DatabaseUrl::parse(&args.db.database)?;
    let store = Store::open(&url, OpenMode::CreateIfMissing).await?;
    serve(store, args.listen).await?;
    Ok(ExitCode::SUCCESS)
}

/// Binds, serves until Ctrl-C or SIGTERM, and closes the database cleanly.
pub async fn serve(store: Store, listen: SocketAddr) -> Result<(), CliError> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| fail(format!("cannot listen on {listen}: {e}")))?;
    tracing::info!(address = %listen, database = %store.url(), "eenplan is serving");
    let result = eenplan_web::serve(store.clone(), listener, eenplan_web::shutdown_signal()).await;
    store.close().await;
    result.map_err(|e| fail(format!("server stopped: {e}")))
}
