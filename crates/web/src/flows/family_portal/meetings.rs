//! The meetings about the family that are still to come (joint assessment meetings),
//! with Dutch dates, each through the portal rule as a `Meeting`.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use eenplan_domain::family::portal::{Item, ItemKind};
use eenplan_domain::joint_assessment::MeetingState;

use super::read_texts::{MeetingTexts, meetings as texts};
use crate::auth::portal::PortalCtx;
use crate::kit::dates::long_date;
use crate::kit::form::code_label;
use crate::kit::{Ctx, PageError, Shell, render};

pub const PATH: &str = "/mijn-gezin/afspraken";

struct Upcoming {
    what: String,
    day: String,
    time: String,
    with: String,
    family_takes_part: bool,
}

#[derive(Template)]
#[template(path = "family_portal/meetings.html")]
struct MeetingsPage {
    shell: Shell,
    m: &'static MeetingTexts,
    meetings: Vec<Upcoming>,
}

pub async fn show(ctx: Ctx) -> Result<Response, PageError> {
    let portal = PortalCtx::load(&ctx).await?;
    let lang = ctx.lang;
    let stored = {
        let mut tx = ctx.state.store.read().await?;
        tx.meetings(&portal.family.id).await?
    };
    let item = Item::family(ItemKind::Meeting);
    let mut meetings: Vec<_> = stored
        .iter()
        .filter(|m| m.state == MeetingState::Scheduled && m.meets_on() >= portal.today)
        .filter(|_| portal.shows(&item).is_some())
        .collect();
    // Soonest first.
    meetings.sort_by_key(|m| m.meets_at);
    let meetings = meetings
        .into_iter()
        .map(|m| Upcoming {
            what: code_label(lang, m.kind),
            day: long_date(lang, m.meets_on()),
            time: format!("{:02}:{:02}", m.meets_at.hour(), m.meets_at.minute()),
            with: m
                .invited
                .iter()
                .map(|(_, name)| name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            family_takes_part: m.family_takes_part,
        })
        .collect();
    portal.log_read(&ctx, PATH).await?;
    Ok(render(
        StatusCode::OK,
        &MeetingsPage {
            shell: ctx.shell(PATH),
            m: texts(lang),
            meetings,
        },
    ))
}
