//! "Gezien" on a hand-over from Veilig Thuis: the lead records who saw it and when
//! (journaled), and the item leaves the overview and the start page.

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UtcTime;

use crate::auth::family::FamilyCtx;
use crate::kit::PageError;
use crate::kit::form::FormData;

pub async fn acknowledge_vt_handover(
    fam: FamilyCtx,
    Path((_, contact)): Path<(String, String)>,
    form: FormData,
) -> Result<Response, PageError> {
    let p = fam.principal()?;
    let family = fam.family_id().clone();
    // Acknowledged before (by a colleague, or a second click): the item is gone either
    // way, so both go back the same.
    fam.change(p, async |tx, by| {
        tx.acknowledge_vt_handover(&by.actor, &family, &contact, &p.user_id, UtcTime::now())
            .await
    })
    .await?;
    let back = if form.get("terug") == "start" {
        "/start".to_owned()
    } else {
        format!("/gezinnen/{family}")
    };
    Ok(Redirect::to(&back).into_response())
}
