//! Veilig Thuis intake in the API: contacts in, the work list, the safety assessment.

use axum::Json;
use axum::http::StatusCode;
use eenplan_domain::UtcTime;
use eenplan_domain::family::Postcode;
use eenplan_domain::veilig_thuis::{self, ContactKind, Outcome, Reporter};
use eenplan_store::{AssessmentInput, ContactChild, NewContact, StoreError};

use super::ops;
use super::schemas::{
    AssessmentIn, ContactIn, VtAssessed, VtContactDetail, VtReceived, VtWorkList,
};
use crate::kit::dates::today;
use crate::kit::extract::{Body, Path};
use crate::kit::fields;
use crate::kit::respond::not_found;

/// The 404 title for a contact the caller's organisation does not have.
const NO_CONTACT: (&str, &str) = (
    "Geen melding met dit id bij jouw organisatie",
    "No report with this id at your organisation",
);
use crate::kit::{ApiError, Ctx, Refusal};

/// An intake refusal as the API says it.
fn refused(e: StoreError) -> ApiError {
    match e {
        StoreError::Intake(e) => e.problem().into(),
        e => e.into(),
    }
}

pub async fn receive(
    ctx: Ctx,
    Body(input): Body<ContactIn>,
) -> Result<(StatusCode, Json<VtReceived>), ApiError> {
    let kind: ContactKind = fields::code("kind", &input.kind)?;
    let reporter: Option<Reporter> = fields::optional_code(
        "reporter",
        input.reporter.as_deref().filter(|r| !r.is_empty()),
    )?;
    let child_birth = fields::optional_date("child_birth", input.child_birth.as_deref())?;
    let received_at = input
        .received_at
        .as_deref()
        .filter(|r| !r.is_empty())
        .map(UtcTime::parse)
        .transpose()
        .map_err(|_| {
            ApiError::invalid(&[(
                "received_at",
                "date-time",
                (
                    "Gebruik een tijdstip met tijdzone, zoals 2026-11-23T23:45:00+01:00.",
                    "Use a moment with its time zone, such as 2026-11-23T23:45:00+01:00.",
                ),
            )])
        })?;
    let mut more_children = Vec::new();
    for (i, child) in input.more_children.iter().enumerate() {
        let field = format!("more_children[{i}].birth");
        let birth = fields::optional_date(&field, child.birth.as_deref())?;
        // Each child's date is held to the domain's rule under its own name.
        if let Some(birth) = birth
            && let Err(e) =
                veilig_thuis::check_child_birth(birth, received_at.unwrap_or_else(UtcTime::now))
        {
            return Err(ApiError::refused_at(&field, &e));
        }
        more_children.push(ContactChild {
            name: child.name.clone(),
            birth,
        });
    }
    let postcode = input
        .postcode
        .as_deref()
        .filter(|d| !d.is_empty())
        .map(Postcode::parse)
        .transpose()
        .map_err(|_| {
            ApiError::invalid(&[(
                "postcode",
                "postcode",
                (
                    "Gebruik een Nederlandse postcode, zoals 3562 JW.",
                    "Use a Dutch postcode, such as 3562 JW.",
                ),
            )])
        })?;
    if input.concern.trim().is_empty() {
        return Err(ApiError::invalid(&[(
            "concern",
            "required",
            (
                "Beschrijf de zorg: wat is gezien of gehoord.",
                "Describe the concern: what was seen or heard.",
            ),
        )]));
    }
    let contact = NewContact {
        kind,
        acute: input.acute,
        reporter,
        reporter_name: input.reporter_name,
        reporter_contact: input.reporter_contact,
        child_name: input.child_name,
        child_birth,
        more_children,
        postcode,
        house_number: input.house_number,
        concern: input.concern,
        received_at,
    };
    let received = ctx.write(refused, async |tx, p| ops::receive(tx, p, &contact).await);
    let (id, radar) = received.await?;
    Ok((
        StatusCode::CREATED,
        Json(VtReceived::new(id, &radar, today())),
    ))
}

#[derive(Debug, serde::Deserialize)]
pub struct WorkListParams {
    limit: Option<String>,
    cursor: Option<String>,
}

pub async fn work_list(
    ctx: Ctx,
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
    crate::kit::extract::Query(q): crate::kit::extract::Query<WorkListParams>,
) -> Result<axum::response::Response, ApiError> {
    let p = ctx.caller()?;
    let (limit, seek) =
        crate::kit::paging::api_paging(q.limit.as_deref(), q.cursor.as_deref(), ops::WORK_SORT)?;
    let today = today();
    let (page, total) = ops::work_page(ctx.store(), p, today, &seek, limit).await?;
    let mut response = crate::kit::paging::with_links(
        Json(VtWorkList::new(&page.items, today)),
        &page,
        "/api/v1/veilig-thuis/contacts",
        raw.as_deref(),
    );
    response
        .headers_mut()
        .insert(crate::kit::paging::TOTAL_COUNT, total.into());
    Ok(response)
}

pub async fn assess(
    ctx: Ctx,
    Path(contact_id): Path<String>,
    Body(input): Body<AssessmentIn>,
) -> Result<Json<VtAssessed>, ApiError> {
    let outcome: Outcome = fields::code("outcome", &input.outcome)?;
    let follow_up_on = fields::optional_date("follow_up_on", input.follow_up_on.as_deref())?;
    let refused = |e| match e {
        StoreError::NotFound(_) => not_found(NO_CONTACT),
        e => refused(e),
    };
    let assessment = AssessmentInput {
        outcome,
        follow_up_on,
        findings: &input.findings,
        reasoning: &input.reasoning,
    };
    ctx.write(refused, async |tx, p| {
        ops::assess(tx, p, &contact_id, &assessment).await
    })
    .await?;
    Ok(Json(VtAssessed::new(outcome)))
}

pub async fn show(
    ctx: Ctx,
    Path(contact_id): Path<String>,
) -> Result<Json<VtContactDetail>, ApiError> {
    let p = ctx.caller()?;
    let detail = ops::detail(ctx.store(), p, &contact_id)
        .await?
        .ok_or_else(|| not_found(NO_CONTACT))?;
    Ok(Json(VtContactDetail::new(&detail, today())))
}
