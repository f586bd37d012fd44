//! The bell's page `/berichten`: the person's notifications newest first, grouped by
//! family within the page (a heading per file they may see now), paged; opening one
//! marks it read and goes where it leads after checking access again; a lost access
//! opens a page that says only that.

use std::collections::HashMap;

use askama::Template;
use axum::extract::RawQuery;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::family::{Basis, DueKey};
use eenplan_domain::notification::NotificationKind;
use eenplan_domain::veilig_thuis::{Outcome, reporter_feedback};
use eenplan_store::Notification;

use super::api::SORT;
use super::links::{Target, target};
use super::ops;
use super::texts::{NotificationTexts, notification_texts};
use crate::extract::Path;
use crate::kit::dates::{shown, when};
use crate::kit::form::code_label;
use crate::kit::paging::{DEFAULT_LIMIT, PageNav, decode, window};
use crate::kit::texts::fill;
use crate::kit::{Ctx, Lang, PageError, Shell, render};

/// One notification as the list shows it.
struct Item {
    id: String,
    kind: String,
    /// A lost access's notice names the file the partner knew, nothing more.
    lost: Option<String>,
    when: String,
    /// A reminder: what is due, and when (or since when it is late).
    due: Option<String>,
    unread: bool,
    /// "Openen: <kind>", so each link's name says which one it opens.
    open_label: String,
}

/// The notifications of one file within the page, or of no file shown.
struct Group {
    heading: String,
    items: Vec<Item>,
}

#[derive(Template)]
#[template(path = "notifications/list.html")]
struct ListPage {
    shell: Shell,
    x: &'static NotificationTexts,
    groups: Vec<Group>,
    total: String,
    unread: i64,
    nav: PageNav,
}

#[derive(Template)]
#[template(path = "notifications/open.html")]
struct OpenPage {
    shell: Shell,
    x: &'static NotificationTexts,
    title: String,
    text: String,
}

fn item(lang: Lang, x: &NotificationTexts, n: &Notification) -> Item {
    let kind = code_label(lang, n.kind);
    Item {
        id: n.id.clone(),
        lost: (n.kind == NotificationKind::AccessLost)
            .then(|| n.lost_label.clone())
            .flatten(),
        when: when(lang, &n.created_at),
        due: n.due_on.as_deref().map(|d| {
            let text = match n.kind {
                NotificationKind::Overdue => x.due_since,
                _ => x.due_on,
            };
            let when = fill(text, &[("date", &shown(lang, d))]);
            match n.subject_id.as_deref().and_then(DueKey::parse) {
                Some(key) => format!("{}, {when}", due_what(lang, &key)),
                None => when,
            }
        }),
        unread: !n.read(),
        open_label: fill(x.open_about, &[("what", &kind)]),
        kind,
    }
}

/// What a reminder is about, in the words the family's overview uses for it.
fn due_what(lang: Lang, key: &DueKey) -> String {
    let o = notification_texts(lang);
    match key {
        DueKey::PlanReview => o.plan_review.to_owned(),
        DueKey::PlanAction(domain) => format!("{} ({})", o.action, code_label(lang, *domain)),
        DueKey::SaveGuidanceReview => o.save_review.to_owned(),
        DueKey::VeiligThuisAssessment { .. } => o.vt_assessment.to_owned(),
        DueKey::VeiligThuisFollowUp { .. } => o.vt_follow_up.to_owned(),
    }
}

/// Groups in the page's order (the newest first): one per file the reader may see,
/// then the rest under "Overige berichten".
fn groups(
    lang: Lang,
    x: &NotificationTexts,
    list: &[Notification],
    shown: &HashMap<String, Basis>,
) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut other: Vec<Item> = Vec::new();
    for n in list {
        match ops::label(n, shown) {
            Some(label) => match out.iter_mut().find(|g| g.heading == label) {
                Some(g) => g.items.push(item(lang, x, n)),
                None => out.push(Group {
                    heading: label.to_owned(),
                    items: vec![item(lang, x, n)],
                }),
            },
            None => other.push(item(lang, x, n)),
        }
    }
    if !other.is_empty() {
        out.push(Group {
            heading: x.other.to_owned(),
            items: other,
        });
    }
    out
}

#[derive(Debug, serde::Deserialize)]
pub struct ListQuery {
    cursor: Option<String>,
}

pub async fn list(
    ctx: Ctx,
    RawQuery(raw): RawQuery,
    crate::kit::extract::Query(q): crate::kit::extract::Query<ListQuery>,
) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let (lang, x) = (ctx.lang, notification_texts(ctx.lang));
    let Ok(seek) = decode(q.cursor.as_deref(), SORT) else {
        return Ok(Redirect::to("/berichten").into_response());
    };
    let ((rows, total), unread) = {
        let mut tx = ctx.store().read().await?;
        let rows = tx.notifications(&p.user_id, &seek, DEFAULT_LIMIT).await?;
        (rows, tx.unread_notifications(&p.user_id).await?)
    };
    let page = window(rows, DEFAULT_LIMIT, &seek, SORT, Notification::page_key);
    let shown = ops::visible(&ctx, p, &page.items).await?;
    ops::log_labels_shown(&ctx, p, &shown, "GET /berichten").await?;
    let total = fill(
        x.total,
        &[("n", &total.to_string()), ("unread", &unread.to_string())],
    );
    let nav = PageNav::new(lang, &page, total.clone(), "/berichten", raw.as_deref());
    Ok(render(
        axum::http::StatusCode::OK,
        &ListPage {
            shell: ctx.shell("/berichten"),
            x,
            groups: groups(lang, x, &page.items, &shown),
            total,
            unread,
            nav,
        },
    ))
}

/// Opens one: marks it read, checks access to the file again, and goes where it leads;
/// a lost access, the reporter's feedback, or a file shut now, stay on a page of their
/// own that says no more than the reader may know.
pub async fn open(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let (lang, x) = (ctx.lang, notification_texts(ctx.lang));
    let n = {
        let mut tx = ctx.store().write().await?;
        let n = tx
            .mark_notification_read(&p.user_id, &id, UtcTime::now())
            .await?;
        tx.commit().await?;
        n.ok_or_else(PageError::not_found)?
    };
    let here = |title: String, text: String| {
        render(
            axum::http::StatusCode::OK,
            &OpenPage {
                shell: ctx.shell(&format!("/berichten/{id}")),
                x,
                title,
                text,
            },
        )
    };
    if n.kind == NotificationKind::AccessLost {
        let text = match &n.lost_label {
            Some(label) => fill(
                x.lost,
                &[("label", label), ("date", &when(lang, &n.created_at))],
            ),
            None => x.lost_unknown.to_owned(),
        };
        return Ok(here(x.lost_title.to_owned(), text));
    }
    if n.kind == NotificationKind::ReporterFeedback {
        let sentence = n
            .subject_id
            .as_deref()
            .and_then(|o| o.parse::<Outcome>().ok())
            .map(reporter_feedback)
            .map(|(nl, en)| if lang == Lang::En { en } else { nl })
            .unwrap_or_default();
        return Ok(here(code_label(lang, n.kind), sentence.to_owned()));
    }
    match target(n.kind, n.family_id.as_deref(), n.subject_id.as_deref()) {
        Target::File(path) => {
            let shown = ops::visible(&ctx, p, std::slice::from_ref(&n)).await?;
            if shown.is_empty() {
                return Ok(here(x.lost_title.to_owned(), x.lost_unknown.to_owned()));
            }
            Ok(Redirect::to(&path).into_response())
        }
        Target::FileOr(path, otherwise) => {
            let shown = ops::visible(&ctx, p, std::slice::from_ref(&n)).await?;
            Ok(Redirect::to(if shown.is_empty() { otherwise } else { &path }).into_response())
        }
        Target::Elsewhere(path) => Ok(Redirect::to(&path).into_response()),
        Target::Here => Ok(here(code_label(lang, n.kind), String::new())),
    }
}

/// "Markeer als gelezen": back to the list where it was.
pub async fn mark_read(ctx: Ctx, Path(id): Path<String>) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let mut tx = ctx.store().write().await?;
    let marked = tx
        .mark_notification_read(&p.user_id, &id, UtcTime::now())
        .await?;
    tx.commit().await?;
    marked.ok_or_else(PageError::not_found)?;
    Ok(Redirect::to("/berichten").into_response())
}

/// "Alles als gelezen markeren": every notification of this person read at once, back
/// to the list.
pub async fn mark_all_read(ctx: Ctx) -> Result<Response, PageError> {
    let p = ctx.principal()?;
    let mut tx = ctx.store().write().await?;
    tx.mark_all_notifications_read(&p.user_id, UtcTime::now())
        .await?;
    tx.commit().await?;
    Ok(Redirect::to("/berichten").into_response())
}
