//! The bell's page and the notifications API. Every route opens to anyone signed in:
//! each person reads only their own notifications, and a family's label only when
//! they may see the file now.

use eenplan_domain::policy::SIGNED_IN;

use super::schemas::{NotificationItem, Notifications};
use super::{api, pages};
use crate::kit::route::{Entry, NOT_FOUND, get, post};

pub fn routes() -> Vec<Entry> {
    vec![
        get("/berichten", SIGNED_IN, pages::list),
        get("/berichten/{notification}", SIGNED_IN, pages::open),
        post("/berichten/gelezen", SIGNED_IN, pages::mark_all_read),
        post(
            "/berichten/{notification}/gelezen",
            SIGNED_IN,
            pages::mark_read,
        ),
        get("/api/v1/notifications", SIGNED_IN, api::list)
            .doc(
                "getNotifications",
                "Jouw berichten, het nieuwste eerst; een dossier alleen genoemd als je het nu mag inzien",
            )
            .paged()
            .ok::<Notifications>(200, "Berichten"),
        post(
            "/api/v1/notifications/{notification}/read",
            SIGNED_IN,
            api::read,
        )
        .doc("readNotification", "Een bericht als gelezen markeren")
        .ok::<NotificationItem>(200, "Gelezen")
        .problems([NOT_FOUND]),
    ]
}
