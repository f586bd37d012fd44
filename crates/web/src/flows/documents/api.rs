//! The documents API: upload (multipart), the list the caller may see, the download,
//! the end with a reason, and the privacy officer's destruction of the content.

use axum::Json;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use eenplan_domain::family::DocumentError;
use eenplan_store::StoreError;

use super::ops::{self, Found, Refused};
use super::schemas::{Document, Documents};
use super::texts::{DocumentTexts, document_texts};
use crate::Problem;
use crate::auth::family::FamilyCtx;
use crate::extract::Path;
use crate::kit::body::Reason;
use crate::kit::extract::{Body, Query};
use crate::kit::paging::{TOTAL_COUNT, api_paging, window, with_links};
use crate::kit::texts::{Lang, fill};
use crate::kit::{ApiError, Ctx, Refusal};

/// The list's sort, as its cursors name it.
const SORT: &str = "uploaded";

#[derive(Debug, serde::Deserialize)]
pub struct ListParams {
    limit: Option<String>,
    cursor: Option<String>,
}

/// One of the documents texts in Dutch and English, for a problem.
fn both(pick: fn(&DocumentTexts) -> &'static str) -> (&'static str, &'static str) {
    (
        pick(document_texts(Lang::Nl)),
        pick(document_texts(Lang::En)),
    )
}

fn missing() -> ApiError {
    crate::kit::respond::not_found(both(|x| x.p_missing))
}

fn refused(r: Refused) -> ApiError {
    match r {
        Refused::Field(_, DocumentError::TooLarge { limit }) => {
            let mb = (limit / (1024 * 1024)).max(1).to_string();
            let (nl, en) = both(|x| x.err_too_large_mb);
            Problem::titled(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload-too-large",
                both(|x| x.p_too_large),
            )
            .detail_in((fill(nl, &[("limit", &mb)]), fill(en, &[("limit", &mb)])))
            .into()
        }
        Refused::Field(_, e) => e.problem().into(),
        Refused::Category => Problem::titled(
            StatusCode::FORBIDDEN,
            "consent-needed",
            both(|x| x.p_consent),
        )
        .invalid_param_in("category", "consent", both(|x| x.err_category))
        .into(),
        Refused::NoPlanVersion => {
            ApiError::invalid(&[("plan_version", "unknown", both(|x| x.err_plan_version))])
        }
        Refused::ScannerDown => Problem::titled(
            StatusCode::SERVICE_UNAVAILABLE,
            "scanner-unavailable",
            both(|x| x.p_scanner_down),
        )
        .into(),
        Refused::Store(e) => e.into(),
    }
}

pub async fn upload(
    fam: FamilyCtx,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Document>), ApiError> {
    let Some(form) = crate::kit::multipart::parse(&headers, &body) else {
        return Err(Problem::titled(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            both(|x| x.p_multipart_title),
        )
        .detail_in(both(|x| x.p_multipart))
        .into());
    };
    let kept = ops::upload(&fam, &form).await.map_err(refused)?;
    Ok((StatusCode::CREATED, Json(Document::from(&kept))))
}

pub async fn list(
    fam: FamilyCtx,
    RawQuery(raw): RawQuery,
    Query(q): Query<ListParams>,
) -> Result<Response, ApiError> {
    let (limit, seek) = api_paging(q.limit.as_deref(), q.cursor.as_deref(), SORT)?;
    let categories = ops::visible(&fam);
    let (rows, total) = fam
        .read(async |tx, family| tx.documents(family, &categories, &seek, limit).await)
        .await?;
    let page = window(rows, limit, &seek, SORT, |d| d.page_key());
    let path = format!("/api/v1/families/{}/documents", fam.family_id());
    let mut response = with_links(
        Json(Documents::new(&page.items)),
        &page,
        &path,
        raw.as_deref(),
    );
    response.headers_mut().insert(TOTAL_COUNT, total.into());
    Ok(response)
}

pub async fn download(
    fam: FamilyCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    match ops::download(&fam, &id).await? {
        Found::Content(doc, content) => Ok(ops::attachment(&doc, content)),
        Found::Destroyed => {
            Err(Problem::titled(StatusCode::GONE, "destroyed", both(|x| x.p_destroyed)).into())
        }
        Found::Missing => Err(missing()),
    }
}

pub async fn end(
    fam: FamilyCtx,
    Path((_, id)): Path<(String, String)>,
    Body(input): Body<Reason>,
) -> Result<StatusCode, ApiError> {
    fam.caller()?;
    let doc = ops::visible_document(&fam, &id)
        .await?
        .ok_or_else(missing)?;
    ops::end(&fam, &doc, &input.reason)
        .await
        .map_err(|e| -> ApiError {
            match e {
                StoreError::Document(DocumentError::NotYours) => Problem::titled(
                    StatusCode::FORBIDDEN,
                    "not-yours",
                    both(|x| x.err_not_yours),
                )
                .into(),
                StoreError::Document(e) => e.problem().into(),
                e => e.into(),
            }
        })?;
    Ok(StatusCode::NO_CONTENT)
}

/// The privacy officer destroys a document's content at once (filed under the wrong
/// family), for a document attached by someone of their own organisation.
pub async fn destroy(
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<Reason>,
) -> Result<StatusCode, ApiError> {
    let p = ctx.caller()?;
    let owner = async { ctx.store().read().await?.document_owner(&id).await }.await?;
    let Some((family_id, _)) = owner.filter(|(_, org)| *org == p.organisation_id.as_str()) else {
        return Err(missing());
    };
    let destroyed = async {
        let mut tx = ctx.store().write().await?;
        tx.destroy_document_content(&p.actor(), &family_id, &id, &p.user_id, &input.reason)
            .await?;
        tx.commit().await
    };
    destroyed.await.map_err(|e| match e {
        StoreError::Document(e) => ApiError::from(e.problem()),
        e => e.into(),
    })?;
    let mut entry = crate::auth::family::access_entry(
        p,
        eenplan_domain::access_log::AccessEvent::Update,
        None,
        Some(family_id.to_string()),
        format!("document {id} content destroyed by the privacy officer"),
        &ctx.client.0,
    );
    entry.granted = true;
    ctx.store().log_access(entry).await?;
    Ok(StatusCode::NO_CONTENT)
}
