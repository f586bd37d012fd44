//! The notifications API: the caller's list, paged like every list, and marking one
//! read. Someone else's notification is not found.

use axum::Json;
use axum::extract::RawQuery;
use axum::response::Response;
use eenplan_domain::UtcTime;
use eenplan_domain::family::Basis;
use eenplan_store::Notification;
use std::collections::HashMap;

use super::links::target;
use super::ops;
use super::schemas::{NotificationFamily, NotificationItem, Notifications};
use super::texts::NotificationTexts;
use crate::extract::Path;
use crate::kit::extract::Query;
use crate::kit::form::code_label;
use crate::kit::paging::{TOTAL_COUNT, api_paging, window, with_links};
use crate::kit::{ApiError, Ctx, Lang};

/// The list's sort, as its cursors name it.
pub(super) const SORT: &str = "newest";

#[derive(Debug, serde::Deserialize)]
pub struct ListParams {
    limit: Option<String>,
    cursor: Option<String>,
}

fn item(lang: Lang, n: &Notification, shown: &HashMap<String, Basis>) -> NotificationItem {
    let family = ops::label(n, shown).and_then(|label| {
        n.family_id.as_ref().map(|id| NotificationFamily {
            id: id.clone(),
            label: label.to_owned(),
        })
    });
    NotificationItem {
        id: n.id.clone(),
        created_at: n.created_at.clone(),
        kind: n.kind.code().to_owned(),
        title: code_label(lang, n.kind),
        read: n.read(),
        link: target(n.kind, n.family_id.as_deref(), n.subject_id.as_deref()).path(&n.id),
        family,
    }
}

pub async fn list(
    ctx: Ctx,
    RawQuery(raw): RawQuery,
    Query(q): Query<ListParams>,
) -> Result<Response, ApiError> {
    let p = ctx.caller()?;
    let (limit, seek) = api_paging(q.limit.as_deref(), q.cursor.as_deref(), SORT)?;
    let ((rows, total), unread) = {
        let mut tx = ctx.store().read().await?;
        let rows = tx.notifications(&p.user_id, &seek, limit).await?;
        (rows, tx.unread_notifications(&p.user_id).await?)
    };
    let page = window(rows, limit, &seek, SORT, Notification::page_key);
    let shown = ops::visible(&ctx, p, &page.items).await?;
    ops::log_labels_shown(&ctx, p, &shown, "GET /api/v1/notifications").await?;
    let body = Notifications {
        notifications: page
            .items
            .iter()
            .map(|n| item(ctx.lang, n, &shown))
            .collect(),
        unread,
    };
    let mut response = with_links(Json(body), &page, "/api/v1/notifications", raw.as_deref());
    response.headers_mut().insert(TOTAL_COUNT, total.into());
    Ok(response)
}

pub async fn read(ctx: Ctx, Path(id): Path<String>) -> Result<Json<NotificationItem>, ApiError> {
    let p = ctx.caller()?;
    let mut tx = ctx.store().write().await?;
    let marked = tx
        .mark_notification_read(&p.user_id, &id, UtcTime::now())
        .await?;
    tx.commit().await?;
    let n = marked
        .ok_or_else(|| crate::kit::respond::not_found(NotificationTexts::both(|x| x.p_missing)))?;
    let shown = ops::visible(&ctx, p, std::slice::from_ref(&n)).await?;
    ops::log_labels_shown(&ctx, p, &shown, "POST /api/v1/notifications/read").await?;
    Ok(Json(item(ctx.lang, &n, &shown)))
}
