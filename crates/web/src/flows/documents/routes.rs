//! The documents of a family file: the page under `/gezinnen/{family}/documenten` and
//! the API under `/api/v1/families/{family}/documents`. Every route opens to whoever
//! may open the file; which documents they see is their grant's categories, decided
//! per document.

use eenplan_domain::policy::PRIVACY_OFFICER;

use super::schemas::{Document, DocumentUpload, Documents};
use super::{api, pages, removal};
use crate::kit::body::Reason;
use crate::kit::route::{Entry, IDENTITY, INVALID, NEEDS_CONSENT, NO_FILE, NOT_FOUND, get, post};

pub fn routes() -> Vec<Entry> {
    vec![
        get("/gezinnen/{family}/documenten", IDENTITY, pages::list),
        post("/gezinnen/{family}/documenten", IDENTITY, pages::upload),
        get(
            "/gezinnen/{family}/documenten/{document}",
            IDENTITY,
            pages::download,
        ),
        get(
            "/gezinnen/{family}/documenten/{document}/verwijderen",
            IDENTITY,
            removal::form,
        ),
        post(
            "/gezinnen/{family}/documenten/{document}/verwijderen",
            IDENTITY,
            removal::end,
        ),
        post("/api/v1/families/{family}/documents", IDENTITY, api::upload)
            .doc(
                "attachDocument",
                "Een document aan het dossier toevoegen (PDF, afbeelding of Office-document)",
            )
            .upload::<DocumentUpload>()
            .ok::<Document>(201, "Toegevoegd")
            .problems([
                INVALID,
                NEEDS_CONSENT,
                NO_FILE,
                (413, "Document groter dan de limiet"),
                (503, "Virusscanner niet bereikbaar"),
            ]),
        get("/api/v1/families/{family}/documents", IDENTITY, api::list)
            .doc(
                "getDocuments",
                "De documenten van het dossier die jij mag inzien",
            )
            .paged()
            .ok::<Documents>(200, "Documenten")
            .problems([NO_FILE]),
        get(
            "/api/v1/families/{family}/documents/{document}",
            IDENTITY,
            api::download,
        )
        .doc(
            "downloadDocument",
            "De inhoud van een document, als bijlage",
        )
        .empty(
            200,
            "De inhoud, als bijlage (Content-Disposition: attachment)",
        )
        .problems([NO_FILE, (410, "De inhoud is vernietigd")]),
        post(
            "/api/v1/families/{family}/documents/{document}/end",
            IDENTITY,
            api::end,
        )
        .doc(
            "endDocument",
            "Een document uit het dossier halen, met reden (de inhoud blijft bewaard)",
        )
        .body::<Reason>()
        .empty(204, "Verwijderd")
        .problems([
            INVALID,
            NO_FILE,
            (403, "Niet toegevoegd door jou en niet de regie"),
            (409, "Het document is al verwijderd"),
        ]),
        post(
            "/api/v1/privacy/documents/{document}/destroy",
            PRIVACY_OFFICER,
            api::destroy,
        )
        .doc(
            "destroyDocumentContent",
            "Privacyfunctionaris: de inhoud van een document direct vernietigen (datalek)",
        )
        .body::<Reason>()
        .empty(
            204,
            "Vernietigd; de digest en de reden blijven in het journaal",
        )
        .problems([INVALID, NOT_FOUND]),
    ]
}
