//! Veilig Thuis's work list and contacts, for its own professionals only.

use super::schemas::{
    AssessmentIn, ContactIn, VtAssessed, VtContactDetail, VtReceived, VtWorkList,
};
use eenplan_domain::policy::VEILIG_THUIS;

use super::{api, pages};
use crate::kit::route::{Entry, INVALID, NOT_FOUND, Problem, get, post};

const VT_ONLY: Problem = (403, "Alleen voor Veilig Thuis");

pub fn routes() -> Vec<Entry> {
    vec![
        get("/veilig-thuis", VEILIG_THUIS, pages::list),
        post("/veilig-thuis", VEILIG_THUIS, pages::receive),
        get("/veilig-thuis/{contact}", VEILIG_THUIS, pages::show),
        post("/veilig-thuis/{contact}/beoordeling", VEILIG_THUIS, pages::assess),
        post("/api/v1/veilig-thuis/contacts", VEILIG_THUIS, api::receive)
            .doc("receiveVtContact", "Veilig Thuis: een adviesvraag of melding vastleggen; de radar toont eerdere signalen")
            .body::<ContactIn>()
            .ok::<VtReceived>(201, "Vastgelegd, met de radar")
            .problems([INVALID, VT_ONLY]),
        get("/api/v1/veilig-thuis/contacts", VEILIG_THUIS, api::work_list)
            .doc("vtWorkList", "Veilig Thuis: de werklijst (veiligheidsbeoordelingen, termijn en te laat; terugkoppelmomenten)")
            .paged()
            .ok::<VtWorkList>(200, "De werklijst")
            .problems([VT_ONLY]),
        get("/api/v1/veilig-thuis/contacts/{contact}", VEILIG_THUIS, api::show)
            .doc("vtContact", "Veilig Thuis: één contact volledig, met de melder, de kinderen en de inhoud van de veiligheidsbeoordeling")
            .ok::<VtContactDetail>(200, "Het contact")
            .problems([NOT_FOUND, VT_ONLY]),
        post("/api/v1/veilig-thuis/contacts/{contact}/assessment", VEILIG_THUIS, api::assess)
            .doc("assessVtContact", "Veilig Thuis: de veiligheidsbeoordeling met haar uitkomst")
            .body::<AssessmentIn>()
            .ok::<VtAssessed>(200, "Beoordeeld")
            .problems([
                (400, "Ongeldige invoer of uitkomst"),
                (409, "Al beoordeeld, of een adviesvraag"),
                NOT_FOUND,
                VT_ONLY,
            ]),
    ]
}
