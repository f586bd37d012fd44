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
    let mailer = crate::mail::configure(&args.mail)?;
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
    let remind_every = (args.remind_every_minutes > 0)
        .then(|| std::time::Duration::from_secs(args.remind_every_minutes * 60));
    serve(
        store,
        args.listen,
        auth,
        limits,
        proxies,
        (theme, documents, remind_every, mailer),
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

/// Binds, serves until Ctrl-C or SIGTERM, and closes the database cleanly. Runs the
/// daily reminders beside it every `remind_every` (none when `None`), and the e-mail
/// sender when SMTP is configured.
pub async fn serve(
    store: Store,
    listen: SocketAddr,
    auth: AuthConfig,
    limits: eenplan_web::Limits,
    proxies: TrustedProxies,
    (theme, documents, remind_every, mailer): (
        Theme,
        eenplan_web::DocumentSettings,
        Option<std::time::Duration>,
        Option<crate::mail::Mailer>,
    ),
) -> Result<(), CliError> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| fail(format!("cannot listen on {listen}: {e}")))?;
    tracing::info!(address = %listen, database = %store.url(), secure_cookies = auth.secure_cookies, max_connections = limits.max_connections, max_connections_per_client = limits.max_connections_per_client, trusted_proxies = !proxies.is_empty(), "eenplan is serving");
    match remind_every {
        Some(every) => tracing::info!(
            every_minutes = every.as_secs() / 60,
            "reminders run at start and then every few minutes"
        ),
        None => tracing::info!("reminders are off on this instance (--remind-every-minutes 0)"),
    }
    let reminders = remind_every.map(|every| crate::remind::spawn(store.clone(), every));
    let state = AppState {
        store: store.clone(),
        auth,
        proxies,
        theme,
        documents,
    };
    // E-mail: a sender task when SMTP is configured; otherwise said once, here.
    let (stop_mail, stopped) = tokio::sync::watch::channel(false);
    let sender = match mailer {
        Some(mailer) => Some(crate::mail::sender::spawn(store.clone(), mailer, stopped)),
        None => {
            tracing::info!(
                "e-mail is off (no --smtp-url and --mail-from): notifications stay in the app"
            );
            None
        }
    };
    let result =
        eenplan_web::serve_with(state, listener, limits, eenplan_web::shutdown_signal()).await;
    // Stop the reminders before the database closes; a run cut short committed
    // nothing it had not finished, and the next start writes the rest.
    if let Some(task) = reminders {
        task.abort();
        let _ = task.await;
    }
    let _ = stop_mail.send(true);
    if let Some(sender) = sender {
        // The mail in hand is finished (or its lease lets another send it later).
        if tokio::time::timeout(std::time::Duration::from_secs(30), sender)
            .await
            .is_err()
        {
            tracing::warn!("e-mail sender did not stop in time; its mail is sent again later");
        }
    }
    store.close().await;
    result.map_err(|e| fail(format!("server stopped: {e}")))
}
