//! Who looked at the family's file, newest first, one sentence per access-log line in
//! the domain's words (`log_sentence`): organisation and role, the family's own workers
//! by name, an emergency access with whether it was reviewed. Each line through the
//! portal rule as an `AccessLogLine`. The last [`STEP`] lines, and a link for more.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use eenplan_domain::access_log::AccessBasis;
use eenplan_domain::family::portal::{Item, ItemKind, LogLine, LogObject, log_sentence};
use eenplan_domain::role::Role;
use eenplan_store::PortalAccessLine;
use serde::Deserialize;

use super::read_texts::{LookedTexts, looked as texts};
use crate::auth::portal::PortalCtx;
use crate::kit::extract::Query;
use crate::kit::{Ctx, Lang, PageError, Shell, render};

pub const PATH: &str = "/mijn-gezin/inzage";

/// Lines per step of "meer".
const STEP: i64 = 20;
/// The most one page shows; the privacy officer's export holds the rest.
const MOST: i64 = 1_000;

#[derive(Debug, Deserialize)]
pub struct Shown {
    aantal: Option<String>,
}

#[derive(Template)]
#[template(path = "family_portal/looked.html")]
struct LookedPage {
    shell: Shell,
    l: &'static LookedTexts,
    sentences: Vec<String>,
    /// The link to the next step, when there is more.
    more: Option<String>,
}

/// What part of the file a logged page or operation is about, by the first path
/// segment after the family (`GET /gezinnen/{family}/plan/akkoord`: the plan).
fn object(data: &str) -> LogObject {
    if data.starts_with("document ") {
        return LogObject::Documents;
    }
    let path = data.split_whitespace().nth(1).unwrap_or("");
    let part = path
        .split('/')
        .skip_while(|s| *s != "{family}")
        .nth(1)
        .unwrap_or("");
    match part {
        "plan" => LogObject::Plan,
        "toestemming" | "consents" => LogObject::Consents,
        "leden" | "gezin" | "members" => LogObject::Members,
        "netwerk" | "network" => LogObject::Network,
        "notities" | "notes" => LogObject::Notes,
        "documenten" | "documents" => LogObject::Documents,
        "beoordeling" | "joint-assessments" => LogObject::Meetings,
        _ => LogObject::File,
    }
}

/// The role the worker acted in: as team lead when that was the basis, else as a
/// professional when they are one, else their first role.
fn acting_role(line: &PortalAccessLine) -> Role {
    let roles: Vec<Role> = line
        .roles
        .split(',')
        .filter_map(|r| r.trim().parse().ok())
        .collect();
    if line.basis == Some(AccessBasis::TeamLeadOfRegisseur) && roles.contains(&Role::TeamLead) {
        return Role::TeamLead;
    }
    if roles.contains(&Role::Professional) {
        return Role::Professional;
    }
    roles.first().copied().unwrap_or(Role::Professional)
}

pub async fn show(ctx: Ctx, Query(q): Query<Shown>) -> Result<Response, PageError> {
    let portal = PortalCtx::load(&ctx).await?;
    let lang = ctx.lang;
    let wanted = q
        .aantal
        .and_then(|a| a.trim().parse::<i64>().ok())
        .unwrap_or(STEP)
        .clamp(STEP, MOST);
    let lines = {
        let mut tx = ctx.state.store.read().await?;
        tx.portal_access_lines(&portal.family.id, wanted + 1)
            .await?
    };
    let has_more = i64::try_from(lines.len()).unwrap_or(i64::MAX) > wanted && wanted < MOST;
    let item = Item::family(ItemKind::AccessLogLine);
    let in_flower = |user: &str| {
        portal
            .family
            .involvements
            .iter()
            .any(|i| !i.ended && i.user_id == user)
    };
    let sentences = lines
        .iter()
        .take(usize::try_from(wanted).unwrap_or(0))
        .filter(|_| portal.shows(&item).is_some())
        .map(|line| {
            log_sentence(
                &LogLine {
                    organisation_name: &line.organisation_name,
                    organisation_kind: line.organisation_kind,
                    role: acting_role(line),
                    event: line.event,
                    object: object(&line.data),
                    at: line.at,
                    worker_name: Some(line.user_name.as_str()),
                    in_flower: in_flower(&line.user_id),
                    emergency_reviewed: line.emergency_reviewed,
                    basis: line.basis,
                },
                lang == Lang::En,
            )
        })
        .collect();
    portal.log_read(&ctx, PATH).await?;
    Ok(render(
        StatusCode::OK,
        &LookedPage {
            shell: ctx.shell(PATH),
            l: texts(lang),
            sentences,
            more: has_more.then(|| format!("{PATH}?aantal={}", wanted + STEP)),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_part_of_the_file_comes_from_the_logged_route() {
        assert_eq!(
            object("GET /gezinnen/{family}/plan/akkoord"),
            LogObject::Plan
        );
        assert_eq!(
            object("GET /api/v1/families/{family}/consents"),
            LogObject::Consents
        );
        assert_eq!(object("GET /gezinnen/{family}"), LogObject::File);
        assert_eq!(object("document abc"), LogObject::Documents);
        assert_eq!(object(""), LogObject::File);
    }
}
