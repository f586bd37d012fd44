//! The notifications API's bodies.

use eenplan_domain::notification::NotificationKind;
use serde::Serialize;
use utoipa::ToSchema;

use crate::kit::schema::codes;

/// One notification. The family is named only when the caller may see the file now.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NotificationItem {
    pub id: String,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(schema_with = codes::<NotificationKind>)]
    pub kind: String,
    /// The kind in words, in the caller's language
    pub title: String,
    pub read: bool,
    /// The page it opens (a path on this server)
    pub link: String,
    pub family: Option<NotificationFamily>,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NotificationFamily {
    pub id: String,
    pub label: String,
}

/// A page of the caller's notifications, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Notifications {
    pub notifications: Vec<NotificationItem>,
    /// How many of all the caller's notifications are unread
    pub unread: i64,
}
