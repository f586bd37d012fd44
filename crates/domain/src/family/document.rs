//! Documents attached to a family file (a court decision, a Raad report, a signed plan,
//! a consent form, a school report). A document belongs to one part of the file, so the
//! consent that opens that part to a partner opens the document too and nothing more.
//! What a file is, is decided by its first bytes, never by its name or by what the
//! sender claims: a renamed HTML page is refused, so nothing stored can run in a browser.

use crate::codes::code_list;
use crate::family::consent::DataCategory;
use crate::text::{TextKind, TextProblem, check_text};

code_list! {
    DocumentCategory, "document category" {
        CourtDecision = "court_decision", "Beschikking van de rechter", "Court decision";
        RaadReport = "raad_report", "Rapport van de Raad voor de Kinderbescherming", "Child Protection Board report";
        SignedPlan = "signed_plan", "Ondertekend plan", "Signed plan";
        ConsentForm = "consent_form", "Toestemmingsformulier", "Consent form";
        SchoolReport = "school_report", "Schoolrapportage", "School report";
        Other = "other", "Overig verslag", "Other report";
    }
}

impl DocumentCategory {
    /// The consent data category that opens this kind of document to a partner. Reports
    /// and decisions say what happened in the family, as case notes do; a signed plan is
    /// the plan; a consent form says who is involved, as the family's composition does.
    pub fn data_category(self) -> DataCategory {
        match self {
            DocumentCategory::SignedPlan => DataCategory::Plan,
            DocumentCategory::ConsentForm => DataCategory::Identity,
            DocumentCategory::CourtDecision
            | DocumentCategory::RaadReport
            | DocumentCategory::SchoolReport
            | DocumentCategory::Other => DataCategory::Notes,
        }
    }

    /// The plan version a document of this kind is tied to: only a signed plan signs a
    /// version. A version chosen with another kind is not kept, so a form may offer the
    /// choice next to every kind without a court decision ending up "signing" a plan.
    pub fn signed_version(self, chosen: Option<i64>) -> Option<i64> {
        match self {
            DocumentCategory::SignedPlan => chosen,
            _ => None,
        }
    }
}

code_list! {
    DocumentType, "document type" {
        Pdf = "pdf", "PDF", "PDF";
        Png = "png", "Afbeelding (PNG)", "Image (PNG)";
        Jpeg = "jpeg", "Foto (JPEG)", "Photo (JPEG)";
        Gif = "gif", "Afbeelding (GIF)", "Image (GIF)";
        Docx = "docx", "Word-document", "Word document";
        Xlsx = "xlsx", "Excel-werkblad", "Excel spreadsheet";
        Pptx = "pptx", "PowerPoint-presentatie", "PowerPoint presentation";
        Odt = "odt", "OpenDocument-tekst", "OpenDocument text";
        Ods = "ods", "OpenDocument-rekenblad", "OpenDocument spreadsheet";
        Ole = "ole", "Ouder Office-document (.doc, .xls)", "Older Office document (.doc, .xls)";
    }
}

impl DocumentType {
    /// The media type a download is sent with; never one a browser renders as a page.
    pub fn media_type(self) -> &'static str {
        match self {
            DocumentType::Pdf => "application/pdf",
            DocumentType::Png => "image/png",
            DocumentType::Jpeg => "image/jpeg",
            DocumentType::Gif => "image/gif",
            DocumentType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            DocumentType::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            DocumentType::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            DocumentType::Odt => "application/vnd.oasis.opendocument.text",
            DocumentType::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            DocumentType::Ole => "application/x-ole-storage",
        }
    }

    /// The file name extension a download gets, so the name matches the bytes.
    pub fn extension(self) -> &'static str {
        match self {
            DocumentType::Pdf => "pdf",
            DocumentType::Png => "png",
            DocumentType::Jpeg => "jpg",
            DocumentType::Gif => "gif",
            DocumentType::Docx => "docx",
            DocumentType::Xlsx => "xlsx",
            DocumentType::Pptx => "pptx",
            DocumentType::Odt => "odt",
            DocumentType::Ods => "ods",
            DocumentType::Ole => "doc",
        }
    }
}

/// The largest document kept by default (20 MB): a scanned court decision of some
/// dozens of pages fits; an operator can set another limit.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;

/// How much of a zip's start is searched for the OOXML or ODF marker: the marker
/// entry comes first in every file Office and LibreOffice write.
const ZIP_MARKER_WINDOW: usize = 4096;

/// What the first bytes say the file is; `None` for anything not allowed (HTML, scripts,
/// executables, a zip that is not an office document).
pub fn sniff(bytes: &[u8]) -> Option<DocumentType> {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(b"%PDF-") {
        Some(DocumentType::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(DocumentType::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(DocumentType::Jpeg)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(DocumentType::Gif)
    } else if bytes.starts_with(OLE) {
        Some(DocumentType::Ole)
    } else if bytes.starts_with(b"PK\x03\x04") {
        office_zip(&bytes[..bytes.len().min(ZIP_MARKER_WINDOW)])
    } else {
        None
    }
}

/// An office document is a zip with a marker: ODF stores its `mimetype` entry first,
/// uncompressed; OOXML has `[Content_Types].xml` and a `word/`, `xl/` or `ppt/` part.
fn office_zip(head: &[u8]) -> Option<DocumentType> {
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if has(b"mimetypeapplication/vnd.oasis.opendocument.text") {
        Some(DocumentType::Odt)
    } else if has(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet") {
        Some(DocumentType::Ods)
    } else if !has(b"[Content_Types].xml") {
        None
    } else if has(b"word/") {
        Some(DocumentType::Docx)
    } else if has(b"xl/") {
        Some(DocumentType::Xlsx)
    } else if has(b"ppt/") {
        Some(DocumentType::Pptx)
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    #[error("a document needs a title")]
    NoTitle,
    #[error("the title {0}")]
    Title(TextProblem),
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than the limit of {limit} bytes")]
    TooLarge { limit: usize },
    #[error("the file is not a PDF, an image or an office document")]
    TypeNotAllowed,
    #[error("the virus scanner refused the file")]
    Infected,
    #[error("only who attached a document, or the lead, removes it")]
    NotYours,
    #[error("a document is removed with a reason")]
    NoReason,
    #[error("the document was already removed")]
    AlreadyEnded,
    #[error("the document's content was already destroyed")]
    AlreadyDestroyed,
}

/// Checks a document before it is kept: a title, bytes within `limit`, an allowed type.
pub fn check_document(
    title: &str,
    bytes: &[u8],
    limit: usize,
) -> Result<DocumentType, DocumentError> {
    if title.trim().is_empty() {
        return Err(DocumentError::NoTitle);
    }
    check_text(TextKind::Line, title).map_err(DocumentError::Title)?;
    if bytes.is_empty() {
        return Err(DocumentError::Empty);
    }
    if bytes.len() > limit {
        return Err(DocumentError::TooLarge { limit });
    }
    sniff(bytes).ok_or(DocumentError::TypeNotAllowed)
}

/// Who may take a document out of the file: who attached it, or the lead (who keeps
/// the file as a whole). A partner does not remove another's document.
pub fn may_end(uploaded_by: &str, by: &str, lead: bool) -> Result<(), DocumentError> {
    if lead || uploaded_by == by {
        Ok(())
    } else {
        Err(DocumentError::NotYours)
    }
}

/// A removal or a destruction names why; the reason is kept in the journal.
pub fn check_reason(reason: &str) -> Result<&str, DocumentError> {
    let reason = reason.trim();
    if reason.is_empty() {
        Err(DocumentError::NoReason)
    } else {
        Ok(reason)
    }
}

/// The content's SHA-256 as hex: what the journal and `verify --deep` know of a
/// document's bytes.
pub fn content_digest(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    data_encoding::HEXLOWER.encode(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_bytes_decide_the_type() {
        assert_eq!(sniff(b"%PDF-1.7\n%..."), Some(DocumentType::Pdf));
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(DocumentType::Png)
        );
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(DocumentType::Jpeg));
        assert_eq!(sniff(b"GIF89a...."), Some(DocumentType::Gif));
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Some(DocumentType::Ole)
        );
        assert_eq!(
            sniff(b"PK\x03\x04....[Content_Types].xml....word/document.xml"),
            Some(DocumentType::Docx)
        );
        assert_eq!(
            sniff(b"PK\x03\x04....[Content_Types].xml....xl/workbook.xml"),
            Some(DocumentType::Xlsx)
        );
        assert_eq!(
            sniff(b"PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.text"),
            Some(DocumentType::Odt)
        );
    }

    #[test]
    fn html_scripts_and_plain_zips_are_refused_whatever_their_name() {
        assert_eq!(sniff(b"<!DOCTYPE html><script>alert(1)</script>"), None);
        assert_eq!(sniff(b"<html><body>%PDF-1.7</body></html>"), None);
        assert_eq!(sniff(b"  %PDF-1.7"), None);
        assert_eq!(sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), None);
        assert_eq!(sniff(b"MZ\x90\0"), None);
        assert_eq!(sniff(b"PK\x03\x04....payload.exe"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn categories_map_onto_the_consents_data_categories() {
        assert_eq!(
            DocumentCategory::SignedPlan.data_category(),
            DataCategory::Plan
        );
        assert_eq!(
            DocumentCategory::ConsentForm.data_category(),
            DataCategory::Identity
        );
        for c in [
            DocumentCategory::CourtDecision,
            DocumentCategory::RaadReport,
            DocumentCategory::SchoolReport,
            DocumentCategory::Other,
        ] {
            assert_eq!(c.data_category(), DataCategory::Notes, "{c:?}");
        }
    }

    #[test]
    fn only_a_signed_plan_is_tied_to_a_plan_version() {
        assert_eq!(
            DocumentCategory::SignedPlan.signed_version(Some(3)),
            Some(3)
        );
        assert_eq!(DocumentCategory::SignedPlan.signed_version(None), None);
        for c in DocumentCategory::ALL {
            if *c != DocumentCategory::SignedPlan {
                assert_eq!(c.signed_version(Some(3)), None, "{c:?}");
            }
        }
    }

    #[test]
    fn a_document_needs_a_title_bytes_within_the_limit_and_an_allowed_type() {
        let pdf = b"%PDF-1.7\n";
        assert_eq!(
            check_document("Beschikking", pdf, 100),
            Ok(DocumentType::Pdf)
        );
        assert_eq!(check_document(" ", pdf, 100), Err(DocumentError::NoTitle));
        assert_eq!(
            check_document("Beschikking", b"", 100),
            Err(DocumentError::Empty)
        );
        assert_eq!(
            check_document("Beschikking", pdf, 4),
            Err(DocumentError::TooLarge { limit: 4 })
        );
        assert_eq!(
            check_document("Beschikking", b"<html>", 100),
            Err(DocumentError::TypeNotAllowed)
        );
        assert_eq!(check_reason("  "), Err(DocumentError::NoReason));
        assert_eq!(may_end("sanne", "sanne", false), Ok(()));
        assert_eq!(may_end("sanne", "joyce", true), Ok(()));
        assert_eq!(
            may_end("sanne", "thomas", false),
            Err(DocumentError::NotYours)
        );
        assert_eq!(check_reason(" verkeerd gezin "), Ok("verkeerd gezin"));
    }
}
