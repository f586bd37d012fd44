//! What the API and the page share: reading an upload, the virus scanner, keeping the
//! document, handing out its content, and the access-log line each of those writes.

use std::path::Path;
use std::process::Stdio;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use eenplan_domain::access_log::AccessEvent;
use eenplan_domain::family::{DocumentCategory, DocumentError, check_document, may_end_document};
use eenplan_store::{DocumentMeta, NewDocument, StoreError};

use crate::auth::family::{FamilyCtx, access_entry};
use crate::kit::multipart::Multipart;

/// The categories whose documents the visitor may see: those their grant opens.
pub fn visible(fam: &FamilyCtx) -> Vec<DocumentCategory> {
    DocumentCategory::ALL
        .iter()
        .copied()
        .filter(|c| fam.grant.sees(c.data_category()))
        .collect()
}

/// Why an upload was not kept, as both surfaces say it.
#[derive(Debug)]
pub enum Refused {
    /// A field at fault (`category`, `file`, `title`, `plan_version`) and the rule.
    Field(&'static str, DocumentError),
    /// The category's part of the file is not open to the visitor.
    Category,
    /// A signed plan names a version that is not there.
    NoPlanVersion,
    /// The scanner could not be run: nothing is kept (refusing is safer than letting
    /// an unchecked file in).
    ScannerDown,
    Store(StoreError),
}

impl From<StoreError> for Refused {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Document(e) => Refused::Field(field_of(e), e),
            StoreError::NotFound(what) if what.starts_with("plan version") => {
                Refused::NoPlanVersion
            }
            e => Refused::Store(e),
        }
    }
}

/// The field a document rule is about.
pub fn field_of(e: DocumentError) -> &'static str {
    match e {
        DocumentError::NoTitle | DocumentError::Title(_) => "title",
        DocumentError::NoReason | DocumentError::NotYours => "reason",
        DocumentError::AlreadyEnded | DocumentError::AlreadyDestroyed => "document",
        DocumentError::Empty
        | DocumentError::TooLarge { .. }
        | DocumentError::TypeNotAllowed
        | DocumentError::Infected => "file",
    }
}

/// Runs the operator's scanner on `bytes` (on stdin); `Ok(false)` when it refuses.
async fn scan(command: &Path, bytes: Vec<u8>) -> std::io::Result<bool> {
    let command = command.to_owned();
    tokio::task::spawn_blocking(move || {
        use std::io::Write;
        let mut child = std::process::Command::new(&command)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            // A scanner may stop reading once it has decided: its exit status counts.
            let _ = stdin.write_all(&bytes);
        }
        Ok(child.wait()?.success())
    })
    .await
    .map_err(std::io::Error::other)?
}

/// Checks, scans and keeps the upload in `form`; writes the access-log line naming
/// the document and its digest.
pub async fn upload(fam: &FamilyCtx, form: &Multipart) -> Result<DocumentMeta, Refused> {
    let settings = &fam.state.documents;
    let category: DocumentCategory = form
        .text("category")
        .parse()
        .map_err(|_| Refused::Category)?;
    if !fam.grant.sees(category.data_category()) {
        return Err(Refused::Category);
    }
    let file = form
        .part("file")
        .filter(|p| !p.bytes.is_empty())
        .ok_or(Refused::Field("file", DocumentError::Empty))?;
    let title = form.text("title");
    let plan_version = match form.text("plan_version").trim() {
        "" => None,
        v => Some(v.parse::<i64>().map_err(|_| Refused::NoPlanVersion)?),
    };
    // The domain's checks before the scanner: a refused type never reaches it.
    check_document(&title, &file.bytes, settings.max_bytes)
        .map_err(|e| Refused::Field(field_of(e), e))?;
    if let Some(command) = &settings.scan_command {
        match scan(command, file.bytes.clone()).await {
            Ok(true) => {}
            Ok(false) => return Err(Refused::Field("file", DocumentError::Infected)),
            Err(e) => {
                tracing::error!(error = %e, "the virus scanner could not be run");
                return Err(Refused::ScannerDown);
            }
        }
    }
    let p = fam
        .principal()
        .map_err(|_| Refused::Store(StoreError::Invalid("no principal".into())))?;
    let doc = NewDocument {
        category,
        title: &title,
        bytes: &file.bytes,
        plan_version,
    };
    let kept = fam
        .change(p, async |tx, by| {
            tx.attach_document(&by.actor, by.family, by.user, doc, settings.max_bytes)
                .await
        })
        .await?;
    log(fam, AccessEvent::Create, &kept, "uploaded").await?;
    Ok(kept)
}

/// The access-log line of one document: who, which document and its digest, never
/// the title or the content.
pub async fn log(
    fam: &FamilyCtx,
    event: AccessEvent,
    doc: &DocumentMeta,
    what: &str,
) -> Result<(), StoreError> {
    let Some(p) = fam.visitor.principal.as_ref() else {
        return Ok(());
    };
    let entry = access_entry(
        p,
        event,
        Some(fam.grant.basis),
        Some(fam.family_id().to_string()),
        format!(
            "document {} {what} ({}, sha256 {})",
            doc.id,
            doc.category.code(),
            doc.sha256
        ),
        &fam.client.0,
    );
    fam.store().log_access(entry).await
}

/// What a download finds: the document with its content, or why not.
pub enum Found {
    Content(Box<DocumentMeta>, Vec<u8>),
    Destroyed,
    Missing,
}

/// The document `id` with its content, when the visitor's grant opens its category;
/// a download is journaled and logged. Another category's document is as missing as
/// one that does not exist.
pub async fn download(fam: &FamilyCtx, id: &str) -> Result<Found, StoreError> {
    let (doc, content) = {
        let mut tx = fam.store().read().await?;
        let Some(doc) = tx.document(fam.family_id(), id).await? else {
            return Ok(Found::Missing);
        };
        if !fam.grant.sees(doc.category.data_category()) {
            return Ok(Found::Missing);
        }
        let content = tx.document_content(fam.family_id(), id).await?;
        (doc, content)
    };
    let Some(content) = content else {
        return Ok(Found::Destroyed);
    };
    if let Some(p) = fam.visitor.principal.as_ref() {
        fam.change(p, async |tx, by| tx.record_download(&by.actor, &doc).await)
            .await?;
    }
    log(fam, AccessEvent::Read, &doc, "downloaded").await?;
    Ok(Found::Content(Box::new(doc), content))
}

/// The document `id` when the visitor's grant opens its category; another category's
/// document is as missing as one that does not exist.
pub async fn visible_document(
    fam: &FamilyCtx,
    id: &str,
) -> Result<Option<DocumentMeta>, StoreError> {
    Ok(fam
        .read(async |tx, family| tx.document(family, id).await)
        .await?
        .filter(|d| fam.grant.sees(d.category.data_category())))
}

/// Whether the visitor may take `doc` out of the file (the domain's rule: who attached
/// it, or the lead), so the page offers the removal only to them.
pub fn may_end(fam: &FamilyCtx, doc: &DocumentMeta) -> bool {
    let by = fam.visitor.principal.as_ref().map(|p| p.user_id.as_str());
    doc.ended_at.is_none()
        && by.is_some_and(|by| may_end_document(&doc.uploaded_by, by, fam.grant.lead).is_ok())
}

/// Takes the visible document `doc` out of the file with `reason` (the content stays),
/// journaled, and writes the access-log line; the store applies the domain's rules.
pub async fn end(fam: &FamilyCtx, doc: &DocumentMeta, reason: &str) -> Result<(), StoreError> {
    let p = fam
        .visitor
        .principal
        .as_ref()
        .ok_or_else(|| StoreError::Invalid("no principal".into()))?;
    let lead = fam.grant.lead;
    fam.change(p, async |tx, by| {
        tx.end_document(&by.actor, by.family, &doc.id, (by.user, lead), reason)
            .await
    })
    .await?;
    log(fam, AccessEvent::Update, doc, "removed").await
}

/// The policy a download is sent under: nothing in it runs or loads, even opened in
/// the browser's own tab.
const SANDBOX: &str =
    "sandbox; default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The content as an attachment of the type its bytes showed, never rendered inline.
pub fn attachment(doc: &DocumentMeta, content: Vec<u8>) -> Response {
    let name: String = doc
        .title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let disposition = format!("attachment; filename=\"{name}.{}\"", doc.kind.extension());
    let mut response = (StatusCode::OK, content).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(doc.kind.media_type()),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(SANDBOX),
    );
    response
}
