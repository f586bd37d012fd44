use std::io::IsTerminal;

use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

/// Logs go to stderr. `EENPLAN_LOG` (e.g. `debug` or `info,sqlx=debug`) overrides the
/// default: informative for the server, quiet for one-shot commands.
pub fn init(long_running: bool) {
    let default = if long_running {
        "info,sqlx=warn"
    } else {
        "warn,sqlx=error"
    };
    let filter = std::env::var("EENPLAN_LOG")
        .ok()
        .and_then(|s| s.parse::<Targets>().ok())
        .or_else(|| default.parse::<Targets>().ok())
        .unwrap_or_default();
    // `EENPLAN_LOG_FORMAT=json`: one JSON object per line, for a log collector.
    let json = std::env::var("EENPLAN_LOG_FORMAT").is_ok_and(|f| f == "json");
    let registry = tracing_subscriber::registry().with(filter);
    if json {
        registry
            .with(
                tracing_subscriber::fmt::layer()
                    .json()
                    .with_writer(std::io::stderr),
            )
            .init();
    } else {
        registry
            .with(
                tracing_subscriber::fmt::layer()
                    .with_writer(std::io::stderr)
                    .with_ansi(std::io::stderr().is_terminal()),
            )
            .init();
    }
}
