use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use eenplan_domain::journal::Anchor;

/// eenplan: one family, one plan — the Dutch youth-protection chain working together.
#[derive(Debug, Parser)]
#[command(name = "eenplan", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (applies pending migrations first).
    Serve(ServeArgs),
    /// Create or upgrade the database schema.
    Migrate(DbArgs),
    /// Check the journal's and the access log's hash chains (and with --deep, the
    /// tables against the journal); exits 1 if anything was tampered with.
    Verify(VerifyArgs),
    /// Create a fresh synthetic Utrecht/Flevoland data set and serve it.
    Demo(DemoArgs),
    /// Areas (province, municipality, neighbourhood) where organisations work.
    Area {
        #[command(subcommand)]
        command: AreaCommand,
    },
    /// Organisations in the chain, with their general phone number and areas.
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
    /// Teams within an organisation.
    Team {
        #[command(subcommand)]
        command: TeamCommand,
    },
    /// Manage professionals' accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Write a consistent online copy of a SQLite database.
    Backup(BackupArgs),
    /// Print the current second-factor code of a demo account (demo databases only).
    DemoCode(DemoCodeArgs),
    /// Keep the days a royal decree equates with a holiday (Algemene termijnenwet art. 3
    /// lid 3); every legal term skips them.
    StatutoryDay {
        #[command(subcommand)]
        command: StatutoryDayCommand,
    },
    /// Cut old access-log lines at a journaled checkpoint, as far as their retention
    /// term allows (issue 18 §4).
    AccessLog {
        #[command(subcommand)]
        command: AccessLogCommand,
    },
    /// Write the day's reminders once (due soon, overdue, a joint assessment's missing
    /// view); `serve` does this itself every few minutes. Safe to repeat: each reminder
    /// is written once per person.
    Remind(RemindArgs),
    /// The evaluation's rows per family: rebuild them from the journal, or print one
    /// evaluation with its query time.
    Evaluation {
        #[command(subcommand)]
        command: EvaluationCommand,
    },
    /// Print the API's OpenAPI document (JSON), as the server serves it at
    /// /api/v1/openapi.json; needs no database, so CI can lint it without a server.
    Openapi,
    /// Print every GET page route of the route table as JSON (path, policy, family
    /// need), so the browser crawl opens every page without a hand-kept list.
    #[command(hide = true)]
    Routes(JsonArgs),
    /// Print every value of every closed list in the domain as JSON (list, code, Dutch
    /// and English label), so the browser crawl can fail on a code that reaches a page.
    #[command(hide = true)]
    Codes(JsonArgs),
}

#[derive(Debug, Args)]
pub struct JsonArgs {
    /// Print JSON (the only format; asked for explicitly so a later text form can be
    /// the default without breaking scripts).
    #[arg(long, required = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum AccessLogCommand {
    /// Remove every line written before a day, after writing a checkpoint (the last
    /// line's seq and hash) to the journal; refused while the retention term keeps any
    /// of those lines.
    Cut(AccessLogCutArgs),
}

#[derive(Debug, Args)]
pub struct AccessLogCutArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Cut the lines written before this day (Dutch calendar), as YYYY-MM-DD, or
    /// YYYY-MM for the first day of that month.
    #[arg(long)]
    pub before: String,
    /// The region's configured term: keep every line this many years, whatever became
    /// of its file. Without it a line is kept as long as the file it concerns.
    #[arg(long)]
    pub keep_years: Option<u16>,
}

#[derive(Debug, Subcommand)]
pub enum StatutoryDayCommand {
    /// Equate a day with a holiday, on the decree's Staatscourant reference.
    Add(StatutoryDayArgs),
    /// Take a day off the list; the reference says why (the decree or the correction).
    Remove(StatutoryDayArgs),
    /// List the equated days with their references.
    List(DbArgs),
}

#[derive(Debug, Args)]
pub struct StatutoryDayArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The day, as YYYY-MM-DD.
    #[arg(long)]
    pub date: String,
    /// The decree's Staatscourant reference, e.g. "Stcrt. 2024, 12345".
    #[arg(long)]
    pub reference: String,
}

impl Command {
    pub fn is_long_running(&self) -> bool {
        matches!(self, Command::Serve(_) | Command::Demo(_))
    }
}

#[derive(Debug, Args)]
pub struct DbArgs {
    /// Database URL: sqlite://PATH or postgres://USER@HOST:PORT/DATABASE.
    #[arg(
        long,
        env = "EENPLAN_DATABASE_URL",
        default_value = "sqlite://eenplan.sqlite"
    )]
    pub database: String,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address and port to listen on.
    #[arg(long, env = "EENPLAN_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    #[command(flatten)]
    pub sessions: SessionArgs,
    /// Most client connections at once [default: the process's open-file limit minus
    /// 256, or 768 where that limit cannot be read].
    #[arg(long, env = "EENPLAN_MAX_CONNECTIONS")]
    pub max_connections: Option<usize>,
    /// Most connections at once from one client address.
    #[arg(
        long,
        env = "EENPLAN_MAX_CONNECTIONS_PER_CLIENT",
        default_value_t = 128
    )]
    pub max_connections_per_client: usize,
    /// A reverse proxy (address or range, e.g. 10.0.0.0/8) whose X-Forwarded-For header
    /// names the client; repeat for several (the environment variable takes a comma-
    /// separated list). Without it the header is ignored.
    #[arg(
        long = "trusted-proxy",
        env = "EENPLAN_TRUSTED_PROXIES",
        value_delimiter = ',',
        value_name = "CIDR"
    )]
    pub trusted_proxies: Vec<eenplan_web::Cidr>,
    /// A CSS file of design tokens (custom properties, e.g. a municipality's NL Design
    /// System theme) served instead of the built-in open theme; read once at start.
    #[arg(long, env = "EENPLAN_THEME_CSS", value_name = "FILE")]
    pub theme_css: Option<PathBuf>,
    /// The largest document a family file takes, in bytes (default 20 MB); a larger
    /// upload is answered with 413.
    #[arg(long, env = "EENPLAN_DOCUMENT_MAX_BYTES", value_name = "BYTES")]
    pub document_max_bytes: Option<usize>,
    /// A virus scanner run on every document upload before it is stored: the file on
    /// its stdin, a non-zero exit refuses it. Off unless set.
    #[arg(long, env = "EENPLAN_VIRUS_SCAN_COMMAND", value_name = "COMMAND")]
    pub virus_scan_command: Option<PathBuf>,
    /// Minutes between two runs of the daily reminders (the first runs at start); 0
    /// turns them off on this instance. A run reads every file with something due, so
    /// hourly is plenty for a daily rule; shorter catches items added during the day
    /// sooner. Several instances may all run them: each
    /// reminder is written once.
    #[arg(long, env = "EENPLAN_REMIND_EVERY_MINUTES", default_value_t = 60)]
    pub remind_every_minutes: u64,
    #[command(flatten)]
    pub mail: MailArgs,
}

/// E-mail about notifications; off (notifications stay in the app) unless both
/// --smtp-url and --mail-from are given.
#[derive(Debug, Args)]
pub struct MailArgs {
    /// The SMTP server: smtp://HOST:PORT (plain, for a relay on this machine or
    /// network), smtp://HOST:PORT?tls=starttls, or smtps://USER:PASSWORD@HOST:PORT
    /// (TLS from the start); user and password are optional on every form.
    #[arg(
        long,
        env = "EENPLAN_SMTP_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub smtp_url: Option<String>,
    /// The sender of every mail, e.g. "eenplan <noreply@eenplan.example>".
    #[arg(long, env = "EENPLAN_MAIL_FROM", value_name = "ADDRESS")]
    pub mail_from: Option<String>,
    /// The address people open eenplan at (https://…), for the link in every mail.
    #[arg(long, env = "EENPLAN_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// How long a sender owns a mail it claimed, in seconds: after a crash another
    /// instance (or the restarted one) sends it again once this has passed.
    #[arg(
        long,
        env = "EENPLAN_MAIL_LEASE_SECONDS",
        value_name = "SECONDS",
        default_value_t = 120
    )]
    pub mail_lease_seconds: u64,
}

#[derive(Debug, Subcommand)]
pub enum EvaluationCommand {
    /// Recompute every evaluation row from the journal (safe to repeat).
    Rebuild(DbArgs),
    /// Print the evaluation of a period, and the time its query took.
    Report(EvaluationReportArgs),
    /// Set how many families a published figure must be computed from (at least 5;
    /// the default is 5). Page, CSV and JSON hide smaller figures as "<N".
    Threshold(EvaluationThresholdArgs),
}

#[derive(Debug, Args)]
pub struct EvaluationThresholdArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The number of families, 5 or more.
    pub families: u32,
}

#[derive(Debug, Args)]
pub struct EvaluationReportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The first day, as YYYY-MM-DD.
    #[arg(long)]
    pub from: String,
    /// The last day (inclusive), as YYYY-MM-DD.
    #[arg(long)]
    pub to: String,
    /// Only families in this area and the areas within it, by name.
    #[arg(long)]
    pub area: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemindArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The Dutch day to remind for, as YYYY-MM-DD [default: today in Amsterdam].
    #[arg(long)]
    pub today: Option<String>,
}

#[derive(Debug, Args)]
pub struct SessionArgs {
    /// Send cookies without `Secure`, for plain HTTP on this machine only; refused
    /// unless --listen is a loopback address.
    #[arg(long, env = "EENPLAN_INSECURE_COOKIES")]
    pub insecure_cookies: bool,
    /// Shorter idle timeout in seconds (tests, stricter policies); capped at 900.
    #[arg(long, env = "EENPLAN_SESSION_IDLE_SECONDS")]
    pub session_idle_seconds: Option<u64>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// journal:SEQ:HASH or access:SEQ:HASH, as printed by an earlier verify or backup
    /// (give both); proves that chain up to it was neither rewritten nor cut short.
    #[arg(long)]
    pub anchor: Vec<Anchor>,
    /// Also replay the journal against the tables (families, members, network,
    /// involvements, consents, framework, plans, notes, emergency access, accounts,
    /// roles, credentials, sessions, equated days): names every row the journal does
    /// not explain and every journaled row that is gone.
    #[arg(long)]
    pub deep: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to create the demo database; only ever replaces an earlier demo database.
    /// Deliberately not read from EENPLAN_DATABASE_URL, so the demo cannot reach real data.
    #[arg(long, default_value = "sqlite://eenplan-demo.sqlite")]
    pub database: String,
    /// Port on 127.0.0.1 to serve the demo on.
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Only create the data set; do not start the server.
    #[arg(long)]
    pub no_serve: bool,
    /// How many synthetic families to create (the generator scales to 1,000,000).
    #[arg(long, default_value_t = 300)]
    pub families: u64,
    /// Shorter idle timeout in seconds (tests); capped at 900.
    #[arg(long, env = "EENPLAN_SESSION_IDLE_SECONDS")]
    pub session_idle_seconds: Option<u64>,
}

#[derive(Debug, Args)]
pub struct DemoCodeArgs {
    /// The demo database (only demo databases are accepted).
    #[arg(long, default_value = "sqlite://eenplan-demo.sqlite")]
    pub database: String,
    /// E-mail address of a demo account.
    pub email: String,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a professional. Reads the password from the first line of standard input
    /// and prints the otpauth:// URI for their authenticator app.
    Add(UserAddArgs),
    /// Set or clear a professional's work phone number (shown to families in a crisis).
    Phone(UserPhoneArgs),
}

#[derive(Debug, Args)]
pub struct UserPhoneArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The professional's e-mail address.
    #[arg(long)]
    pub email: String,
    /// The new number (e.g. 030-123 45 67); leave out with --clear.
    #[arg(long, required_unless_present = "clear", conflicts_with = "clear")]
    pub phone: Option<String>,
    /// Remove the number.
    #[arg(long)]
    pub clear: bool,
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// E-mail address; also the sign-in name.
    #[arg(long)]
    pub email: String,
    /// Full name as colleagues and families see it.
    #[arg(long)]
    pub name: String,
    /// Slug of the organisation they work for (e.g. lokalis, save).
    #[arg(long)]
    pub org: String,
    /// Role; repeat for several: professional, behavioural_scientist, team_lead,
    /// functional_admin, privacy_officer, policy_officer, complaints_officer.
    #[arg(long = "role", required = true)]
    pub roles: Vec<String>,
    /// Name of their team within the organisation.
    #[arg(long)]
    pub team: Option<String>,
    /// Work phone number, shown to families in a crisis (e.g. 030-123 45 67).
    #[arg(long)]
    pub phone: Option<String>,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// File to write; must not exist yet.
    #[arg(long)]
    pub to: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum AreaCommand {
    /// Add a province, a municipality (in a province) or a neighbourhood (in a
    /// municipality).
    Add(AreaAddArgs),
    /// List the areas: kind, name, CBS code and the area they lie in.
    List(DbArgs),
}

#[derive(Debug, Args)]
pub struct AreaAddArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// province, municipality or neighbourhood.
    #[arg(long)]
    pub kind: String,
    /// The area's name, e.g. Utrecht or Overvecht.
    #[arg(long)]
    pub name: String,
    /// CBS code, e.g. PV26 (province), GM0344 (municipality), WK034405 (neighbourhood).
    #[arg(long)]
    pub code: Option<String>,
    /// The area it lies in, by CBS code, name, or PARENT/NAME (required for a
    /// municipality or neighbourhood).
    #[arg(long)]
    pub parent: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Add an organisation, with its general phone number and the areas it works in.
    Add(OrgAddArgs),
    /// List the organisations: slug, kind, name.
    List(DbArgs),
}

#[derive(Debug, Args)]
pub struct OrgAddArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Short stable name used on the command line, e.g. lokalis or save.
    #[arg(long)]
    pub slug: String,
    /// Full name as people read it, e.g. "Lokalis buurtteams".
    #[arg(long)]
    pub name: String,
    /// local_team, veilig_thuis, certified_institution, rvdk, care_provider, school or
    /// police.
    #[arg(long)]
    pub kind: String,
    /// General phone number: whom a professional outside a family's circle is told to
    /// call when the duplicate check finds a file this organisation leads.
    #[arg(long)]
    pub phone: String,
    /// An area it works in (CBS code, name or PARENT/NAME); repeat for several.
    #[arg(long = "area")]
    pub areas: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Add a team to an organisation.
    Add(TeamAddArgs),
}

#[derive(Debug, Args)]
pub struct TeamAddArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Slug of the organisation.
    #[arg(long)]
    pub org: String,
    /// The team's name, e.g. "Buurtteam Overvecht".
    #[arg(long)]
    pub name: String,
    /// The area it works in (CBS code, name or PARENT/NAME).
    #[arg(long)]
    pub area: Option<String>,
}
