//! The family file in the browser, one file per part of it. Access is decided before any
//! of these run (the router's family guard); rules come from `eenplan_domain::family`.

use axum::response::{IntoResponse, Redirect, Response};
use eenplan_store::{Family, Principal, StoreError, Tx};
use jiff::civil::Date;

use crate::auth::family::{FamilyCtx, access_entry};
use eenplan_domain::text::{DateKind, check_date};

use crate::kit::dates::today;
use crate::kit::form::Errors;
use crate::kit::i18n::Texts;
use crate::kit::{Ctx, Lang, PageError, Refusal};

mod closing;
pub(crate) mod ecomap;
mod forms;
mod involvements;
mod members;
mod network;
mod new;
mod notes;
mod parts;
mod plan;
mod plan_form;
mod search;
mod show;
mod timeline;
mod timeline_portal;
#[cfg(test)]
mod timeline_tests;
mod vt_handover;

pub use closing::{close_file, closing, reopen_file};
pub use involvements::{add_involvement, end_someone};
pub use members::{add_member, correct_member};
pub use network::{add_network, correct_network};
pub use new::{create, new_form};
pub use notes::{change_note, notes, write_note};
pub use parts::{household, involvements};
pub use plan::{plan_agree, plan_compare, plan_print, plan_restore, plan_save, plan_show};
pub use search::search;
pub use show::show;
pub use timeline::timeline;
pub use vt_handover::acknowledge_vt_handover;

/// Access-log line for actions that are not about one file yet (search, create).
async fn log(
    ctx: &Ctx,
    p: &Principal,
    event: eenplan_domain::access_log::AccessEvent,
    family_id: Option<String>,
    data: String,
) -> Result<(), StoreError> {
    let entry = access_entry(p, event, None, family_id, data, &ctx.client.0);
    ctx.store().log_access(entry).await
}

/// A typed date, or none when it is not one.
fn parse_date(text: &str) -> Option<Date> {
    text.trim().parse::<Date>().ok()
}

/// A typed birth date the domain finds plausible. Otherwise `None` and a message at
/// `field`: `not_a_date` for text that is no date, the date range for one out of it.
fn birth_date(
    text: &str,
    (field, not_a_date): (&'static str, &'static str),
    t: &Texts,
    errs: &mut Errors,
) -> Option<Date> {
    let message = match parse_date(text) {
        Some(d) if check_date(DateKind::Birth, d, today()).is_ok() => return Some(d),
        Some(_) => t.err_date_range,
        None => not_a_date,
    };
    errs.insert(field, message);
    None
}

/// After a change the file page shows it (post, redirect, get).
fn back(family_id: &str) -> Response {
    back_to(family_id, "")
}

/// The same for a change made on one part of the file (`/notities`, `/plan`).
fn back_to(family_id: &str, part: &str) -> Response {
    Redirect::to(&format!("/gezinnen/{family_id}{part}")).into_response()
}

/// The one change a form of the file makes, made only when the form has no errors.
/// `Some` answer when the change is made (back to `part` of the file) or failed on the
/// store; `None` when `place` put its refusal at a field of `errs` (it turns any other
/// failure into the page's error), so the handler shows the form again with it.
async fn settle<T>(
    fam: &FamilyCtx,
    part: &str,
    errs: &mut Errors,
    change: impl AsyncFnOnce(&mut Tx) -> Result<T, StoreError>,
    place: impl FnOnce(StoreError, &mut Errors) -> Result<(), PageError>,
) -> Result<Option<Response>, PageError> {
    if !errs.is_empty() {
        return Ok(None);
    }
    match fam.store().change(change).await {
        Ok(_) => Ok(Some(back_to(fam.family_id().as_str(), part))),
        Err(e) => {
            place(e, errs)?;
            Ok(None)
        }
    }
}

/// A family rule's refusal at its field; any other failure is the page's error.
fn place(lang: Lang) -> impl FnOnce(StoreError, &mut Errors) -> Result<(), PageError> {
    move |e, errs| {
        match e {
            StoreError::Member(e) => e.place(lang, errs),
            StoreError::Note(e) => e.place(lang, errs),
            StoreError::Involvement(e) => e.place(lang, errs),
            e => return Err(e.into()),
        };
        Ok(())
    }
}

/// The file and `more` that a page shows of it, read in one transaction; a file that is
/// not there is a 404.
async fn file_and<T>(
    fam: &FamilyCtx,
    more: impl AsyncFnOnce(&mut Tx) -> Result<T, StoreError>,
) -> Result<(Family, T), PageError> {
    let mut tx = fam.store().read().await?;
    let family = tx.family(fam.family_id()).await?;
    let more = more(&mut tx).await?;
    Ok((family.ok_or_else(PageError::not_found)?, more))
}
