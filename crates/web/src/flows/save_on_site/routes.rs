//! SAVE op locatie's pages and API operations, with the policy that guards each: the
//! page and the consultations are for certified institutions and local teams, the
//! schedule's changes for a certified institution's team leads, and a family's
//! consultations by name for its circle (they are the family's notes).

use super::schemas::{
    NewSaveConsultation, NewSaveOnSiteSlot, SaveAdvice, SaveConsultation, SaveConsultationState,
    SaveConsultations, SaveOnSiteDay, SaveOnSiteHistory, SaveOnSiteSlotEnd, SaveOnSiteSlotEnded,
    SaveOnSiteSlots, SaveSlotBookings, SaveWalkIn,
};
use crate::kit::body::{Created, Reason};
use eenplan_domain::policy::{SAVE_ON_SITE, SAVE_SCHEDULE};

use super::{api, pages};
use crate::kit::route::{Entry, NEEDS_CONSENT, NO_FILE, NO_REASON, NOTES, Problem, get, post};

const SITE_ONLY: Problem = (
    403,
    "Alleen voor gecertificeerde instellingen en lokale teams",
);
const TEAM_LEADS_ONLY: Problem = (
    403,
    "Alleen voor teamleiders van een gecertificeerde instelling",
);
const ON_SITE_ONLY: Problem = (403, "Alleen de medewerker op locatie");
const NO_CONSULTATION: Problem = (404, "Geen overleg dat jij mag zien");
const INVALID_FIELD: Problem = (400, "Ongeldige invoer (met veld)");
const BAD_DATE: Problem = (400, "Ongeldige datum (met veld)");

pub fn routes() -> Vec<Entry> {
    vec![
        get("/save-op-locatie", SAVE_ON_SITE, pages::show),
        post("/save-op-locatie/boeken", SAVE_ON_SITE, pages::book),
        post("/save-op-locatie/inloop", SAVE_ON_SITE, pages::walk_in),
        post("/save-op-locatie/rooster", SAVE_SCHEDULE, pages::add_slot),
        post("/save-op-locatie/rooster/{slot}/beeindigen", SAVE_SCHEDULE, pages::end_slot),
        get("/save-op-locatie/rooster/{slot}", SAVE_SCHEDULE, pages::slot),
        post(
            "/save-op-locatie/rooster/{slot}/overleg/{consultation}/annuleren",
            SAVE_SCHEDULE,
            pages::lead_cancel,
        ),
        get("/save-op-locatie/geschiedenis", SAVE_ON_SITE, pages::history),
        get("/save-op-locatie/overleg/{id}", SAVE_ON_SITE, pages::consultation),
        post("/save-op-locatie/overleg/{id}/advies", SAVE_ON_SITE, pages::advice),
        post("/save-op-locatie/overleg/{id}/annuleren", SAVE_ON_SITE, pages::cancel),
        get("/api/v1/save-op-locatie/slots", SAVE_ON_SITE, api::slots)
            .doc("listSaveOnSiteSlots", "SAVE op locatie: het rooster (eigen gecertificeerde instelling, of het eigen lokale team) met de komende dagen op locatie")
            .ok::<SaveOnSiteSlots>(200, "Het rooster")
            .problems([SITE_ONLY]),
        post("/api/v1/save-op-locatie/slots", SAVE_SCHEDULE, api::add_slot)
            .doc("addSaveOnSiteSlot", "SAVE op locatie: een wekelijks dagdeel van een eigen medewerker bij een lokaal team toevoegen (teamleider)")
            .body::<NewSaveOnSiteSlot>()
            .ok::<Created>(201, "Toegevoegd")
            .problems([
                INVALID_FIELD,
                (409, "De medewerker is dan al elders op locatie"),
                TEAM_LEADS_ONLY,
            ]),
        post("/api/v1/save-op-locatie/slots/{slot}/end", SAVE_SCHEDULE, api::end_slot)
            .doc("endSaveOnSiteSlot", "SAVE op locatie: een dagdeel beëindigen (de laatste dag)")
            .body::<SaveOnSiteSlotEnd>()
            .ok::<SaveOnSiteSlotEnded>(200, "Beëindigd")
            .problems([
                BAD_DATE,
                (409, "Al beëindigd, of er staan nog overleggen na die datum"),
                (404, "Geen dagdeel van jouw organisatie"),
                TEAM_LEADS_ONLY,
            ]),
        get("/api/v1/save-op-locatie/slots/{slot}/bookings", SAVE_SCHEDULE, api::slot_bookings)
            .doc("listSaveOnSiteSlotBookings", "SAVE op locatie: de overleggen die nog geboekt staan op een dagdeel van de eigen instelling (teamleider; zonder gezin of vraag)")
            .ok::<SaveSlotBookings>(200, "De boekingen")
            .problems([(404, "Geen dagdeel van jouw organisatie"), TEAM_LEADS_ONLY]),
        post(
            "/api/v1/save-op-locatie/slots/{slot}/bookings/{consultation}/cancel",
            SAVE_SCHEDULE,
            api::lead_cancel,
        )
        .doc("cancelSaveOnSiteSlotBooking", "SAVE op locatie: een boeking op een dagdeel van de eigen instelling annuleren, met de reden (teamleider)")
        .body::<Reason>()
        .ok::<SaveConsultationState>(200, "Geannuleerd")
        .problems([NO_REASON, (409, "Al gehouden of geannuleerd"), NO_CONSULTATION, TEAM_LEADS_ONLY]),
        get("/api/v1/save-op-locatie/history", SAVE_ON_SITE, api::history)
            .doc("saveOnSiteHistory", "SAVE op locatie: jouw eerdere overleggen als medewerker op locatie, per team en periode (van en tot en met, hoogstens een jaar; zonder keuze de laatste vier weken)")
            .paged()
            .ok::<SaveOnSiteHistory>(200, "Een pagina van de overleggen van de periode, nieuwste eerst (total: over alle pagina's)")
            .problems([(400, "Ongeldige periode of team (met veld)"), SITE_ONLY]),
        get("/api/v1/save-op-locatie/consultations", SAVE_ON_SITE, api::day)
            .doc("saveOnSiteDay", "SAVE op locatie: jouw lijst van een dag (als medewerker op locatie alle overleggen, als professional wat jij vroeg)")
            .ok::<SaveOnSiteDay>(200, "De lijst")
            .problems([BAD_DATE, SITE_ONLY]),
        post("/api/v1/save-op-locatie/consultations", SAVE_ON_SITE, api::book)
            .doc("bookSaveConsultation", "SAVE op locatie: een overleg boeken, anoniem of op naam (met toestemming van het gezin)")
            .body::<NewSaveConsultation>()
            .ok::<SaveConsultationState>(201, "Geboekt")
            .problems([
                (400, "Ongeldige invoer, geen dag op locatie, of geen toestemming (met veld)"),
                (403, "Alleen voor het lokale team van dit dagdeel"),
            ]),
        post("/api/v1/save-op-locatie/walk-ins", SAVE_ON_SITE, api::walk_in)
            .doc("recordSaveWalkIn", "SAVE op locatie: een inloopoverleg vastleggen, meteen met het advies (de medewerker op locatie)")
            .body::<SaveWalkIn>()
            .ok::<SaveConsultationState>(201, "Vastgelegd en gehouden")
            .problems([INVALID_FIELD, ON_SITE_ONLY]),
        get("/api/v1/save-op-locatie/consultations/{consultation}", SAVE_ON_SITE, api::consultation)
            .doc("getSaveConsultation", "SAVE op locatie: één overleg (voor de medewerker op locatie en wie het vroeg)")
            .ok::<SaveConsultation>(200, "Het overleg")
            .problems([NO_CONSULTATION, SITE_ONLY]),
        post(
            "/api/v1/save-op-locatie/consultations/{consultation}/advice",
            SAVE_ON_SITE,
            api::advice,
        )
        .doc("recordSaveAdvice", "SAVE op locatie: het advies, de vervolgstappen met wie ze zet, en de uitkomst (de medewerker op locatie)")
        .body::<SaveAdvice>()
        .ok::<SaveConsultationState>(200, "Gehouden")
        .problems([
            INVALID_FIELD,
            (409, "Al gehouden, geannuleerd, of nog niet de dag"),
            NO_CONSULTATION,
            ON_SITE_ONLY,
        ]),
        post(
            "/api/v1/save-op-locatie/consultations/{consultation}/cancel",
            SAVE_ON_SITE,
            api::cancel,
        )
        .doc("cancelSaveConsultation", "SAVE op locatie: een geboekt overleg annuleren, met de reden")
        .body::<Reason>()
        .ok::<SaveConsultationState>(200, "Geannuleerd")
        .problems([NO_REASON, (409, "Al gehouden of geannuleerd"), NO_CONSULTATION]),
        get("/api/v1/families/{family}/save-consultations", NOTES, api::family_consultations)
            .doc("listFamilySaveConsultations", "De overleggen op naam met SAVE op locatie over dit gezin")
            .ok::<SaveConsultations>(200, "De overleggen")
            .problems([NEEDS_CONSENT, NO_FILE]),
    ]
}
