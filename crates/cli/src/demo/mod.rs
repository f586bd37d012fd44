//! `eenplan demo`: a fresh synthetic data set and a running server, in one command.

mod chain;
mod complaints;
mod data;
mod documents;
mod families;
mod history;
mod names;
mod people;
// The family's own door: accounts for a parent and a young person.
mod portal;
// The bulk path for national scale.
mod bulk;
#[cfg(test)]
mod tests;
// SAVE op locatie
mod save_on_site;
// The professionals beside the named accounts, as many as the families need.
mod staff;
// Joint assessment meeting and protection order request.
mod meeting;

use eenplan_domain::{OrganisationId, UserId};
use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::process::ExitCode;

use eenplan_domain::area::AreaKind;
use eenplan_domain::journal::Actor;
use eenplan_domain::organisation::Slug;
use eenplan_domain::password;
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::{Email, PersonName};
use eenplan_store::{
    DEMO_PURPOSE, DatabaseUrl, NewArea, NewOrganisation, NewTeam, NewUser, OpenMode, Store, Tx,
    ids, postgres_is_empty, remove_sqlite_database, sqlite_file_purpose,
};
use sha2::{Digest, Sha256};

use crate::cli::DemoArgs;
use crate::error::{CliError, fail};
use crate::progress::Progress;

pub use data::DEMO_PASSWORD;

const ACTOR: Actor = Actor::System { component: "demo" };

/// The EVU's neighbourhoods from the pilots' known starts (De Gagel October 2021,
/// Vechtzoom February 2022); Spoorzoom's start is not known: a date still to come.
const EVU_AREAS: [(&str, jiff::civil::Date); 3] = [
    ("De Gagel", jiff::civil::date(2021, 10, 1)),
    ("Vechtzoom", jiff::civil::date(2022, 2, 1)),
    ("Spoorzoom", jiff::civil::date(2027, 6, 1)),
];

pub async fn run(args: DemoArgs) -> Result<ExitCode, CliError> {
    let url = DatabaseUrl::parse(&args.database)?;
    match &url {
        DatabaseUrl::Sqlite(path) => clear_previous_demo(path).await?,
        DatabaseUrl::Postgres(pg) => {
            if !postgres_is_empty(pg).await? {
                return Err(fail(
                    "the demo only fills an empty PostgreSQL database, and this one holds tables: create a new database for the demo",
                ));
            }
        }
    }
    let store = Store::open(&url, OpenMode::CreateIfMissing).await?;
    // The history's access-log lines go to their own months (PostgreSQL), so a cut
    // of old months drops tables there as it would in production.
    store
        .prepare_access_log_months(
            history::HISTORY_STARTS,
            eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now()),
        )
        .await?;
    let generated = async {
        let mut summary = generate(&store).await?;
        generate_families(&store, &mut summary, args.families).await?;
        Ok::<_, CliError>(summary)
    };
    let summary = match generated.await {
        Ok(s) => s,
        Err(e) => {
            store.close().await;
            return Err(e);
        }
    };
    print_welcome(store.url(), &summary, args.port, args.no_serve);
    if args.no_serve {
        store.close().await;
        return Ok(ExitCode::SUCCESS);
    }
    let listen = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port));
    // Plain HTTP on this machine: cookies without `Secure` (allowed on loopback only).
    let sessions = crate::cli::SessionArgs {
        insecure_cookies: true,
        session_idle_seconds: args.session_idle_seconds,
    };
    let auth = crate::serve::auth_config(&sessions, listen)?;
    // The demo listens on loopback only: no proxy in front of it to trust.
    crate::serve::serve(
        store,
        listen,
        auth,
        eenplan_web::Limits::default(),
        eenplan_web::TrustedProxies::default(),
        (
            eenplan_web::Theme::default(),
            eenplan_web::DocumentSettings::default(),
            Some(std::time::Duration::from_secs(60 * 60)),
            None,
        ),
    )
    .await?;
    Ok(ExitCode::SUCCESS)
}

/// Removes an earlier demo database; refuses anything else at that path.
async fn clear_previous_demo(path: &Path) -> Result<(), CliError> {
    if !path.exists() {
        return Ok(());
    }
    let purpose = sqlite_file_purpose(path).await.ok().flatten();
    if purpose.as_deref() != Some(DEMO_PURPOSE) {
        return Err(fail(format!(
            "{} exists and is not an eenplan demo database; refusing to overwrite it: choose another file with --database sqlite://PATH",
            path.display()
        )));
    }
    remove_sqlite_database(path)
        .map_err(|e| fail(format!("cannot remove the old demo database: {e}")))
}

#[derive(Debug, Default)]
struct Summary {
    provinces: usize,
    municipalities: usize,
    neighbourhoods: usize,
    organisations: usize,
    teams: usize,
    accounts: Vec<Account>,
    /// Family members' portal accounts (issue 17).
    family_accounts: Vec<portal::FamilyAccount>,
    families: u64,
    /// Area ids by name, for placing families.
    areas: HashMap<String, String>,
    /// Team ids by (organisation slug, team name).
    team_ids: HashMap<(&'static str, &'static str), String>,
    /// Generated professionals and team leads (`staff`), counted, not listed.
    generated_accounts: usize,
}

#[derive(Debug)]
struct Account {
    user_id: UserId,
    organisation_id: OrganisationId,
    email: String,
    name: String,
    organisation: &'static str,
    roles: String,
    totp: String,
}

/// The demo's second-factor secrets are derived from the e-mail address, so the
/// printed secrets stay valid when the demo is recreated.
fn demo_totp_secret(email: &str) -> TotpSecret {
    let digest = Sha256::digest(format!("eenplan-demo-totp:{email}").as_bytes());
    let mut bytes = [0u8; eenplan_domain::totp::SECRET_BYTES];
    bytes.copy_from_slice(&digest[..eenplan_domain::totp::SECRET_BYTES]);
    TotpSecret::from_bytes(bytes)
}

/// Everything in one transaction: a demo is complete or absent.
async fn generate(store: &Store) -> Result<Summary, CliError> {
    let mut summary = Summary::default();
    let area_total: usize = data::PROVINCES
        .iter()
        .map(|p| {
            1 + p
                .municipalities
                .iter()
                .map(|m| 1 + m.neighbourhoods.len())
                .sum::<usize>()
        })
        .sum();
    let people: usize = data::ORGANISATIONS.iter().map(|o| o.people.len()).sum();
    let mut progress = Progress::new(
        "demo",
        (area_total + data::ORGANISATIONS.len() + people) as u64,
    );

    let mut tx = store.write().await?;
    tx.mark_purpose(&ACTOR, DEMO_PURPOSE).await?;

    let mut area_ids: HashMap<String, String> = HashMap::new();
    for p in data::PROVINCES {
        let province = add_area(&mut tx, AreaKind::Province, p.name, Some(p.code), None).await?;
        area_ids.insert(format!("{} (provincie)", p.name), province.clone());
        summary.provinces += 1;
        progress.advance(1);
        for m in p.municipalities {
            let municipality = add_area(
                &mut tx,
                AreaKind::Municipality,
                m.name,
                Some(m.code),
                Some(&province),
            )
            .await?;
            area_ids.insert(m.name.to_owned(), municipality.clone());
            summary.municipalities += 1;
            progress.advance(1);
            for n in m.neighbourhoods {
                let hood = add_area(
                    &mut tx,
                    AreaKind::Neighbourhood,
                    n,
                    None,
                    Some(&municipality),
                )
                .await?;
                area_ids.insert((*n).to_owned(), hood);
                summary.neighbourhoods += 1;
                progress.advance(1);
            }
        }
    }
    for (name, starts_on) in EVU_AREAS {
        if let Some(id) = area_ids.get(name) {
            tx.add_evu_area(&ACTOR, id, starts_on).await?;
        }
    }
    let area = |name: &str| {
        area_ids
            .get(name)
            .cloned()
            .ok_or_else(|| fail(format!("demo data names unknown area '{name}'")))
    };

    for o in data::ORGANISATIONS {
        let slug = Slug::parse(o.slug).map_err(fail)?;
        let org = tx
            .create_organisation(
                &ACTOR,
                NewOrganisation {
                    slug,
                    name: o.name.into(),
                    kind: o.kind,
                },
            )
            .await?;
        summary.organisations += 1;
        // A general number per organisation: what someone outside a family's circle is
        // given to call about a possible duplicate file (synthetic, 088 is a company range).
        let phone = format!("088-000 {:04}", summary.organisations);
        let phone = eenplan_domain::user::Phone::parse(&phone).map_err(fail)?;
        tx.set_organisation_phone(&ACTOR, &org.id, Some(&phone))
            .await?;
        progress.advance(1);
        for a in o.areas {
            tx.add_organisation_area(&ACTOR, &org.id, &area(a)?).await?;
        }
        let mut team_ids = HashMap::new();
        for (team_name, team_area) in o.teams {
            let area_id = team_area.map(area).transpose()?;
            let team = tx
                .create_team(
                    &ACTOR,
                    NewTeam {
                        organisation_id: org.id.clone(),
                        name: (*team_name).into(),
                        area_id,
                    },
                )
                .await?;
            summary
                .team_ids
                .insert((o.slug, *team_name), team.id.clone());
            team_ids.insert(*team_name, team.id);
            summary.teams += 1;
        }
        for person in o.people {
            let email = Email::parse(person.email).map_err(fail)?;
            let totp = demo_totp_secret(email.as_str());
            let team_id = person.team.and_then(|t| team_ids.get(t).cloned());
            let password_hash = password::hash(DEMO_PASSWORD, ids::random_bytes()).map_err(fail)?;
            let user = tx
                .create_user(
                    &ACTOR,
                    NewUser {
                        email,
                        name: PersonName::parse(person.name).map_err(fail)?,
                        organisation_id: org.id.clone(),
                        team_id,
                        roles: person.roles.to_vec(),
                        password_hash,
                        totp_secret: totp.clone(),
                    },
                )
                .await?;
            // The secrets are printed, so the accounts count as enrolled already.
            tx.preconfirm_second_factor(&user.id).await?;
            // 06-0… numbers are not issued to anyone: safe to show as a worker's number.
            let phone = format!("06-0000 0{:03}", summary.accounts.len());
            let phone = eenplan_domain::user::Phone::parse(&phone).map_err(fail)?;
            tx.set_phone(&ACTOR, &user.id, Some(&phone)).await?;
            summary.accounts.push(Account {
                user_id: user.id.clone(),
                organisation_id: org.id.clone(),
                email: user.email,
                name: user.name,
                organisation: o.slug,
                roles: user
                    .roles
                    .iter()
                    .map(|r| r.code())
                    .collect::<Vec<_>>()
                    .join(", "),
                totp: totp.to_base32(),
            });
            progress.advance(1);
        }
        // A few complaints about the organisations with a complaints officer.
        if let Some(officer) = o.people.iter().position(|p| {
            p.roles
                .contains(&eenplan_domain::role::Role::ComplaintsOfficer)
        }) {
            let account = &summary.accounts[summary.accounts.len() - o.people.len() + officer];
            let actor = Actor::User {
                user_id: account.user_id.to_string(),
                organisation_id: org.id.to_string(),
            };
            let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now());
            complaints::add(&mut tx, org.id.as_str(), &actor, today).await?;
        }
    }
    tx.commit().await?;
    progress.finish();
    summary.areas = area_ids;
    Ok(summary)
}

/// How many of the most recent families the store's own commands make; the rest go
/// through the bulk path. Above this, the demo is a national-scale data set.
const RICH_FAMILIES: u64 = 2_000;

/// The families, after the chain exists: each lives where a demo local team works and
/// gets one of its professionals as regisseur.
async fn generate_families(
    store: &Store,
    summary: &mut Summary,
    count: u64,
) -> Result<(), CliError> {
    let staff = staff::generate(store, summary, count).await?;
    summary.generated_accounts = staff.accounts;
    summary.teams += staff.teams;
    // The named professionals first (the special situations below take their files),
    // then the generated ones.
    let pros = |slug: &str| -> Vec<people::Professional> {
        summary
            .accounts
            .iter()
            .filter(|a| a.organisation == slug && a.roles == "professional")
            .map(|a| people::Professional {
                user_id: a.user_id.clone(),
                organisation_id: a.organisation_id.clone(),
            })
            .chain(staff.professionals.get(slug).into_iter().flatten().cloned())
            .collect()
    };
    let area = |name: &str| summary.areas.get(name).cloned();
    let region = |city: &'static str, prefix: u16, span: usize, slug: &str| families::Region {
        city,
        postcode_prefix: prefix,
        postcode_span: span,
        area_id: area(city),
        neighbourhoods: Vec::new(),
        regisseurs: pros(slug),
    };
    // Some Utrecht families live in Overvecht's EVU neighbourhoods.
    let overvecht: Vec<(String, String)> = ["De Gagel", "Vechtzoom", "Spoorzoom"]
        .iter()
        .filter_map(|n| Some(((*n).to_owned(), area(n)?)))
        .collect();
    let regions = vec![
        families::Region {
            neighbourhoods: overvecht,
            ..region("Utrecht", 3500, 80, "lokalis")
        },
        region("Wijk bij Duurstede", 3960, 4, "binding"),
        region("De Bilt", 3730, 10, "lokaal-team-de-bilt"),
        region("Montfoort", 3417, 1, "thuisbasis"),
        region("Oudewater", 3421, 1, "thuisbasis"),
    ];
    let partners = people::Partners {
        save: pros("save"),
        evu_coordinator: summary
            .accounts
            .iter()
            .find(|a| a.roles == "evu_coordinator")
            .map(|a| people::Professional {
                user_id: a.user_id.clone(),
                organisation_id: a.organisation_id.clone(),
            }),
        veilig_thuis: pros("veilig-thuis-utrecht"),
        wss: pros("wss"),
    };
    let today = eenplan_domain::time::amsterdam_date(eenplan_domain::UtcTime::now());
    // The most recent files go through the store's own commands (every way of working,
    // the current work lists); older ones, above a small demo, through the bulk path.
    let rich_from = count.saturating_sub(RICH_FAMILIES);
    if rich_from > 0 {
        // The database is new: filled without a rollback journal and with most indexes
        // made afterwards, put back before the store's own commands need them.
        let load = store.begin_bulk_load().await?;
        summary.families +=
            bulk::generate(store, (0..rich_from, count), &regions, &partners, today).await?;
        let mut progress = Progress::new("indexes", load.dropped_indexes() as u64);
        store.end_bulk_load(load, || progress.advance(1)).await?;
        progress.finish();
    }
    summary.families +=
        families::generate(store, (rich_from..count, count), &regions, &partners, today).await?;
    families::veilig_thuis_contacts(store, &partners, count).await?;
    // SAVE op locatie
    let ids: HashMap<String, UserId> = summary
        .accounts
        .iter()
        .map(|a| (a.email.clone(), a.user_id.clone()))
        .collect();
    save_on_site::generate(store, save_on_site::People { ids: &ids }, today).await?;
    // Joint assessment meeting and protection order request:
    // stages in the first local-team professional's families, when there are families.
    let (lokalis, raad) = (pros("lokalis"), pros("rvdk"));
    if let (Some(lead), Some(save), Some(raad)) =
        (lokalis.first(), partners.save.first(), raad.first())
    {
        let c = meeting::Chain {
            lead,
            save,
            wss: partners.wss.first(),
            raad,
        };
        meeting::generate(store, &c, today).await?;
        summary.family_accounts = portal::generate(store, lead, save, today).await?;
    }
    Ok(())
}

async fn add_area(
    tx: &mut Tx,
    kind: AreaKind,
    name: &str,
    code: Option<&str>,
    parent_id: Option<&str>,
) -> Result<String, CliError> {
    let new = NewArea {
        kind,
        name: name.to_owned(),
        code: code.map(str::to_owned),
        parent_id: parent_id.map(str::to_owned),
    };
    Ok(tx.create_area(&ACTOR, new).await?.id)
}

fn print_welcome(database: &DatabaseUrl, s: &Summary, port: u16, no_serve: bool) {
    out!("eenplan demo: synthetic Utrecht/Flevoland chain ready in {database}");
    out!(
        "  Synthetic data: invented people and a simulated history since {} (its lead times and handovers are set by the generator's parameters, not measured: never the pilots' results)",
        history::HISTORY_STARTS.year()
    );
    out!(
        "  {} provinces, {} municipalities, {} neighbourhoods, {} organisations, {} teams, {} accounts, {} families",
        s.provinces,
        s.municipalities,
        s.neighbourhoods,
        s.organisations,
        s.teams,
        s.accounts.len() + s.generated_accounts,
        s.families
    );
    out!();
    out!("Sign in at http://127.0.0.1:{port}/aanmelden with one of these invented people.");
    out!("Password for every account: {DEMO_PASSWORD}");
    if s.generated_accounts > 0 {
        out!(
            "  Below, the named accounts; {} more professionals and team leads are generated (e-mail addresses such as lokalis.00012@lokalis.example, the same password, demo-code for the code)",
            s.generated_accounts
        );
    }
    out!("Second-factor code: in another terminal run");
    out!("    cargo run --release -- demo-code EMAIL        (or: eenplan demo-code EMAIL)");
    out!("or add the account's TOTP secret to an authenticator app (6 digits, 30 s).");
    out!();
    out!(
        "  {:<22} {:<36} {:<20} {:<22} TOTP secret",
        "role",
        "e-mail",
        "name",
        "organisation"
    );
    let mut shown = std::collections::BTreeSet::new();
    for a in &s.accounts {
        let first_of_role = shown.insert(a.roles.clone());
        let marker = if first_of_role { &a.roles } else { "" };
        out!(
            "  {:<22} {:<36} {:<20} {:<22} {}",
            marker,
            a.email,
            a.name,
            a.organisation,
            a.totp
        );
    }
    for a in &s.family_accounts {
        out!(
            "  {:<22} {:<36} {:<20} {:<22} {}",
            a.kind,
            a.email,
            a.name,
            a.family_id,
            a.totp
        );
    }
    if !s.family_accounts.is_empty() {
        out!();
        out!(
            "Family members sign in at http://127.0.0.1:{port}/gezin/aanmelden (the same password; the organisation column holds their family's file)."
        );
    }
    out!();
    if no_serve {
        out!("Start it with: eenplan serve --insecure-cookies --database {database}");
    } else {
        out!("Serving on http://127.0.0.1:{port}/  (Ctrl-C to stop)");
    }
}

const NOT_A_DEMO: &str =
    "this is not a demo database: demo-code only reveals codes of invented demo accounts";

/// `eenplan demo-code EMAIL`: the account's current code, read from a demo database.
pub async fn code(args: crate::cli::DemoCodeArgs) -> Result<ExitCode, CliError> {
    let url = DatabaseUrl::parse(&args.database)?;
    if let DatabaseUrl::Sqlite(path) = &url {
        if !path.exists() {
            return Err(fail(format!(
                "no demo database at {}: run `eenplan demo` first",
                path.display()
            )));
        }
        if sqlite_file_purpose(path).await.ok().flatten().as_deref() != Some(DEMO_PURPOSE) {
            return Err(fail(NOT_A_DEMO));
        }
    }
    let email = Email::parse(&args.email).map_err(fail)?;
    let store = Store::open(&url, OpenMode::MustExist).await?;
    if store.purpose().await.ok().flatten().as_deref() != Some(DEMO_PURPOSE) {
        store.close().await;
        return Err(fail(NOT_A_DEMO));
    }
    // A professional's account, else a family member's (same sign-in name space).
    let secret = async {
        let mut tx = store.read().await?;
        match tx.credentials(&email).await? {
            Some(c) => Ok::<_, eenplan_store::StoreError>(Some(c.totp_secret)),
            None => Ok(tx
                .family_credentials(email.as_str())
                .await?
                .map(|c| c.totp_secret)),
        }
    }
    .await;
    store.close().await;
    let Some(secret) = secret? else {
        return Err(fail(format!(
            "no demo account {email}; the demo prints its accounts when it starts"
        )));
    };
    let now = eenplan_domain::UtcTime::now().timestamp().as_second();
    let step = eenplan_domain::totp::step_at(now);
    let left =
        eenplan_domain::totp::STEP_SECONDS - now.rem_euclid(eenplan_domain::totp::STEP_SECONDS);
    out!("{:06}", secret.code_at_step(step));
    eprintln!("valid for {left} more seconds; each code works once");
    Ok(ExitCode::SUCCESS)
}
