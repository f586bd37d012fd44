//! `eenplan-bench`: a mixed professional workload over real HTTP against one or more
//! running eenplan servers on a demo database (issue 18 §5). Prints, per scenario,
//! requests, errors, throughput and p50/p90/p99, and throughput and p99 as ratios to
//! `/healthz` measured in the same run. Figures, never assertions: the exit status is
//! non-zero only when a scenario had errors (or the run could not start).
//!
//! `scripts/bench.sh` builds the data set, starts the servers and runs this.

mod http;
mod run;
mod scenarios;
mod setup;
mod stats;

use std::sync::Arc;
use std::time::Duration;

use clap::Parser;

use scenarios::Scenario;
use setup::BoxError;

#[derive(Debug, Parser)]
#[command(about = "Drive a mixed professional workload over HTTP against eenplan servers")]
struct Args {
    /// The database the servers use (a demo): sessions are minted in it directly.
    #[arg(long)]
    database: String,
    /// A server's base URL (http://HOST:PORT); repeat for several instances on one
    /// database, the clients are spread over them.
    #[arg(long = "url", value_parser = authority, default_value = "http://127.0.0.1:8080")]
    servers: Vec<String>,
    /// Concurrent clients per scenario.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=1024))]
    clients: u16,
    /// Seconds each scenario runs.
    #[arg(long, default_value_t = 5.0, value_parser = seconds)]
    seconds: f64,
    /// How many of the demo's local-team professionals to act as.
    #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u16).range(1..))]
    professionals: u16,
    /// Only these scenarios (comma-separated codes; the baseline always runs):
    /// healthz, file, file-page, search, list, plan, note, start, evaluation.
    #[arg(long, value_parser = scenarios::parse_list)]
    only: Option<std::vec::Vec<Scenario>>,
    /// The session cookie's name: without `__Host-` on a server run with
    /// --insecure-cookies (plain HTTP on loopback), which the benchmark needs.
    #[arg(long, default_value = "eenplan_session")]
    cookie_name: String,
}

/// `http://host:port[/]` to `host:port`: plain HTTP only (a loopback benchmark).
fn authority(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("{url:?}: give http://HOST:PORT (plain HTTP only)"))?;
    let host = rest.trim_end_matches('/');
    if host.is_empty() || host.contains('/') || !host.contains(':') {
        return Err(format!("{url:?}: give http://HOST:PORT, without a path"));
    }
    Ok(host.to_owned())
}

fn seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s <= 3600.0 => Ok(s),
        _ => Err(format!("{text:?}: seconds between 0 and 3600")),
    }
}

async fn bench(args: Args) -> Result<bool, BoxError> {
    let cast = setup::cast(&args.database, usize::from(args.professionals)).await?;
    let (files, terms) = run::discover(&cast, &args.servers[0]).await?;
    for server in &args.servers[1..] {
        run::discover(&cast, server).await?;
    }
    let chosen = args.only.clone().unwrap_or_else(|| Scenario::ALL.to_vec());
    let clients = usize::from(args.clients);
    let duration = Duration::from_secs_f64(args.seconds);
    let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now()).to_string();
    println!(
        "eenplan-bench: {} clients, {} s per scenario, {} server(s): {}",
        clients,
        args.seconds,
        args.servers.len(),
        args.servers.join(", ")
    );
    println!(
        "acting as {} professionals ({} files they lead) a team lead and a policy officer; {} cores here",
        cast.professionals.len(),
        files.len(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let world = Arc::new(run::World {
        cast,
        files,
        terms,
        servers: args.servers.clone(),
        cookie_name: args.cookie_name.clone(),
        today,
    });
    println!("{}", stats::HEADER);
    let mut healthz = None;
    let mut failed = Vec::new();
    for scenario in chosen {
        let (outcome, elapsed) = run::run(&world, scenario, clients, duration).await?;
        let first_error = outcome.first_error.clone();
        let summary = stats::summarise(outcome, elapsed);
        let baseline = *healthz.get_or_insert(summary);
        println!("{}", stats::line(scenario.title(), &summary, &baseline));
        if summary.errors > 0 || summary.requests == 0 {
            failed.push((
                scenario,
                summary.errors,
                first_error.unwrap_or_else(|| "no request was answered".into()),
            ));
        }
    }
    for (scenario, errors, first) in &failed {
        eprintln!(
            "eenplan-bench: {} had {errors} errors; the first: {first}",
            scenario.code()
        );
    }
    Ok(failed.is_empty())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    match bench(args).await {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::from(1),
        Err(e) => {
            eprintln!("eenplan-bench: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn arguments_with_defaults_and_several_servers() {
        let a = Args::try_parse_from(["eenplan-bench", "--database", "sqlite://x.sqlite"]).unwrap();
        assert_eq!(a.servers, vec!["127.0.0.1:8080"]);
        assert_eq!((a.clients, a.seconds, a.only), (8, 5.0, None));
        let a = Args::try_parse_from([
            "eenplan-bench",
            "--database",
            "postgres://p@127.0.0.1/b",
            "--url",
            "http://127.0.0.1:8081/",
            "--url",
            "http://127.0.0.1:8082",
            "--clients",
            "16",
            "--seconds",
            "0.5",
            "--only",
            "plan,note",
        ])
        .unwrap();
        assert_eq!(a.servers, vec!["127.0.0.1:8081", "127.0.0.1:8082"]);
        assert_eq!((a.clients, a.seconds), (16, 0.5));
        assert_eq!(
            a.only.unwrap(),
            vec![Scenario::Healthz, Scenario::SavePlan, Scenario::WriteNote]
        );
    }

    #[test]
    fn bad_arguments_are_refused() {
        for bad in [
            &["--url", "https://127.0.0.1:8080"][..],
            &["--url", "http://127.0.0.1:8080/api"],
            &["--url", "127.0.0.1:8080"],
            &["--clients", "0"],
            &["--seconds", "0"],
            &["--seconds", "x"],
            &["--only", "files"],
        ] {
            let argv = ["eenplan-bench", "--database", "sqlite://x"]
                .into_iter()
                .chain(bad.iter().copied());
            assert!(Args::try_parse_from(argv).is_err(), "{bad:?}");
        }
        assert!(
            Args::try_parse_from(["eenplan-bench"]).is_err(),
            "the database is required"
        );
    }
}
