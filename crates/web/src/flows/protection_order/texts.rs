//! The words of the protection order request's pages, Dutch and English side by side.

crate::texts! {
    /// The words of the request to the Raad, on the family's side and the Raad's.
    pub struct PoTexts, protection_order {
        po_intro: "Als vrijwillige hulp niet tot veiligheid leidt, vraagt de regie de Raad voor de Kinderbescherming om onderzoek. Het lokale team blijft betrokken, ook als de kinderrechter een maatregel uitspreekt.",
            "When voluntary help does not reach safety, the lead asks the Child Protection Board (Raad voor de Kinderbescherming) to investigate. The local team stays involved, also when the juvenile court orders a measure.";
        po_none: "Nog geen verzoeken aan de Raad.",
            "No requests to the Raad yet.";
        po_new: "Verzoek indienen",
            "Make the request";
        po_raad: "Raad voor de Kinderbescherming",
            "Child Protection Board";
        po_children: "Over welke kinderen",
            "About which children";
        po_grounds: "Waarom leidde vrijwillige hulp niet tot veiligheid?",
            "Why did voluntary help not reach safety?";
        po_tried: "Wat is er geprobeerd?",
            "What was tried?";
        po_open: "Er loopt al een verzoek voor dit gezin; een nieuw verzoek kan als dat is afgerond.",
            "A request for this family is running; a new one can follow when it is closed.";
        po_request: "Verzoek",
            "Request";
        po_requested_on: "Ingediend op",
            "Requested on";
        po_requested_by: "Ingediend door",
            "Requested by";
        po_investigation_on: "In onderzoek sinds",
            "Under investigation since";
        po_concluded_on: "Uitkomst op",
            "Outcome on";
        po_no_measure_reason: "Reden geen maatregel",
            "Reason for no measure";
        po_petitioned: "Gevraagde maatregel",
            "Measure petitioned";
        po_decided_on: "Beslissing van de rechter op",
            "Court decision on";
        po_granted: "Uitgesproken maatregel",
            "Measure granted";
        po_ends_on: "Tot en met",
            "Until";
        po_institution: "Uitgevoerd door",
            "Carried out by";
        po_family: "Gezin",
            "Family";
        raad_title: "Raad voor de Kinderbescherming: werklijst",
            "Child Protection Board: work list";
        raad_intro: "De verzoeken tot onderzoek aan jouw organisatie, nieuwe verzoeken eerst. Je ziet wat de Raad nodig heeft: de kinderen, de gronden en wie het verzoek deed, niet het hele dossier.",
            "The requests for investigation to your organisation, new ones first. You see what the Raad needs: the children, the grounds and who made the request, not the whole file.";
        raad_empty: "Geen verzoeken.",
            "No requests.";
        raad_one_request: "1 verzoek",
            "1 request";
        raad_n_requests: "{n} verzoeken",
            "{n} requests";
        raad_accept: "In onderzoek nemen",
            "Take up the investigation";
        raad_started_on: "Onderzoek gestart op",
            "Investigation started on";
        raad_outcome: "Uitkomst van het onderzoek",
            "Outcome of the investigation";
        raad_outcome_choice: "Uitkomst",
            "Outcome";
        raad_no_measure: "Geen maatregel: verder in vrijwillige hulp",
            "No measure: voluntary help goes on";
        raad_petition: "Verzoek aan de kinderrechter",
            "Petition to the juvenile court";
        raad_measure: "Maatregel",
            "Measure";
        raad_reason: "Reden (bij geen maatregel)",
            "Reason (for no measure)";
        raad_on: "Datum",
            "Date";
        raad_decision: "Beslissing van de kinderrechter",
            "Decision of the juvenile court";
        raad_ruling: "Beslissing",
            "Decision";
        raad_granted: "Toegewezen",
            "Granted";
        raad_refused: "Afgewezen",
            "Refused";
        raad_ends_on: "Einddatum (bij een OTS: uiterlijk een jaar na de beslissing)",
            "End date (a supervision order: at most a year after the decision)";
        raad_institution: "Gecertificeerde instelling die de maatregel uitvoert",
            "Certified institution carrying out the measure";
        raad_record: "Vastleggen",
            "Record";
        err_po_children: "Kies de kinderen om wie het gaat.",
            "Choose the children it is about.";
        err_po_raad: "Kies de Raad voor de Kinderbescherming.",
            "Choose the Child Protection Board.";
        err_po_open: "Er loopt al een verzoek voor dit gezin.",
            "A request for this family is already running.";
        err_po_done: "Deze stap kan niet (meer) bij dit verzoek.",
            "This step is not (or no longer) possible for this request.";
        err_po_future: "Een datum ligt niet in de toekomst.",
            "A date does not lie in the future.";
        err_po_before: "Deze datum ligt vóór de vorige stap.",
            "This date lies before the previous step.";
        err_po_measure: "Kies de gevraagde maatregel, of in plaats daarvan een ondertoezichtstelling.",
            "Choose the measure petitioned or, instead, a supervision order.";
        err_po_end: "Een OTS loopt tot een datum na de beslissing, uiterlijk een jaar erna.",
            "A supervision order runs to a date after the decision, at most a year later.";
        err_po_no_end: "Een gezagsbeëindigende maatregel heeft geen einddatum.",
            "Ending parental authority has no end date.";
        err_po_institution: "Kies een gecertificeerde instelling (zoals SAVE of William Schrikker).",
            "Choose a certified institution (such as SAVE or William Schrikker).";
    }
}
