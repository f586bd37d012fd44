//! `eenplan area add`, `eenplan org add`, `eenplan team add`: what an operator needs to
//! set up a region on an empty database, without the demo. Each command checks what was
//! typed, does its work in one transaction (journaled like every change) and either
//! commits all of it or nothing.

use std::process::ExitCode;

use eenplan_domain::area::AreaKind;
use eenplan_domain::organisation::{OrganisationKind, Slug};
use eenplan_domain::user::Phone;
use eenplan_store::{Area, DatabaseUrl, NewArea, NewOrganisation, NewTeam, OpenMode, Store, Tx};

use crate::cli::{AreaAddArgs, AreaCommand, OrgAddArgs, OrgCommand, TeamAddArgs, TeamCommand};
use crate::error::{CliError, fail};
use crate::user::operator;

pub async fn area(command: AreaCommand) -> Result<ExitCode, CliError> {
    match command {
        AreaCommand::Add(args) => area_add(args).await,
        AreaCommand::List(db) => {
            let url = DatabaseUrl::parse(&db.database)?;
            let store = Store::open(&url, OpenMode::MustExist).await?;
            let areas = async { store.read().await?.areas().await }.await;
            store.close().await;
            let areas = areas?;
            for a in &areas {
                out!("{}", describe(a, &areas));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub async fn org(command: OrgCommand) -> Result<ExitCode, CliError> {
    match command {
        OrgCommand::Add(args) => org_add(args).await,
        OrgCommand::List(db) => {
            let url = DatabaseUrl::parse(&db.database)?;
            let store = Store::open(&url, OpenMode::MustExist).await?;
            let orgs = async { store.read().await?.organisations().await }.await;
            store.close().await;
            for o in orgs? {
                out!("{}\t{}\t{}", o.slug, o.kind.code(), o.name);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub async fn team(command: TeamCommand) -> Result<ExitCode, CliError> {
    match command {
        TeamCommand::Add(args) => team_add(args).await,
    }
}

async fn area_add(args: AreaAddArgs) -> Result<ExitCode, CliError> {
    let kind: AreaKind = args
        .kind
        .parse()
        .map_err(|e| fail(format!("--kind: {e}")))?;
    let code = args
        .code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    let url = DatabaseUrl::parse(&args.db.database)?;
    let store = Store::open(&url, OpenMode::MustExist).await?;
    let result = async {
        let mut tx = store.write().await?;
        let parent = match &args.parent {
            Some(reference) => {
                Some(find_area(&mut tx, "--parent", reference, kind.parent_kind()).await?)
            }
            None => None,
        };
        let area = tx
            .create_area(
                &operator(),
                NewArea {
                    kind,
                    name: args.name.clone(),
                    code,
                    parent_id: parent.as_ref().map(|p| p.id.clone()),
                },
            )
            .await?;
        tx.commit().await?;
        let all = [parent.into_iter().collect::<Vec<_>>(), vec![area.clone()]].concat();
        out!("added {}", describe(&area, &all));
        Ok(ExitCode::SUCCESS)
    }
    .await;
    store.close().await;
    result
}

async fn org_add(args: OrgAddArgs) -> Result<ExitCode, CliError> {
    let slug = Slug::parse(args.slug.trim()).map_err(|e| fail(format!("--slug: {e}")))?;
    let kind: OrganisationKind = args
        .kind
        .parse()
        .map_err(|e| fail(format!("--kind: {e}")))?;
    let phone = Phone::parse(&args.phone).map_err(|e| fail(format!("--phone: {e}")))?;
    let url = DatabaseUrl::parse(&args.db.database)?;
    let store = Store::open(&url, OpenMode::MustExist).await?;
    let result = async {
        let mut tx = store.write().await?;
        // Every area first: a typo in the last one must not leave a half-made organisation.
        let mut areas = Vec::new();
        for reference in &args.areas {
            areas.push(find_area(&mut tx, "--area", reference, None).await?);
        }
        let actor = operator();
        let org = tx
            .create_organisation(
                &actor,
                NewOrganisation {
                    slug,
                    name: args.name.clone(),
                    kind,
                },
            )
            .await?;
        tx.set_organisation_phone(&actor, &org.id, Some(&phone))
            .await?;
        for area in &areas {
            tx.add_organisation_area(&actor, &org.id, &area.id).await?;
        }
        tx.commit().await?;
        let names: Vec<&str> = areas.iter().map(|a| a.name.as_str()).collect();
        out!(
            "added {} ({}, {}), phone {}{}",
            org.slug,
            org.name,
            org.kind.label_en().to_lowercase(),
            phone.as_str(),
            if names.is_empty() {
                String::new()
            } else {
                format!(", working in {}", names.join(", "))
            }
        );
        Ok(ExitCode::SUCCESS)
    }
    .await;
    store.close().await;
    result
}

async fn team_add(args: TeamAddArgs) -> Result<ExitCode, CliError> {
    let url = DatabaseUrl::parse(&args.db.database)?;
    let store = Store::open(&url, OpenMode::MustExist).await?;
    let result = async {
        let mut tx = store.write().await?;
        let Some(org) = tx.organisation_by_slug(args.org.trim()).await? else {
            let known: Vec<String> = tx
                .organisations()
                .await?
                .into_iter()
                .map(|o| o.slug)
                .collect();
            return Err(fail(format!(
                "--org: unknown organisation '{}'; known organisations: {}",
                args.org,
                listed(&known)
            )));
        };
        let area = match &args.area {
            Some(reference) => Some(find_area(&mut tx, "--area", reference, None).await?),
            None => None,
        };
        let team = tx
            .create_team(
                &operator(),
                NewTeam {
                    organisation_id: org.id.clone(),
                    name: args.name.clone(),
                    area_id: area.as_ref().map(|a| a.id.clone()),
                },
            )
            .await?;
        tx.commit().await?;
        out!(
            "added team {} at {}{}",
            team.name,
            org.slug,
            area.map(|a| format!(", working in {}", a.name))
                .unwrap_or_default()
        );
        Ok(ExitCode::SUCCESS)
    }
    .await;
    store.close().await;
    result
}

/// An area by its CBS code (`GM0344`), its name, or `Parent/Name` where a name occurs
/// under several parents (every municipality may have a "Centrum"); `kind`, when known
/// (a parent's), tells the province Utrecht from the municipality.
async fn find_area(
    tx: &mut Tx,
    flag: &str,
    reference: &str,
    kind: Option<AreaKind>,
) -> Result<Area, CliError> {
    let reference = reference.trim();
    let areas: Vec<Area> = tx
        .areas()
        .await?
        .into_iter()
        .filter(|a| kind.is_none_or(|k| a.kind == k))
        .collect();
    let parent_name = |a: &Area| {
        a.parent_id
            .as_deref()
            .and_then(|p| areas.iter().find(|x| x.id == p))
            .map(|p| p.name.as_str())
    };
    let by_code: Vec<&Area> = areas
        .iter()
        .filter(|a| {
            a.code
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(reference))
        })
        .collect();
    let found: Vec<&Area> = if by_code.is_empty() {
        let (parent, name) = match reference.rsplit_once('/') {
            Some((parent, name)) => (Some(parent.trim()), name.trim()),
            None => (None, reference),
        };
        areas
            .iter()
            .filter(|a| a.name.eq_ignore_ascii_case(name))
            .filter(|a| {
                parent.is_none_or(|p| parent_name(a).is_some_and(|n| n.eq_ignore_ascii_case(p)))
            })
            .collect()
    } else {
        by_code
    };
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(fail(format!(
            "{flag}: no area '{reference}'; known areas: {} (add it first with `eenplan area add`)",
            listed(&areas.iter().map(|a| a.name.clone()).collect::<Vec<_>>())
        ))),
        several => Err(fail(format!(
            "{flag}: '{reference}' names several areas: write one of {}",
            several
                .iter()
                .map(|a| match (&a.code, parent_name(a)) {
                    (Some(code), _) => format!("'{code}'"),
                    (None, Some(p)) => format!("'{p}/{}'", a.name),
                    (None, None) => format!("'{}' (give it a CBS code to tell it apart)", a.name),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// "municipality Utrecht (GM0344) in Utrecht": kind, name, code, and the parent's name.
fn describe(a: &Area, all: &[Area]) -> String {
    let code = a
        .code
        .as_deref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    let parent = a
        .parent_id
        .as_deref()
        .and_then(|p| all.iter().find(|x| x.id == p))
        .map(|p| format!(" in {}", p.name))
        .unwrap_or_default();
    format!(
        "{} {}{code}{parent}",
        a.kind.label_en().to_lowercase(),
        a.name
    )
}

fn listed(names: &[String]) -> String {
    if names.is_empty() {
        "none yet".to_owned()
    } else {
        names.join(", ")
    }
}
