//! `/save-op-locatie/geschiedenis`: the SAVE worker's past consultations, by team and
//! period (bounded by the domain's `history_period`), newest first, a page at a time
//! with the number over all pages.

use askama::Template;
use axum::extract::RawQuery;
use axum::response::Response;
use eenplan_domain::save_on_site::{self, OnSiteError};
use eenplan_store::OnSiteConsultation;

use super::{Line, line};
use crate::flows::save_on_site::access::log_named_reads;
use crate::flows::save_on_site::texts::{OnSiteTexts, texts};
use crate::kit::dates::{dutch_date, today};
use crate::kit::form::{self, Errors, FormData, Input, TextField};
use crate::kit::form_status;
use crate::kit::paging::{self, PageNav};
use crate::kit::summary::ErrorSummary;
use crate::kit::texts::fill;
use crate::kit::{Ctx, PageError, Refusal, Shell, choose, render};

#[derive(Template)]
#[template(path = "save_on_site/history.html")]
struct HistoryPage {
    shell: Shell,
    x: &'static OnSiteTexts,
    inputs: Vec<Input>,
    summary: ErrorSummary,
    /// "12 overleggen van 8 nov 2026 tot en met 6 dec 2026".
    count_line: String,
    lines: Vec<Line>,
    nav: PageNav,
    bad_cursor: bool,
}

/// The tag the history's cursors carry (it has one order).
pub const HISTORY_SORT: &str = "geschiedenis";

pub async fn history(ctx: Ctx, RawQuery(q): RawQuery) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let (lang, t, x) = (ctx.lang, ctx.t(), texts(ctx.lang));
    let d = FormData(serde_urlencoded::from_str(q.as_deref().unwrap_or("")).unwrap_or_default());
    let mut errs = Errors::new();
    let from = form::optional_date(&d, "van", t, &mut errs);
    let to = form::optional_date(&d, "tot", t, &mut errs);
    let mut tx = ctx.store().read().await?;
    let mut teams: Vec<(String, String)> = Vec::new();
    for s in tx.on_site_slots_of_worker(&p.user_id).await? {
        if !teams.iter().any(|(id, _)| *id == s.slot.team_id) {
            teams.push((
                s.slot.team_id.clone(),
                format!("{} — {}", s.local_organisation_name, s.team_name),
            ));
        }
    }
    let team = Some(d.get("team")).filter(|t| !t.is_empty());
    if let Some(team) = &team
        && !teams.iter().any(|(id, _)| id == team)
    {
        errs.insert("team", t.err_choose);
    }
    let period = match save_on_site::history_period(from, to, today()) {
        Ok(period) => Some(period),
        Err(e) => {
            let field = match e {
                OnSiteError::PeriodReversed => "van",
                _ => "tot",
            };
            errs.entry(field).or_insert(e.text(lang));
            None
        }
    };
    let seek = paging::decode(Some(&d.get("cursor")), HISTORY_SORT);
    let limit = paging::DEFAULT_LIMIT;
    let (rows, total) = match (period.filter(|_| errs.is_empty()), &seek) {
        (Some(period), Ok(seek)) => (
            tx.on_site_history_page(&p.user_id, team.as_deref(), period, seek, limit + 1)
                .await?,
            tx.on_site_history_count(&p.user_id, team.as_deref(), period)
                .await?,
        ),
        _ => (Vec::new(), 0),
    };
    drop(tx);
    let page = paging::window(
        rows,
        limit,
        seek.as_ref().unwrap_or(&eenplan_store::Seek::First),
        HISTORY_SORT,
        |(_, k)| k.clone(),
    );
    let list: Vec<OnSiteConsultation> = page.items.iter().map(|(c, _)| c.clone()).collect();
    let nav = PageNav::new(
        lang,
        &page,
        String::new(),
        "/save-op-locatie/geschiedenis",
        q.as_deref(),
    );
    let shown: Vec<&OnSiteConsultation> = list.iter().collect();
    let data = "GET /save-op-locatie/geschiedenis";
    log_named_reads(&ctx.state, p, &shown, data, &ctx.client.0).await?;
    let (from_text, to_text) = period.map_or((String::new(), String::new()), |(f, l)| {
        (dutch_date(lang, f), dutch_date(lang, l))
    });
    let value = |name: &str, fallback: Option<jiff::civil::Date>| match d.get(name) {
        s if s.is_empty() => fallback.map(|d| d.to_string()).unwrap_or_default(),
        s => s,
    };
    let inputs = vec![
        Input::Text(
            TextField::new(
                "van",
                x.so_history_from,
                &value("van", period.map(|p| p.0)),
                errs.get("van").copied(),
            )
            .kind("date"),
        ),
        Input::Text(
            TextField::new(
                "tot",
                x.so_history_to,
                &value("tot", period.map(|p| p.1)),
                errs.get("tot").copied(),
            )
            .kind("date")
            .hint(x.so_history_hint),
        ),
        choose::named("team", x.f_so_team, t, &teams, &d, &errs),
    ];
    let count = total.to_string();
    let status = if seek.is_err() && errs.is_empty() {
        axum::http::StatusCode::BAD_REQUEST
    } else {
        form_status(errs.is_empty())
    };
    Ok(render(
        status,
        &HistoryPage {
            shell: ctx.shell("/save-op-locatie/geschiedenis"),
            x,
            summary: ErrorSummary::of_inputs(lang, &inputs).or_refused(!errs.is_empty(), &inputs),
            count_line: if period.is_some() && errs.is_empty() {
                fill(
                    if total == 1 {
                        x.so_history_count_one
                    } else {
                        x.so_history_count
                    },
                    &[("n", &count), ("from", &from_text), ("to", &to_text)],
                )
            } else {
                String::new()
            },
            lines: list.iter().map(|c| line(lang, x, c)).collect(),
            inputs,
            nav,
            bad_cursor: seek.is_err(),
        },
    ))
}
