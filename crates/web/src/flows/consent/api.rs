//! Consents, the framework and break the glass in the API: the same domain rules and
//! refusals as the pages, as problem+json.

use axum::Json;
use axum::http::StatusCode;
use eenplan_domain::UtcTime;
use eenplan_domain::family::{ConsentForm, ConsentStep, DataCategory, EmergencyError, Framework};
use eenplan_domain::{FamilyId, OrganisationId};
use eenplan_store::{ConsentInput, FrameworkInput, StoreError};

use super::refusal::consent_answer;
use super::schemas::{AnonymousSummary, Consents, Emergency, FrameworkChange, NewConsent};
use crate::Problem;
use crate::auth::family::FamilyCtx;
use crate::kit::body::{Created, Reason};
use crate::kit::dates::today;
use crate::kit::extract::{Body, Path};
use crate::kit::fields;
use crate::kit::{ApiError, Ctx, Refusal};

pub async fn list(fam: FamilyCtx) -> Result<Json<Consents>, ApiError> {
    let loaded = async {
        let mut tx = fam.store().read().await?;
        let family = tx.family(fam.family_id()).await?;
        let consents = tx.consents(fam.family_id()).await?;
        Ok::<_, StoreError>((family, consents))
    };
    let (Some(family), consents) = loaded.await? else {
        return Err(ApiError::not_found());
    };
    Ok(Json(Consents::new(&family, &consents, today())))
}

pub async fn record(
    fam: FamilyCtx,
    Body(input): Body<NewConsent>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let step: ConsentStep = fields::code("step", &input.step)?;
    let form: ConsentForm = fields::code("form", &input.form)?;
    let categories = input
        .categories
        .iter()
        .map(|c| fields::code::<DataCategory>("categories", c))
        .collect::<Result<Vec<_>, _>>()?;
    let given_on = fields::date("given_on", &input.given_on)?;
    let ends_on = fields::optional_date("ends_on", input.ends_on.as_deref())?;
    let consent = ConsentInput {
        step,
        organisation_id: organisation(input.organisation_id),
        purpose: input.purpose,
        categories,
        children: input.children,
        given_by: input.given_by,
        form,
        given_on,
        ends_on,
    };
    match super::change::record(&fam, fam.caller()?, &consent).await {
        Ok(id) => Ok(Created::answer(id)),
        Err(StoreError::Consent(e)) => Err(consent_answer(&e)),
        Err(e) => Err(unknown_organisation(e)),
    }
}

/// The organisation a consent or the framework names, if any (empty is none).
fn organisation(id: Option<String>) -> Option<OrganisationId> {
    id.filter(|o| !o.is_empty()).map(OrganisationId::from)
}

/// A store refusal of an organisation id that names nothing is the caller's 400.
fn unknown_organisation(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound(_) => ApiError::invalid(&[(
            "organisation_id",
            "unknown",
            ("Onbekende organisatie.", "Unknown organisation."),
        )]),
        e => e.into(),
    }
}

pub async fn withdraw(
    fam: FamilyCtx,
    Path((_, consent_id)): Path<(String, String)>,
    Body(input): Body<Reason>,
) -> Result<StatusCode, ApiError> {
    if input.reason.trim().is_empty() {
        return Err(ApiError::invalid(&[(
            "reason",
            "required",
            (
                "Zeg hoe de intrekking ging (wie zei wat).",
                "Say how the withdrawal went (who said what).",
            ),
        )]));
    }
    match super::change::withdraw(&fam, fam.caller()?, &consent_id, &input.reason).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(StoreError::NotFound(_)) => Err(Problem::titled(
            StatusCode::NOT_FOUND,
            "not-found",
            (
                "Geen geldige toestemming met dit id",
                "No valid consent with this id",
            ),
        )
        .into()),
        Err(e) => Err(e.into()),
    }
}

pub async fn framework(
    fam: FamilyCtx,
    Body(input): Body<FrameworkChange>,
) -> Result<StatusCode, ApiError> {
    let framework: Framework = fields::code("framework", &input.framework)?;
    let effective_on = fields::date("effective_on", &input.effective_on)?;
    let change = FrameworkInput {
        framework,
        organisation_id: organisation(input.organisation_id),
        ground: input.ground,
        effective_on,
    };
    match super::change::framework(&fam, fam.caller()?, &change).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(StoreError::Framework(e)) => Err(e.problem().into()),
        Err(e) => Err(unknown_organisation(e)),
    }
}

/// Break the glass by file id. Not behind the family guard: a care role stating an
/// emergency may open any existing file for an hour; every attempt, refused or not, is
/// logged, and the granted ones are reviewed.
pub async fn break_glass(
    ctx: Ctx,
    Path(family_id): Path<FamilyId>,
    Body(input): Body<Reason>,
) -> Result<(StatusCode, Json<Emergency>), ApiError> {
    let p = ctx.caller()?;
    let client = &ctx.client.0;
    let now = UtcTime::now();
    // Every ask that opens nothing is logged as refused, against the id asked for, with
    // never the reason text.
    let refuse = async |why: &str| {
        let mut entry = crate::auth::family::access_entry(
            p,
            eenplan_domain::access_log::AccessEvent::Emergency,
            None,
            Some(family_id.to_string()),
            format!("POST /api/v1/families/{{family}}/break-glass refused ({why})"),
            client,
        );
        entry.granted = false;
        ctx.store().log_access(entry).await
    };
    // The care role and the reason first, whether or not the file exists: only a care
    // role stating an emergency learns that much, and that is logged and reviewed.
    if let Err(e) = eenplan_domain::family::check_emergency_request(
        &p.roles,
        p.organisation_kind,
        &input.reason,
    ) {
        let why = match e {
            EmergencyError::NotACareRole => "not a care role",
            _ => "reason too short",
        };
        refuse(why).await?;
        return Err(e.problem().into());
    }
    let opened = ctx
        .store()
        .change(async |tx| {
            crate::auth::family::break_glass(
                tx,
                p,
                &family_id,
                &input.reason,
                ("POST /api/v1/families/{family}/break-glass", client),
                now,
            )
            .await
        })
        .await;
    match opened {
        Ok(Some(until)) => Ok((StatusCode::CREATED, Json(Emergency::until(until)))),
        Ok(None) => {
            refuse("no such file").await?;
            Err(ApiError::not_found())
        }
        Err(StoreError::Emergency(e)) => Err(e.problem().into()),
        Err(e) => Err(e.into()),
    }
}

pub async fn anonymous(fam: FamilyCtx) -> Result<Json<AnonymousSummary>, ApiError> {
    match super::anonymous_summary(&fam).await? {
        Some(s) => Ok(Json(AnonymousSummary::from(&s))),
        None => Err(ApiError::not_found()),
    }
}
