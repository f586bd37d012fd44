//! The professionals who work beside the named demo accounts, as many as the number of
//! families asks for: without them the few named professionals led every file (1,800
//! each at 9,000 families), where a real regisseur leads 15 to 40 open files, and
//! every page that reads a caseload measured the demo instead of the page (issue 18).
//!
//! They are generated, not named: tens of thousands at a million families. Each can
//! sign in like a named account (the demo password and `eenplan demo-code EMAIL`), but
//! they share one password hash computed once, since a memory-hard hash per account
//! would cost the demo minutes at national scale; they are counted in the welcome, not
//! listed.

use std::collections::HashMap;

use eenplan_domain::password;
use eenplan_domain::role::Role;
use eenplan_domain::user::{Email, PersonName};
use eenplan_domain::{OrganisationId, UserId};
use eenplan_store::{NewTeam, NewUser, Store, ids};

use super::names::{ADULT_NAMES, SURNAMES};
use super::people::Professional;
use super::{ACTOR, DEMO_PASSWORD, Summary, data, demo_totp_secret};
use crate::error::{CliError, fail};
use crate::progress::Progress;

/// The open files a professional works in on average: the middle of the 15 to 40 a
/// regisseur leads in practice.
pub const CASELOAD: u64 = 25;

/// Professionals per team, and so per team lead (teams of 8 to 12 in practice).
pub const TEAM_SIZE: usize = 10;

/// Who works in how many open files, per thousand families, and the name of the teams
/// this module adds. Counted on the 10,000-family demo (7 Dec 2026): about half of a
/// simulated history's files are still open; each local team leads those of its
/// region (the generator draws one of five regions, Thuisbasis serves two); SAVE is a
/// partner in about one in nine open files, Veilig Thuis and the WSS in a few (most of
/// Veilig Thuis's work is contacts, not files).
const STAFFING: &[(&str, u64, &str)] = &[
    ("lokalis", 100, "Buurtteam Utrecht"),
    ("binding", 100, "Lokaal team Wijk bij Duurstede"),
    ("lokaal-team-de-bilt", 100, "Lokaal team De Bilt"),
    ("thuisbasis", 200, "Jeugdteam Lopikerwaard"),
    ("save", 110, "SAVE team"),
    ("veilig-thuis-utrecht", 2, "Veilig Thuis team"),
    ("wss", 1, "WSS team"),
];

/// The generated staff: professionals per organisation slug, and how many accounts
/// (with the team leads) and teams were made.
#[derive(Debug, Default)]
pub struct Staff {
    pub professionals: HashMap<&'static str, Vec<Professional>>,
    pub accounts: usize,
    pub teams: usize,
}

/// How many professionals an organisation that works in `per_mille` open files per
/// thousand `families` needs for a caseload of [`CASELOAD`] each (at least one).
pub fn needed(families: u64, per_mille: u64) -> usize {
    let open = families * per_mille;
    usize::try_from(open.div_ceil(1000 * CASELOAD).max(1)).unwrap_or(usize::MAX)
}

/// Adds the generated professionals (and their teams with a generated team lead each)
/// and returns them per organisation slug, to be drawn after the named ones. The named
/// team lead's own team is filled up to [`TEAM_SIZE`] first, so that the named team
/// lead leads a team of realistic size.
pub async fn generate(store: &Store, summary: &Summary, families: u64) -> Result<Staff, CliError> {
    let mut out = Staff::default();
    let plan: Vec<_> = STAFFING
        .iter()
        .filter_map(|(slug, per_mille, team_name)| {
            let org = data::ORGANISATIONS.iter().find(|o| o.slug == *slug)?;
            let named = org
                .people
                .iter()
                .filter(|p| p.roles == [Role::Professional])
                .count();
            Some((
                org,
                needed(families, *per_mille).saturating_sub(named),
                *team_name,
            ))
        })
        .collect();
    let total: usize = plan.iter().map(|(_, n, _)| n + n.div_ceil(TEAM_SIZE)).sum();
    if total == 0 {
        return Ok(out);
    }
    let mut progress = Progress::new("professionals", total as u64);
    // One hash for every generated account: see the module's comment.
    let password_hash = password::hash(DEMO_PASSWORD, ids::random_bytes()).map_err(fail)?;
    let mut tx = store.write().await?;
    let mut made = 0_usize;
    for (org, extra, team_name) in plan {
        let Some(organisation_id) = summary
            .accounts
            .iter()
            .find(|a| a.organisation == org.slug)
            .map(|a| a.organisation_id.clone())
        else {
            continue;
        };
        let domain = org
            .people
            .first()
            .and_then(|p| p.email.split_once('@'))
            .map_or("demo.example", |(_, d)| d);
        let area_id = org
            .teams
            .first()
            .and_then(|(_, area)| *area)
            .and_then(|a| summary.areas.get(a).cloned());
        // The named team lead's team, with room for this many more.
        let lead_team = org
            .people
            .iter()
            .find(|p| p.roles.contains(&Role::TeamLead))
            .and_then(|p| p.team);
        let mut room = lead_team.map_or(0, |t| {
            let members = org
                .people
                .iter()
                .filter(|p| p.team == Some(t) && p.roles == [Role::Professional])
                .count();
            TEAM_SIZE.saturating_sub(members)
        });
        let mut team = lead_team.and_then(|t| summary.team_ids.get(&(org.slug, t)).cloned());
        let mut teams = 0;
        let mut pros = Vec::with_capacity(extra);
        for _ in 0..extra {
            if room == 0 || team.is_none() {
                teams += 1;
                let new = tx
                    .create_team(
                        &ACTOR,
                        NewTeam {
                            organisation_id: organisation_id.clone(),
                            name: format!("{team_name} {teams}"),
                            area_id: area_id.clone(),
                        },
                    )
                    .await?;
                let lead = person(
                    org.slug,
                    domain,
                    made,
                    &organisation_id,
                    &new.id,
                    Role::TeamLead,
                );
                add(&mut tx, lead, &password_hash).await?;
                made += 1;
                out.teams += 1;
                progress.advance(1);
                team = Some(new.id);
                room = TEAM_SIZE;
            }
            let Some(team_id) = &team else { continue };
            let pro = person(
                org.slug,
                domain,
                made,
                &organisation_id,
                team_id,
                Role::Professional,
            );
            let user_id = add(&mut tx, pro, &password_hash).await?;
            made += 1;
            room -= 1;
            progress.advance(1);
            pros.push(Professional {
                user_id,
                organisation_id: organisation_id.clone(),
            });
        }
        out.professionals.insert(org.slug, pros);
    }
    tx.commit().await?;
    progress.finish();
    out.accounts = made;
    Ok(out)
}

/// A generated account: a name from the demo's lists, numbered so every one differs.
fn person(
    slug: &str,
    domain: &str,
    n: usize,
    organisation_id: &OrganisationId,
    team_id: &str,
    role: Role,
) -> (String, String, OrganisationId, String, Role) {
    let first = ADULT_NAMES[n % ADULT_NAMES.len()];
    let last = SURNAMES[(n / ADULT_NAMES.len()) % SURNAMES.len()];
    (
        format!("{slug}.{n:05}@{domain}"),
        format!("{first} {last}"),
        organisation_id.clone(),
        team_id.to_owned(),
        role,
    )
}

async fn add(
    tx: &mut eenplan_store::Tx,
    (email, name, organisation_id, team_id, role): (String, String, OrganisationId, String, Role),
    password_hash: &str,
) -> Result<UserId, CliError> {
    let email = Email::parse(&email).map_err(fail)?;
    let totp = demo_totp_secret(email.as_str());
    let user = tx
        .create_user(
            &ACTOR,
            NewUser {
                email,
                name: PersonName::parse(&name).map_err(fail)?,
                organisation_id,
                team_id: Some(team_id),
                roles: vec![role],
                password_hash: password_hash.to_owned(),
                totp_secret: totp,
            },
        )
        .await?;
    tx.preconfirm_second_factor(&user.id).await?;
    Ok(user.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use eenplan_domain::organisation::Slug;

    #[test]
    fn a_caseload_stays_realistic_from_the_small_demo_to_the_national_one() {
        for families in [300_u64, 10_000, 1_000_000] {
            for (slug, per_mille, _) in STAFFING {
                let staff = needed(families, *per_mille) as u64;
                let open = families * per_mille / 1000;
                if open >= 15 {
                    let each = open / staff;
                    assert!(
                        (15..=40).contains(&each),
                        "{families} families, {slug}: {each} each"
                    );
                }
            }
        }
    }

    #[test]
    fn slugs_are_the_demo_s_organisations() {
        for (slug, _, _) in STAFFING {
            assert!(Slug::parse(slug).is_ok());
            assert!(
                data::ORGANISATIONS.iter().any(|o| o.slug == *slug),
                "{slug}"
            );
        }
    }
}
