use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use eenplan_domain::UtcTime;
use eenplan_domain::enrolment;
use eenplan_domain::journal::Actor;
use eenplan_domain::password;
use eenplan_domain::role::Role;
use eenplan_domain::totp::TotpSecret;
use eenplan_domain::user::{Email, PersonName, check_password};
use eenplan_store::{DatabaseUrl, NewUser, OpenMode, Store, ids};

use crate::cli::{UserAddArgs, UserPhoneArgs};
use crate::error::{CliError, fail};

pub async fn add(args: UserAddArgs) -> Result<ExitCode, CliError> {
    // Check everything the operator typed before touching the database or stdin.
    let email = Email::parse(&args.email).map_err(fail)?;
    let name = PersonName::parse(&args.name).map_err(|e| fail(format!("--name: {e}")))?;
    let roles = args
        .roles
        .iter()
        .map(|r| r.parse::<Role>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(fail)?;
    let phone = args
        .phone
        .as_deref()
        .map(eenplan_domain::user::Phone::parse)
        .transpose()
        .map_err(fail)?;
    let url = DatabaseUrl::parse(&args.db.database)?;
    let store = Store::open(&url, OpenMode::MustExist).await?;
    let result = add_in(&store, args, email, name, roles, phone).await;
    store.close().await;
    result
}

async fn add_in(
    store: &Store,
    args: UserAddArgs,
    email: Email,
    name: PersonName,
    roles: Vec<Role>,
    phone: Option<eenplan_domain::user::Phone>,
) -> Result<ExitCode, CliError> {
    let mut tx = store.read().await?;
    let Some(org) = tx.organisation_by_slug(&args.org).await? else {
        let known: Vec<String> = tx
            .organisations()
            .await?
            .into_iter()
            .map(|o| o.slug)
            .collect();
        return Err(fail(format!(
            "unknown organisation '{}'; known organisations: {} (add one with `eenplan org add`)",
            args.org,
            if known.is_empty() {
                "none yet".to_owned()
            } else {
                known.join(", ")
            }
        )));
    };
    let team_id = match &args.team {
        Some(team) => {
            let teams = tx.teams_of(&org.id).await?;
            let found = teams
                .iter()
                .find(|t| t.name.eq_ignore_ascii_case(team.trim()));
            match found {
                Some(t) => Some(t.id.clone()),
                None => {
                    let names: Vec<&str> = teams.iter().map(|t| t.name.as_str()).collect();
                    return Err(fail(format!(
                        "organisation '{}' has no team '{team}'; its teams: {}",
                        org.slug,
                        if names.is_empty() {
                            "none".to_owned()
                        } else {
                            names.join(", ")
                        }
                    )));
                }
            }
        }
        None => None,
    };
    drop(tx);
    let password_text = read_password()?;
    check_password(&password_text, &[email.as_str(), name.as_str()]).map_err(fail)?;
    let password_hash = password::hash(&password_text, ids::random_bytes()).map_err(fail)?;
    let mut tx = store.write().await?;
    let user = tx
        .create_user(
            &operator(),
            NewUser {
                email,
                name,
                organisation_id: org.id.clone(),
                team_id,
                roles,
                password_hash,
                totp_secret: TotpSecret::from_bytes(ids::random_bytes()),
            },
        )
        .await?;
    if let Some(phone) = &phone {
        tx.set_phone(&operator(), &user.id, Some(phone)).await?;
    }
    // The operator typed the password: its holder chooses their own at the first
    // sign-in, after enrolling their authenticator with the one-time code below.
    tx.require_password_change(&operator(), &user.id).await?;
    let code = enrolment::new_code(ids::random_bytes());
    let until =
        UtcTime::from_timestamp(UtcTime::now().timestamp() + enrolment::ENROLMENT_CODE_VALIDITY);
    tx.issue_enrolment_code(&operator(), &user.id, &enrolment::code_hash(&code), until)
        .await?;
    tx.commit().await?;
    out!(
        "added {} ({}) at {} as {}",
        user.name,
        user.email,
        org.slug,
        user.roles
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(", ")
    );
    out!("one-time enrolment code: {code}");
    out!(
        "valid for {} hours; hand it over in person or by phone, not with the password.",
        enrolment::ENROLMENT_CODE_VALIDITY.as_hours()
    );
    out!("At the first sign-in the code links an authenticator app and a new password is chosen.");
    Ok(ExitCode::SUCCESS)
}

/// The account of whoever runs the command, recorded as the journal's actor.
/// Sets or clears a work phone number; journaled like every change.
pub async fn phone(args: UserPhoneArgs) -> Result<ExitCode, CliError> {
    let email = Email::parse(&args.email).map_err(fail)?;
    let phone = args
        .phone
        .as_deref()
        .map(eenplan_domain::user::Phone::parse)
        .transpose()
        .map_err(|e| fail(format!("--phone: {e}")))?;
    let url = DatabaseUrl::parse(&args.db.database)?;
    let store = Store::open(&url, OpenMode::MustExist).await?;
    let result = async {
        let mut tx = store.write().await?;
        let Some(user) = tx.user_by_email(&email).await? else {
            return Err(fail(format!(
                "no account with e-mail address {}",
                email.as_str()
            )));
        };
        tx.set_phone(&operator(), &user.id, phone.as_ref()).await?;
        tx.commit().await?;
        match &phone {
            Some(p) => out!("{}: phone number {}", user.email, p.as_str()),
            None => out!("{}: phone number removed", user.email),
        }
        Ok(ExitCode::SUCCESS)
    }
    .await;
    store.close().await;
    result
}

pub fn operator() -> Actor {
    let os_user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "unknown".to_owned());
    Actor::Cli { os_user }
}

fn read_password() -> Result<String, CliError> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Password (at least 12 characters; typing is visible, pipe it in to avoid that): ");
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        return Err(fail(
            "no password on standard input: pipe it in, e.g. `printf '%s\\n' \"$PW\" | eenplan user add ...`",
        ));
    }
    Ok(password)
}
