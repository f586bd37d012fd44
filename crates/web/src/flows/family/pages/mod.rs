//! The family file in the browser, one file per part of it. Access is decided before any
//! of these run (the router's family guard); rules come from `eenplan_domain::family`.

use axum::response::{IntoResponse, Redirect, Response};
use eenplan_store::{Principal, StoreError};
use jiff::civil::Date;

use crate::AppState;
use crate::auth::family::access_entry;

mod forms;
mod involvements;
mod members;
mod network;
mod new;
mod notes;
mod plan;
mod plan_form;
mod search;
mod show;
mod timeline;
#[cfg(test)]
mod timeline_tests;

pub use involvements::{add_involvement, end_someone};
pub use members::{add_member, correct_member};
pub use network::{add_network, correct_network};
pub use new::{create, new_form};
pub use notes::{change_note, notes, write_note};
pub use plan::{plan_agree, plan_compare, plan_print, plan_save, plan_show};
pub use search::search;
pub use show::show;
pub use timeline::timeline;

/// Access-log line for actions that are not about one file yet (search, create).
async fn log(
    state: &AppState,
    p: &Principal,
    event: eenplan_domain::access_log::AccessEvent,
    family_id: Option<String>,
    data: String,
    client: &str,
) -> Result<(), StoreError> {
    state
        .store
        .log_access(access_entry(p, event, None, family_id, data, client))
        .await
}

/// A typed date, or none when it is not one.
fn parse_date(text: &str) -> Option<Date> {
    text.trim().parse::<Date>().ok()
}

/// After a change the file page shows it (post, redirect, get).
fn back(family_id: &str) -> Response {
    back_to(family_id, "")
}

/// The same for a change made on one part of the file (`/notities`, `/plan`).
fn back_to(family_id: &str, part: &str) -> Response {
    Redirect::to(&format!("/gezinnen/{family_id}{part}")).into_response()
}
