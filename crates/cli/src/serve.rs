use std::net::SocketAddr;
use std::process::ExitCode;

use eenplan_domain::session::Timeouts;
use eenplan_store::{DatabaseUrl, OpenMode, Store};
use eenplan_web::{AppState, AuthConfig, Theme, TrustedProxies};

use crate::cli::{ServeArgs, SessionArgs};
use crate::error::{CliError, fail};

pub async fn run(args: ServeArgs) -> Result<ExitCode, CliError> {
    let auth = auth_config(&args.sessions, args.listen)?;
    let theme = match &args.theme_css {
        Some(path) => Theme::from_file(path)
            .map_err(|e| fail(format!("cannot read --theme-css {}: {e}", path.display())))?,
        None => Theme::default(),
    };
    let url = DatabaseUrl::parse(&args.db.database)?;
    let store = Store::open(&url, OpenMode::CreateIfMissing).await?;
    let mut limits = eenplan_web::Limits::default();
    if let Some(n) = args.max_connections {
        if n == 0 {
            return Err(fail("--max-connections must be at least 1"));
        }
        limits.max_connections = n;
    }
    if args.max_connections_per_client == 0 {
        return Err(fail("--max-connections-per-client must be at least 1"));
    }
    limits.max_connections_per_client = args.max_connections_per_client;
    let proxies = TrustedProxies::new(args.trusted_proxies);
    let mut documents = eenplan_web::DocumentSettings::default();
    if let Some(n) = args.document_max_bytes {
        if n == 0 {
            return Err(fail("--document-max-bytes must be at least 1"));
        }
        documents.max_bytes = n;
    }
    documents.scan_command = args.virus_scan_command;
    serve(
        store,
        args.listen,
        auth,
        limits,
        proxies,
        (theme, documents),
    )
    .await?;
    Ok(ExitCode::SUCCESS)
}

/// Cookies without `Secure` only make sense for plain HTTP on this machine; anywhere
/// else they would travel in the clear, so that combination is refused.
pub fn auth_config(args: &SessionArgs, listen: SocketAddr) -> Result<AuthConfig, CliError> {
    if args.insecure_cookies && !listen.ip().is_loopback() {
        return Err(fail(format!(
            "--insecure-cookies is only allowed on a loopback address, not {listen}: serve behind TLS instead"
        )));
    }
    Ok(AuthConfig {
        secure_cookies: !args.insecure_cookies,
        timeouts: args
            .session_idle_seconds
            .map_or_else(Timeouts::default, Timeouts::with_idle_seconds),
    })
}

/// Binds, serves until Ctrl-C or SIGTERM, and closes the database cleanly.
pub async fn serve(
    store: Store,
    listen: SocketAddr,
    auth: AuthConfig,
    limits: eenplan_web::Limits,
    proxies: TrustedProxies,
    (theme, documents): (Theme, eenplan_web::DocumentSettings),
) -> Result<(), CliError> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| fail(format!("cannot listen on {listen}: {e}")))?;
    tracing::info!(address = %listen, database = %store.url(), secure_cookies = auth.secure_cookies, max_connections = limits.max_connections, max_connections_per_client = limits.max_connections_per_client, trusted_proxies = !proxies.is_empty(), "eenplan is serving");
    let state = AppState {
        store: store.clone(),
        auth,
        proxies,
        theme,
        documents,
    };
    let result =
        eenplan_web::serve_with(state, listener, limits, eenplan_web::shutdown_signal()).await;
    store.close().await;
    result.map_err(|e| fail(format!("server stopped: {e}")))
}
