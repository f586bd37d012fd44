//! The documents API's bodies.

use eenplan_domain::family::{DocumentCategory, DocumentType};
use eenplan_store::DocumentMeta;
use serde::Serialize;
use utoipa::ToSchema;

use crate::kit::schema::codes;

/// The upload's fields (`multipart/form-data`). The file's type is read from its bytes:
/// a PDF, an image (PNG, JPEG, GIF) or an Office document; anything else is refused.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub(crate) struct DocumentUpload {
    #[schema(format = Binary, value_type = String)]
    pub file: Vec<u8>,
    #[schema(schema_with = codes::<DocumentCategory>)]
    pub category: String,
    pub title: String,
    /// A signed plan: the version of the plan it signs (not kept for another category)
    pub plan_version: Option<i64>,
}

/// A document without its content.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Document {
    id: String,
    #[schema(schema_with = codes::<DocumentCategory>)]
    category: String,
    title: String,
    /// What its first bytes showed
    #[schema(schema_with = codes::<DocumentType>)]
    file_type: String,
    media_type: String,
    size: i64,
    /// SHA-256 of the content, hex
    sha256: String,
    plan_version: Option<i64>,
    uploaded_by: DocumentUploader,
    #[schema(format = DateTime)]
    uploaded_at: String,
    #[schema(format = DateTime)]
    ended_at: Option<String>,
    end_reason: Option<String>,
    /// The content was destroyed; only the metadata and digest remain
    destroyed: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct DocumentUploader {
    id: String,
    name: String,
}

impl From<&DocumentMeta> for Document {
    fn from(d: &DocumentMeta) -> Self {
        Self {
            id: d.id.clone(),
            category: d.category.code().to_owned(),
            title: d.title.clone(),
            file_type: d.kind.code().to_owned(),
            media_type: d.kind.media_type().to_owned(),
            size: d.size,
            sha256: d.sha256.clone(),
            plan_version: d.plan_version,
            uploaded_by: DocumentUploader {
                id: d.uploaded_by.clone(),
                name: d.uploaded_by_name.clone(),
            },
            uploaded_at: d.uploaded_at.clone(),
            ended_at: d.ended_at.clone(),
            end_reason: d.end_reason.clone(),
            destroyed: d.destroyed_at.is_some(),
        }
    }
}

/// A page of the family's documents the caller may see, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Documents {
    documents: Vec<Document>,
}

impl Documents {
    pub fn new(list: &[DocumentMeta]) -> Self {
        Self {
            documents: list.iter().map(Document::from).collect(),
        }
    }
}
