//! `/save-op-locatie`: one page, each visitor's parts on it. What is loaded and logged
//! is decided here once, in one read, so the access log says exactly what was shown.

use askama::Template;
use axum::response::Response;
use eenplan_domain::calendar::Calendar;
use eenplan_domain::organisation::OrganisationKind;
use eenplan_domain::save_on_site::may_manage_schedule;
use eenplan_store::{FamilyQuery, OnSiteConsultation};

use super::lead::{self, SlotLine};
use super::local::{self, TeamDay};
use super::worker::{self, DayBlock};
use super::{Line, View, Which, line};
use crate::auth::family::{access_entry, visible_families};
use crate::flows::save_on_site::access::{log_family_reads, log_named_reads};
use crate::flows::save_on_site::texts::{OnSiteTexts, texts};
use crate::kit::dates::today;
use crate::kit::form::{Errors, FormData, Input};
use crate::kit::form_status;
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, PageError, Shell, render};

#[derive(Template)]
#[template(path = "save_on_site/show.html")]
struct ShowPage {
    shell: Shell,
    x: &'static OnSiteTexts,
    is_worker: bool,
    on_site_today: bool,
    /// Today or a recent day was an on-site day: walk-ins can be written down.
    has_recent_days: bool,
    days: Vec<DayBlock>,
    walk_in_inputs: Vec<Input>,
    /// The one summary of whichever of the page's forms came back refused.
    summary: ErrorSummary,
    is_lead: bool,
    schedule: Vec<SlotLine>,
    slot_inputs: Vec<Input>,
    is_local: bool,
    team_days: Vec<TeamDay>,
    booking_inputs: Vec<Input>,
    mine: Vec<Line>,
}

pub async fn show(ctx: Ctx) -> Result<Response, PageError> {
    show_page(&ctx, None).await
}

/// The page, with the form that was sent (if any) back with its values and errors.
pub(super) async fn show_page(
    ctx: &Ctx,
    form: Option<(Which, &FormData, &Errors)>,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let state = &ctx.state;
    let client = ctx.client.0.as_str();
    let v = View {
        lang: ctx.lang,
        t: ctx.t(),
        x: texts(ctx.lang),
        today: today(),
        cal: Calendar::default(),
    };
    let is_lead = may_manage_schedule(&p.roles, p.organisation_kind);
    let is_local = p.organisation_kind == OrganisationKind::LocalTeam && p.team_id.is_some();
    let (w, l, mut o) = {
        let mut tx = state.store.read().await?;
        let w = worker::load(&mut tx, p, v.today, &v.cal).await?;
        let l = if is_lead {
            lead::load(&mut tx, p).await?
        } else {
            lead::LeadData::default()
        };
        let o = match (is_local, p.team_id.as_deref()) {
            (true, Some(team)) => local::load(&mut tx, p, team, v.today).await?,
            _ => local::LocalData::default(),
        };
        (w, l, o)
    };
    // The families a local professional may name: their own, decided one by one.
    if is_local {
        o.own_families = visible_families(state, p, &FamilyQuery::default()).await?;
    }
    let shown: Vec<&OnSiteConsultation> = w.worker_list.iter().chain(&o.mine).collect();
    log_named_reads(state, p, &shown, "GET /save-op-locatie", client).await?;
    let candidates: Vec<&str> = w.named.iter().map(|(id, _, _)| id.as_str()).collect();
    log_family_reads(
        state,
        p,
        candidates,
        "GET /save-op-locatie (inloop op naam: keuzelijst)",
        client,
    )
    .await?;
    if is_local {
        state
            .store
            .log_access(access_entry(
                p,
                eenplan_domain::access_log::AccessEvent::Search,
                None,
                None,
                format!(
                    "GET /save-op-locatie (eigen gezinnen voor overleg op naam) results={}",
                    o.own_families.len()
                ),
                client,
            ))
            .await?;
    }

    let empty_data = FormData(vec![]);
    let empty_errs = Errors::new();
    let form_of = |which: fn(&Which) -> bool| match &form {
        Some((w, d, e)) if which(w) => (*d, *e),
        _ => (&empty_data, &empty_errs),
    };
    let walk_in = form_of(|w| matches!(w, Which::WalkIn));
    let worker = worker::section(&w, &v, walk_in);
    let slot = form_of(|w| matches!(w, Which::Slot));
    let end = match &form {
        Some((Which::End(id), d, e)) => Some((id.as_str(), (*d, *e))),
        _ => None,
    };
    let (schedule, slot_inputs) = lead::section(&l, &v, end, slot);
    let booking = form_of(|w| matches!(w, Which::Booking));
    let (team_days, booking_inputs) = local::section(&o, &v, booking);

    let refused = form.as_ref().is_some_and(|(_, _, e)| !e.is_empty());
    let status = form_status(!refused);
    let refused_inputs = match &form {
        Some((Which::WalkIn, _, _)) => &worker.walk_in_inputs,
        Some((Which::Booking, _, _)) => &booking_inputs,
        _ => &slot_inputs,
    };
    let summary = schedule
        .iter()
        .fold(
            ErrorSummary::of_inputs(v.lang, &worker.walk_in_inputs).with_inputs(&slot_inputs),
            |s, l| s.with_inputs(std::slice::from_ref(&l.end_input)),
        )
        .with_inputs(&booking_inputs)
        .or_refused(refused, refused_inputs);
    Ok(render(
        status,
        &ShowPage {
            shell: ctx.shell("/save-op-locatie"),
            x: v.x,
            is_worker: !w.my_slots.is_empty(),
            on_site_today: worker.on_site_today,
            has_recent_days: worker.has_recent_days,
            days: worker.days,
            walk_in_inputs: worker.walk_in_inputs,
            summary,
            is_lead,
            schedule,
            slot_inputs,
            is_local,
            team_days,
            booking_inputs,
            mine: o.mine.iter().map(|c| line(v.lang, v.x, c)).collect(),
        },
    ))
}
