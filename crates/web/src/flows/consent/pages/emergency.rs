//! Break the glass: a care role who states an emergency finds one child's file by name
//! and date of birth (and postcode when several match) and opens it for an hour. Every
//! ask that opens nothing is logged as refused; the privacy officer reviews the rest.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use eenplan_domain::UtcTime;
use eenplan_domain::family::{EmergencyError, EmergencyPick, Postcode, pick_emergency_file};
use eenplan_store::StoreError;

use crate::auth::family::{access_entry, break_glass};
use crate::flows::consent::texts::{ConsentTexts, consent as texts};
use crate::kit::form::{Errors, FormData, Input, TextField, optional_date, text_errors};
use crate::kit::summary::ErrorSummary;
use crate::kit::{Ctx, PageError, Refusal, Shell, render};

#[derive(Template)]
#[template(path = "consent/emergency.html")]
struct EmergencyPage {
    shell: Shell,
    x: &'static ConsentTexts,
    inputs: Vec<Input>,
    summary: ErrorSummary,
    message: Option<&'static str>,
    /// Not a care role: the form is not offered.
    refused: bool,
}

/// Why the page is shown again.
struct EmergencyNote {
    status: StatusCode,
    message: Option<&'static str>,
    ask_postcode: bool,
    refused: bool,
}

impl EmergencyNote {
    const FRESH: EmergencyNote = EmergencyNote {
        status: StatusCode::OK,
        message: None,
        ask_postcode: false,
        refused: false,
    };

    fn again(message: Option<&'static str>) -> Self {
        EmergencyNote {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            message,
            ..Self::FRESH
        }
    }
}

fn emergency_page(ctx: &Ctx, data: &FormData, errs: &Errors, note: EmergencyNote) -> Response {
    let (t, x) = (ctx.t(), texts(ctx.lang));
    let status = if errs.is_empty() {
        note.status
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut inputs = vec![
        Input::Text(TextField::typed("child_name", t.f_child_name, data, errs)),
        Input::Text(TextField::typed("date_of_birth", t.f_birth_date, data, errs).kind("date")),
    ];
    // The second step: several files match, the postcode tells them apart.
    if note.ask_postcode || !data.get("postcode").is_empty() || errs.contains_key("postcode") {
        inputs.push(Input::Text(TextField::typed(
            "postcode",
            x.emergency_postcode,
            data,
            errs,
        )));
    }
    inputs.push(Input::Text(
        TextField::typed("reason", x.f_emergency_reason, data, errs).kind("textarea"),
    ));
    render(
        status,
        &EmergencyPage {
            shell: ctx.shell("/noodtoegang"),
            x,
            summary: ErrorSummary::of_inputs(ctx.lang, &inputs),
            inputs,
            message: note.message,
            refused: note.refused,
        },
    )
}

pub async fn emergency_form(ctx: Ctx) -> Response {
    let care = ctx
        .visitor
        .principal
        .as_ref()
        .is_some_and(|p| eenplan_domain::role::is_care_role(&p.roles, p.organisation_kind));
    let note = if care {
        EmergencyNote::FRESH
    } else {
        EmergencyNote {
            message: Some(EmergencyError::NotACareRole.text(ctx.lang)),
            refused: true,
            ..EmergencyNote::FRESH
        }
    };
    emergency_page(&ctx, &FormData(vec![]), &Errors::new(), note)
}

/// A refused emergency ask, for the privacy officer: what was asked, never the reason
/// (it may describe the child's situation and is not needed to review a refusal).
fn refused_ask(data: &FormData, why: &str) -> String {
    format!(
        "POST /noodtoegang refused ({why}): name={:?} birth={:?} postcode={:?}",
        data.get("child_name"),
        data.get("date_of_birth"),
        data.get("postcode")
    )
}

/// Finds the child's file by name and date of birth (and, when several match, the
/// postcode) and opens that one file for an hour. Exact, so that an emergency is not a
/// way to browse: the professional must already know whom the emergency is about. Only
/// a care role may ask, and every ask that opens nothing is logged as refused.
pub async fn emergency(ctx: Ctx, data: FormData) -> Result<Response, PageError> {
    let (p, client) = (ctx.principal()?, &ctx.client.0);
    let (t, x) = (ctx.t(), texts(ctx.lang));
    let refuse = async |why: &str, family_id: Option<String>| {
        let mut entry = access_entry(
            p,
            eenplan_domain::access_log::AccessEvent::Emergency,
            None,
            family_id,
            refused_ask(&data, why),
            client,
        );
        entry.granted = false;
        ctx.store().log_access(entry).await
    };
    let now = UtcTime::now();
    // Text the platform cannot take comes back at its field before anything is looked
    // up or logged: nothing was accessed yet.
    let mut errs = text_errors(
        &data,
        t,
        &["reason", "child_name", "date_of_birth", "postcode"],
    );
    if !errs.is_empty() {
        return Ok(emergency_page(
            &ctx,
            &data,
            &errs,
            EmergencyNote::again(None),
        ));
    }
    match eenplan_domain::family::check_emergency_request(
        &p.roles,
        p.organisation_kind,
        &data.get("reason"),
    ) {
        Err(EmergencyError::NotACareRole) => {
            refuse("not a care role", None).await?;
            let note = EmergencyNote {
                status: StatusCode::FORBIDDEN,
                message: Some(EmergencyError::NotACareRole.text(ctx.lang)),
                ask_postcode: false,
                refused: true,
            };
            return Ok(emergency_page(&ctx, &data, &Errors::new(), note));
        }
        Err(_) => {
            errs.insert("reason", EmergencyError::ReasonNeeded.text(ctx.lang));
        }
        Ok(()) => {}
    }
    if data.get("child_name").is_empty() {
        errs.insert("child_name", t.err_required);
    }
    let dob = optional_date(&data, "date_of_birth", t, &mut errs);
    if dob.is_none() && !errs.contains_key("date_of_birth") {
        errs.insert("date_of_birth", t.err_required);
    }
    let postcode = match data.get("postcode") {
        text if text.is_empty() => None,
        text => Postcode::parse(&text)
            .map_err(|_| errs.insert("postcode", t.err_postcode))
            .ok(),
    };
    let Some(dob) = dob.filter(|_| errs.is_empty()) else {
        refuse("incomplete or reason too short", None).await?;
        return Ok(emergency_page(
            &ctx,
            &data,
            &errs,
            EmergencyNote::again(None),
        ));
    };
    let found = async {
        let mut tx = ctx.store().read().await?;
        tx.families_with_child(&data.get("child_name"), dob).await
    };
    let candidates: Vec<(eenplan_domain::FamilyId, Postcode)> = found
        .await?
        .into_iter()
        .filter_map(|f| Postcode::parse(&f.postcode).ok().map(|pc| (f.id, pc)))
        .collect();
    // Not exactly one file: what the log says, what the page says, and whether it asks
    // for the postcode.
    let (why, message, ask_postcode) = match pick_emergency_file(&candidates, postcode.as_ref()) {
        EmergencyPick::One(id) => return open(&ctx, &data, id, now).await,
        EmergencyPick::NoMatch => ("no match", x.emergency_none, false),
        EmergencyPick::AskPostcode => (
            "several files match: postcode asked",
            x.emergency_ask_postcode,
            true,
        ),
        EmergencyPick::StillSeveral => (
            "several files match at this postcode",
            x.emergency_still_several,
            true,
        ),
    };
    refuse(why, None).await?;
    let note = EmergencyNote {
        ask_postcode,
        ..EmergencyNote::again(Some(message))
    };
    Ok(emergency_page(&ctx, &data, &errs, note))
}

/// Breaks the glass on the one file found and opens it.
async fn open(
    ctx: &Ctx,
    data: &FormData,
    family_id: eenplan_domain::FamilyId,
    now: UtcTime,
) -> Result<Response, PageError> {
    let (p, client) = (ctx.principal()?, &ctx.client.0);
    let opened = async {
        let mut tx = ctx.store().write().await?;
        let route = ("POST /noodtoegang", client.as_str());
        match break_glass(&mut tx, p, &family_id, &data.get("reason"), route, now).await {
            Ok(_) => tx.commit().await,
            // Already in the circle: nothing to break, just open the file.
            Err(StoreError::Emergency(EmergencyError::AlreadyHasAccess)) => Ok(()),
            Err(e) => Err(e),
        }
    };
    opened.await?;
    Ok(Redirect::to(&format!("/gezinnen/{family_id}")).into_response())
}
