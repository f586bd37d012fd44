//! `eenplan`: the one binary. Every command reports a failure as one line on stderr
//! and a non-zero exit code (2 for errors, 1 for a journal that fails verification).

/// `println!` that ends the process quietly when the reader has gone away
/// (`eenplan verify | head -1`) instead of panicking on the broken pipe.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

mod access_log;
mod backup;
mod cli;
mod demo;
mod error;
mod evaluation;
mod logging;
mod mail;
mod migrate;
mod progress;
mod region;
mod remind;
mod serve;
mod statutory;
mod user;
mod verify;

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use cli::{Cli, Command, UserCommand};
use error::CliError;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    logging::init(cli.command.is_long_running());
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("eenplan: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli.command)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("eenplan: {e}");
            ExitCode::from(2)
        }
    }
}

async fn run(command: Command) -> Result<ExitCode, CliError> {
    match command {
        Command::Serve(args) => serve::run(args).await,
        Command::Migrate(args) => migrate::run(args).await,
        Command::Verify(args) => verify::run(args).await,
        Command::Demo(args) => demo::run(args).await,
        Command::Area { command } => region::area(command).await,
        Command::Org { command } => region::org(command).await,
        Command::Team { command } => region::team(command).await,
        Command::User {
            command: UserCommand::Add(args),
        } => user::add(args).await,
        Command::User {
            command: UserCommand::Phone(args),
        } => user::phone(args).await,
        Command::Backup(args) => backup::run(args).await,
        Command::DemoCode(args) => demo::code(args).await,
        Command::StatutoryDay { command } => statutory::run(command).await,
        Command::AccessLog { command } => access_log::run(command).await,
        Command::Remind(args) => remind::run(args).await,
        Command::Evaluation { command } => evaluation::run(command).await,
        Command::Openapi => {
            out!("{:#}", eenplan_web::openapi_document());
            Ok(ExitCode::SUCCESS)
        }
        Command::Routes(_) => {
            out!("{:#}", eenplan_web::routes::page_routes_json());
            Ok(ExitCode::SUCCESS)
        }
        Command::Codes(_) => {
            let codes: Vec<_> = eenplan_domain::code_registry::every_code()
                .into_iter()
                .map(|c| {
                    serde_json::json!({
                        "list": c.list,
                        "code": c.code,
                        "label_nl": c.label_nl,
                        "label_en": c.label_en,
                    })
                })
                .collect();
            out!("{:#}", serde_json::Value::Array(codes));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Help and version go to stdout as usual; a usage mistake becomes one line naming
/// what to fix, like every other error.
fn usage_error(e: &clap::Error) -> ExitCode {
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    // clap puts details (e.g. the missing arguments) on the lines after the first,
    // up to a blank line; fold them into one.
    let rendered = e.render().to_string();
    let message = rendered
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    eprintln!("eenplan: {message} (see `eenplan --help`)");
    ExitCode::from(2)
}
