//! Documents attached to a family file: the content in the database (one backup holds
//! everything), the metadata sealed by the journal with the content's SHA-256.

use eenplan_domain::family::{
    DocumentCategory, DocumentError, DocumentType, check_document, check_document_reason,
    content_digest, may_end_document as may_end,
};
use eenplan_domain::journal::{Actor, Event};
use eenplan_domain::{FamilyId, UserId};

use crate::page::{PageKey, Seek};
use crate::{Param, Row, StoreError, Tx, ids, params};

/// What is known of a document without its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMeta {
    pub id: String,
    pub family_id: String,
    pub category: DocumentCategory,
    pub title: String,
    pub kind: DocumentType,
    pub size: i64,
    pub sha256: String,
    pub plan_version: Option<i64>,
    pub uploaded_by: String,
    pub uploaded_by_name: String,
    pub uploaded_at: String,
    pub ended_at: Option<String>,
    pub end_reason: Option<String>,
    pub destroyed_at: Option<String>,
}

impl DocumentMeta {
    /// Where the list's keyset paging places this document.
    pub fn page_key(&self) -> PageKey {
        PageKey {
            value: self.uploaded_at.clone(),
            id: self.id.clone(),
        }
    }
}

/// A document to attach.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub category: DocumentCategory,
    pub title: &'a str,
    pub bytes: &'a [u8],
    /// A signed plan: the version it signs.
    pub plan_version: Option<i64>,
}

const COLUMNS: &str = "d.id, d.family_id, d.category, d.title, d.media_type, d.size, d.sha256, \
     d.plan_version, d.uploaded_by, u.name AS uploaded_by_name, d.uploaded_at, d.ended_at, \
     d.end_reason, d.destroyed_at";

fn meta(r: &Row) -> Result<DocumentMeta, StoreError> {
    Ok(DocumentMeta {
        id: r.text("id")?,
        family_id: r.text("family_id")?,
        category: r.code("category")?,
        title: r.text("title")?,
        kind: r.code("media_type")?,
        size: r.int("size")?,
        sha256: r.text("sha256")?,
        plan_version: r.opt_int("plan_version")?,
        uploaded_by: r.text("uploaded_by")?,
        uploaded_by_name: r.text("uploaded_by_name")?,
        uploaded_at: r.text("uploaded_at")?,
        ended_at: r.opt_text("ended_at")?,
        end_reason: r.opt_text("end_reason")?,
        destroyed_at: r.opt_text("destroyed_at")?,
    })
}

impl Tx {
    /// Keeps a document after the domain's checks (title, size within `limit`, a type
    /// its bytes show); a signed plan names a version of this family's plan.
    pub async fn attach_document(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        uploaded_by: &UserId,
        doc: NewDocument<'_>,
        limit: usize,
    ) -> Result<DocumentMeta, StoreError> {
        let kind = check_document(doc.title, doc.bytes, limit)?;
        let plan_version = doc.category.signed_version(doc.plan_version);
        if let Some(version) = plan_version {
            let found = self
                .fetch_optional(
                    "SELECT version FROM plan_versions WHERE family_id = $1 AND version = $2",
                    params![family_id, version],
                )
                .await?;
            if found.is_none() {
                return Err(StoreError::NotFound(format!("plan version {version}")));
            }
        }
        let id = ids::new_id();
        let now = self.now_text();
        let sha256 = content_digest(doc.bytes);
        let size = i64::try_from(doc.bytes.len()).unwrap_or(i64::MAX);
        self.execute(
            "INSERT INTO documents (id, family_id, category, title, media_type, size, sha256, content, \
             plan_version, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            vec![
                Param::from(&id),
                Param::from(family_id),
                Param::from(doc.category.code()),
                Param::from(doc.title.trim()),
                Param::from(kind.code()),
                Param::from(size),
                Param::from(&sha256),
                Param::from(doc.bytes),
                Param::from(plan_version),
                Param::from(uploaded_by),
                Param::from(&now),
            ],
        )
        .await?;
        self.append(
            actor,
            Event::DocumentAttached {
                family_id: family_id.to_string(),
                document_id: id.clone(),
                category: doc.category.code().to_owned(),
                media_type: kind.code().to_owned(),
                size,
                sha256,
                plan_version,
            },
        )
        .await?;
        self.document(family_id, &id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("document {id}")))
    }

    /// One page of the family's documents in `categories` (what the reader may see),
    /// oldest first, and how many there are in all. Removed documents are listed too
    /// (with their end), so the file shows what was there.
    pub async fn documents(
        &mut self,
        family_id: &FamilyId,
        categories: &[DocumentCategory],
        seek: &Seek,
        limit: i64,
    ) -> Result<(Vec<DocumentMeta>, i64), StoreError> {
        if categories.is_empty() {
            return Ok((Vec::new(), 0));
        }
        let mut args: Vec<Param> = vec![Param::from(family_id)];
        let placeholders: Vec<String> = categories
            .iter()
            .map(|c| {
                args.push(Param::from(c.code()));
                format!("${}", args.len())
            })
            .collect();
        let scope = format!(
            "d.family_id = $1 AND d.category IN ({})",
            placeholders.join(", ")
        );
        let total = self
            .fetch_one(
                &format!("SELECT COUNT(*) AS n FROM documents d WHERE {scope}"),
                args.clone(),
            )
            .await?
            .int("n")?;
        let (condition, dir) = seek.condition("d.uploaded_at", "d.id", args.len() + 1);
        args.extend(seek.params());
        args.push(Param::from(limit + 1));
        let rows = self
            .fetch_all(
                &format!(
                    "SELECT {COLUMNS} FROM documents d JOIN users u ON u.id = d.uploaded_by \
                     WHERE {scope}{condition} ORDER BY d.uploaded_at {dir}, d.id {dir} LIMIT ${}",
                    args.len()
                ),
                args,
            )
            .await?;
        let mut list = rows.iter().map(meta).collect::<Result<Vec<_>, _>>()?;
        seek.restore(&mut list);
        Ok((list, total))
    }

    /// The plan versions the family agreed to, newest first, each with the moment of
    /// its first agreement: what a signed plan can be attached to (a plan is signed
    /// when the family agrees to it). A plan has a few dozen versions at most, so the
    /// choice reads them all.
    pub async fn agreed_plan_versions(
        &mut self,
        family_id: &FamilyId,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        self.fetch_all(
            "SELECT version, MIN(agreed_at) AS agreed_at FROM plan_agreements \
             WHERE family_id = $1 GROUP BY version ORDER BY version DESC",
            params![family_id],
        )
        .await?
        .iter()
        .map(|r| Ok((r.int("version")?, r.text("agreed_at")?)))
        .collect()
    }

    /// The signed plans attached to `version` of the family's plan and still in the
    /// file, oldest first: what the plan page links from that version.
    pub async fn signed_plans(
        &mut self,
        family_id: &FamilyId,
        version: i64,
    ) -> Result<Vec<DocumentMeta>, StoreError> {
        self.fetch_all(
            &format!(
                "SELECT {COLUMNS} FROM documents d JOIN users u ON u.id = d.uploaded_by \
                 WHERE d.family_id = $1 AND d.category = $2 AND d.plan_version = $3 \
                 AND d.ended_at IS NULL ORDER BY d.uploaded_at, d.id"
            ),
            params![family_id, DocumentCategory::SignedPlan.code(), version],
        )
        .await?
        .iter()
        .map(meta)
        .collect()
    }

    /// A document of this family, without its content.
    pub async fn document(
        &mut self,
        family_id: &FamilyId,
        id: &str,
    ) -> Result<Option<DocumentMeta>, StoreError> {
        self.fetch_optional(
            &format!(
                "SELECT {COLUMNS} FROM documents d JOIN users u ON u.id = d.uploaded_by \
                 WHERE d.family_id = $1 AND d.id = $2"
            ),
            params![family_id, id],
        )
        .await?
        .as_ref()
        .map(meta)
        .transpose()
    }

    /// The family a document belongs to and the organisation of who attached it: the
    /// privacy officer of that organisation answers for it.
    pub async fn document_owner(
        &mut self,
        id: &str,
    ) -> Result<Option<(FamilyId, String)>, StoreError> {
        self.fetch_optional(
            "SELECT d.family_id, u.organisation_id FROM documents d \
             JOIN users u ON u.id = d.uploaded_by WHERE d.id = $1",
            params![id],
        )
        .await?
        .map(|r| Ok((r.id("family_id")?, r.text("organisation_id")?)))
        .transpose()
    }

    /// A document's content; `None` once it is destroyed.
    pub async fn document_content(
        &mut self,
        family_id: &FamilyId,
        id: &str,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        self.fetch_optional(
            "SELECT content FROM documents WHERE family_id = $1 AND id = $2",
            params![family_id, id],
        )
        .await?
        .map(|r| r.opt_bytes("content"))
        .transpose()
        .map(Option::flatten)
    }

    /// Journals that `actor` took the content of a document (its digest, never the
    /// content).
    pub async fn record_download(
        &mut self,
        actor: &Actor,
        doc: &DocumentMeta,
    ) -> Result<(), StoreError> {
        self.append(
            actor,
            Event::DocumentDownloaded {
                family_id: doc.family_id.clone(),
                document_id: doc.id.clone(),
                sha256: doc.sha256.clone(),
            },
        )
        .await
    }

    /// Takes a document out of the file with a reason; the content stays until a
    /// retention rule or the privacy officer destroys it.
    pub async fn end_document(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        id: &str,
        (by, lead): (&UserId, bool),
        reason: &str,
    ) -> Result<(), StoreError> {
        let doc = self
            .document(family_id, id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("document {id}")))?;
        may_end(&doc.uploaded_by, by.as_str(), lead)?;
        let reason = check_document_reason(reason)?;
        if doc.ended_at.is_some() {
            return Err(DocumentError::AlreadyEnded.into());
        }
        self.execute(
            "UPDATE documents SET ended_at = $1, ended_by = $2, end_reason = $3 \
             WHERE id = $4 AND ended_at IS NULL",
            params![self.now_text(), by, reason, id],
        )
        .await?;
        self.append(
            actor,
            Event::DocumentEnded {
                family_id: family_id.to_string(),
                document_id: id.to_owned(),
                reason: reason.to_owned(),
            },
        )
        .await
    }

    /// Destroys a document's content at once (filed under the wrong family: a data
    /// breach). The digest, the reason and who did it stay; the document is ended too.
    pub async fn destroy_document_content(
        &mut self,
        actor: &Actor,
        family_id: &FamilyId,
        id: &str,
        by: &UserId,
        reason: &str,
    ) -> Result<(), StoreError> {
        let reason = check_document_reason(reason)?;
        let doc = self
            .document(family_id, id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("document {id}")))?;
        if doc.destroyed_at.is_some() {
            return Err(DocumentError::AlreadyDestroyed.into());
        }
        let now = self.now_text();
        self.execute(
            "UPDATE documents SET content = NULL, destroyed_at = $1, destroyed_by = $2, \
             destroy_reason = $3, ended_at = COALESCE(ended_at, $1), \
             ended_by = COALESCE(ended_by, $2), end_reason = COALESCE(end_reason, $3) \
             WHERE id = $4",
            params![&now, by, reason, id],
        )
        .await?;
        self.append(
            actor,
            Event::DocumentDestroyed {
                family_id: family_id.to_string(),
                document_id: id.to_owned(),
                sha256: doc.sha256,
                reason: reason.to_owned(),
            },
        )
        .await
    }
}
