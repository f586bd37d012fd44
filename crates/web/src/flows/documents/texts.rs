//! The words of the documents page, Dutch and English side by side.

crate::texts! {
    /// The documents of a family file: the list, the upload form, its refusals.
    pub struct DocumentTexts, document_texts {
        title: "Documenten",
            "Documents";
        intro: "Beschikkingen, rapporten, ondertekende plannen en formulieren bij dit dossier. Je ziet alleen de documenten waarvoor je toegang hebt.",
            "Court decisions, reports, signed plans and forms in this file. You see only the documents you have access to.";
        none: "Nog geen documenten die jij mag inzien.",
            "No documents you may see yet.";
        upload: "Document toevoegen",
            "Add a document";
        f_file: "Bestand (PDF, afbeelding of Office-document)",
            "File (PDF, image or Office document)";
        f_title: "Titel",
            "Title";
        f_category: "Soort document",
            "Kind of document";
        col_title: "Titel",
            "Title";
        col_category: "Soort",
            "Kind";
        col_type: "Bestand",
            "File";
        col_added: "Toegevoegd",
            "Added";
        col_status: "Status",
            "Status";
        removed: "Verwijderd: {reason}",
            "Removed: {reason}";
        destroyed: "Inhoud vernietigd",
            "Content destroyed";
        in_file: "In het dossier",
            "In the file";
        err_category: "Kies een soort document waarvoor je toegang hebt.",
            "Choose a kind of document you have access to.";
        err_file: "Kies een bestand.",
            "Choose a file.";
        err_too_large: "Het bestand is te groot. Verklein het of splits het op.",
            "The file is too large. Make it smaller or split it.";
        err_too_large_mb: "Het bestand is groter dan {limit} MB. Verklein het of splits het op.",
            "The file is larger than {limit} MB. Make it smaller or split it.";
        err_type: "Dit bestand is geen PDF, afbeelding of Office-document. Sla het op als PDF en probeer het opnieuw.",
            "This file is not a PDF, image or Office document. Save it as a PDF and try again.";
        err_infected: "De virusscanner heeft dit bestand geweigerd. Het is niet opgeslagen.",
            "The virus scanner refused this file. It was not stored.";
        err_title: "Geef het document een titel.",
            "Give the document a title.";
        err_plan_version: "Deze versie van het plan bestaat niet.",
            "This version of the plan does not exist.";
        err_reason: "Geef een reden.",
            "Give a reason.";
        err_not_yours: "Alleen wie het document toevoegde, of de regie, kan het verwijderen.",
            "Only who added the document, or the lead, can remove it.";
        err_done: "Dit document is al verwijderd.",
            "This document was already removed.";
        remove: "Verwijderen",
            "Remove";
        remove_label: "Verwijderen: {title}",
            "Remove: {title}";
        end_title: "Document verwijderen",
            "Remove a document";
        end_intro: "Het document gaat uit het dossier. De inhoud blijft bewaard tot de bewaartermijn voorbij is; in het dossier blijft zichtbaar dat het er was, wie het verwijderde en waarom.",
            "The document leaves the file. Its content is kept until the retention period ends; the file keeps showing that it was there, who removed it and why.";
        end_submit: "Document verwijderen",
            "Remove the document";
        f_reason: "Reden",
            "Reason";
        f_reason_hint: "Bijvoorbeeld: verkeerde versie, of bij het verkeerde gezin toegevoegd.",
            "For example: the wrong version, or added to the wrong family.";
        back: "Terug naar de documenten",
            "Back to the documents";
        f_plan_version: "Bij welke versie van het plan (alleen bij een ondertekend plan)",
            "Which version of the plan (a signed plan only)";
        plan_version_choice: "Versie {version}, akkoord gegeven op {day}",
            "Version {version}, agreed on {day}";
        signed_version: "{category} (versie {version})",
            "{category} (version {version})";
        col_actions: "Acties",
            "Actions";
        p_too_large: "Document te groot",
            "Document too large";
        p_scanner_down: "De virusscanner is niet bereikbaar; het document is niet opgeslagen. Probeer het later opnieuw.",
            "The virus scanner cannot be reached; the document was not stored. Try again later.";
        p_destroyed: "De inhoud van dit document is vernietigd",
            "The content of this document was destroyed";
        p_missing: "Dit document bestaat niet (of je mag het niet inzien)",
            "This document does not exist (or you may not see it)";
        p_consent: "Toestemming nodig",
            "Consent needed";
        p_multipart_title: "Alleen multipart/form-data",
            "Only multipart/form-data";
        p_multipart: "Stuur het document als multipart/form-data met de velden file, category en title.",
            "Send the document as multipart/form-data with the fields file, category and title.";
    }
}
