//! The family file's routes: the pages under `/gezinnen` and the API under
//! `/api/v1/families`, each with its policy, the family data it touches and, for the
//! API, its documentation.

use super::schemas::{
    Agreement, AgreementRecorded, CloseFile, Family, FamilyList, MemberCorrection,
    NetworkCorrection, NewFamily, NewInvolvement, NewMember, NewNetworkMember, NewNote,
    NoteChanged, Notes, Plan, PlanDocument, PlanVersions, Timeline,
};
use crate::kit::body::{Created, Reason, Version};
use eenplan_domain::family::CLOSING_NEEDS;
use eenplan_domain::policy::SIGNED_IN;

use super::{api, pages};
use crate::kit::route::{
    Entry, IDENTITY, INVALID, LEAD, LEAD_ONLY, NO_FILE, NO_REASON, NOT_FOUND, NOTES, PLAN, Problem,
    get, post, put,
};

const LEAD_CHANGES: Problem = (403, "Alleen de regie wijzigt gezinsleden en netwerk");

pub fn routes() -> Vec<Entry> {
    vec![
        get("/gezinnen", SIGNED_IN, pages::search),
        get("/gezinnen/nieuw", SIGNED_IN, pages::new_form),
        post("/gezinnen/nieuw", SIGNED_IN, pages::create),
        get("/gezinnen/{family}", IDENTITY, pages::show),
        post(
            "/gezinnen/{family}/veilig-thuis-overdracht/{contact}/gezien",
            LEAD,
            pages::acknowledge_vt_handover,
        ),
        get("/gezinnen/{family}/gezin", IDENTITY, pages::household),
        get(
            "/gezinnen/{family}/betrokkenen",
            IDENTITY,
            pages::involvements,
        ),
        post("/gezinnen/{family}/leden", LEAD, pages::add_member),
        post("/gezinnen/{family}/netwerk", LEAD, pages::add_network),
        post(
            "/gezinnen/{family}/betrokkenen",
            IDENTITY,
            pages::add_involvement,
        ),
        get("/gezinnen/{family}/plan", PLAN, pages::plan_show),
        post("/gezinnen/{family}/plan", PLAN, pages::plan_save),
        get(
            "/gezinnen/{family}/plan/vergelijken",
            PLAN,
            pages::plan_compare,
        ),
        post("/gezinnen/{family}/plan/akkoord", PLAN, pages::plan_agree),
        post(
            "/gezinnen/{family}/plan/herstellen",
            PLAN,
            pages::plan_restore,
        ),
        get("/gezinnen/{family}/plan/afdrukken", PLAN, pages::plan_print),
        get("/gezinnen/{family}/notities", NOTES, pages::notes),
        post("/gezinnen/{family}/notities", NOTES, pages::write_note),
        post(
            "/gezinnen/{family}/notities/{note}",
            NOTES,
            pages::change_note,
        ),
        post(
            "/gezinnen/{family}/beeindigen",
            IDENTITY,
            pages::end_someone,
        ),
        post(
            "/gezinnen/{family}/leden/corrigeren",
            LEAD,
            pages::correct_member,
        ),
        post(
            "/gezinnen/{family}/netwerk/corrigeren",
            LEAD,
            pages::correct_network,
        ),
        get("/gezinnen/{family}/tijdlijn", IDENTITY, pages::timeline),
        // Closing and reopening need what the domain's closing rule names: the lead.
        get("/gezinnen/{family}/afsluiten", CLOSING_NEEDS, pages::closing),
        post("/gezinnen/{family}/afsluiten", CLOSING_NEEDS, pages::close_file),
        post("/gezinnen/{family}/heropenen", CLOSING_NEEDS, pages::reopen_file),
        get("/api/v1/families", SIGNED_IN, api::search)
            .doc(
                "searchFamilies",
                "De gezinnen waarbij je betrokken bent, per pagina: zoeken, filteren en sorteren",
            )
            .paged()
            .ok::<FamilyList>(200, "Gevonden dossiers")
            .problems([(400, "Ongeldige zoekvraag")]),
        post("/api/v1/families", SIGNED_IN, api::create)
            .doc(
                "createFamily",
                "Een dossier openen; je wordt de regisseur. Mogelijke dubbele dossiers geven 409",
            )
            .body::<NewFamily>()
            .ok::<Created>(201, "Geopend")
            .problems([
                INVALID,
                (403, "Geen lokaal team"),
                (409, "Mogelijk dubbel dossier"),
            ]),
        get("/api/v1/families/{family}", IDENTITY, api::read)
            .doc(
                "getFamily",
                "Het dossier: gezinsleden, netwerk en betrokkenen",
            )
            .ok::<Family>(200, "Het dossier")
            .problems([NO_FILE]),
        post("/api/v1/families/{family}/members", LEAD, api::add_member)
            .doc("addMember", "Een gezinslid toevoegen")
            .body::<NewMember>()
            .ok::<Created>(201, "Toegevoegd")
            .problems([INVALID, LEAD_CHANGES, NO_FILE]),
        post("/api/v1/families/{family}/network", LEAD, api::add_network)
            .doc("addNetworkMember", "Een netwerklid toevoegen")
            .body::<NewNetworkMember>()
            .ok::<Created>(201, "Toegevoegd")
            .problems([INVALID, LEAD_CHANGES, NO_FILE]),
        post(
            "/api/v1/families/{family}/involvements",
            IDENTITY,
            api::add_involvement,
        )
        .doc(
            "addInvolvement",
            "Een betrokkene toevoegen (partner) of, met takes_over en reason, een overdracht",
        )
        .body::<NewInvolvement>()
        .ok::<Created>(201, "Toegevoegd")
        .problems([INVALID, (409, "Overdracht nodig"), NO_FILE]),
        get("/api/v1/families/{family}/plan", PLAN, api::plan)
            .doc("getPlan", "Het huidige plan met ETag")
            .ok::<PlanDocument>(200, "Het plan")
            .problems([NO_FILE]),
        put("/api/v1/families/{family}/plan", PLAN, api::put_plan)
            .doc(
                "putPlan",
                "Het plan opslaan als nieuwe versie; If-Match verplicht",
            )
            .body::<Plan>()
            .ok::<Version>(200, "Opgeslagen")
            .problems([
                (400, "Ongeldig plan"),
                (412, "Verouderde versie: wat er veranderde"),
                (428, "If-Match ontbreekt"),
                NO_FILE,
            ]),
        get(
            "/api/v1/families/{family}/plan/versions",
            PLAN,
            api::plan_versions,
        )
        .doc(
            "getPlanVersions",
            "De opgeslagen versies van het plan, nieuwste eerst, per pagina: wie en wanneer",
        )
        .paged()
        .ok::<PlanVersions>(200, "De versies")
        .problems([(400, "Ongeldige limit of cursor"), NO_FILE]),
        get(
            "/api/v1/families/{family}/plan/versions/{version}",
            PLAN,
            api::plan_version,
        )
        .doc("getPlanVersion", "Een eerdere versie van het plan")
        .ok::<PlanDocument>(200, "De versie")
        .problems([NO_FILE]),
        post(
            "/api/v1/families/{family}/plan/versions/{version}/restore",
            PLAN,
            api::restore_plan,
        )
        .doc(
            "restorePlanVersion",
            "Een eerdere versie terugzetten als nieuwe versie; If-Match verplicht",
        )
        .ok::<Version>(200, "Teruggezet als nieuwe versie")
        .problems([
            (412, "Verouderde versie: wat er veranderde"),
            (428, "If-Match ontbreekt"),
            NO_FILE,
        ]),
        post(
            "/api/v1/families/{family}/plan/agreements",
            PLAN,
            api::agree,
        )
        .doc(
            "agreePlan",
            "Vastleggen welke gezinsleden akkoord gingen met een versie",
        )
        .body::<Agreement>()
        .ok::<AgreementRecorded>(201, "Vastgelegd")
        .problems([INVALID, NO_FILE]),
        get("/api/v1/families/{family}/notes", NOTES, api::notes)
            .doc("getNotes", "Notities met al hun versies")
            .ok::<Notes>(200, "Notities")
            .problems([NO_FILE]),
        post("/api/v1/families/{family}/notes", NOTES, api::write_note)
            .doc("writeNote", "Een notitie schrijven")
            .body::<NewNote>()
            .ok::<Created>(201, "Geschreven")
            .problems([INVALID, NO_FILE]),
        put(
            "/api/v1/families/{family}/notes/{note}",
            NOTES,
            api::change_note,
        )
        .doc(
            "changeNote",
            "Een notitie wijzigen (binnen 24 uur) of corrigeren (daarna, met reason)",
        )
        .body::<NewNote>()
        .ok::<NoteChanged>(200, "Nieuwe versie")
        .problems([
            (400, "Ongeldige invoer of reden ontbreekt"),
            (403, "Niet de auteur"),
            NO_FILE,
        ]),
        post(
            "/api/v1/families/{family}/members/{member}/end",
            LEAD,
            |f, p, b| api::end(api::Part::Member, f, p, b),
        )
        .doc("endMember", "Een gezinslid beëindigen (blijft bewaard)")
        .body::<Reason>()
        .empty(204, "Beëindigd")
        .problems([NO_REASON, LEAD_CHANGES, NOT_FOUND]),
        post(
            "/api/v1/families/{family}/network/{member}/end",
            LEAD,
            |f, p, b| api::end(api::Part::Network, f, p, b),
        )
        .doc(
            "endNetworkMember",
            "Een netwerklid beëindigen (blijft bewaard)",
        )
        .body::<Reason>()
        .empty(204, "Beëindigd")
        .problems([NO_REASON, LEAD_CHANGES, NOT_FOUND]),
        post(
            "/api/v1/families/{family}/involvements/{involvement}/end",
            IDENTITY,
            |f, p, b| api::end(api::Part::Involvement, f, p, b),
        )
        .doc(
            "endInvolvement",
            "Een partner beëindigen; de regisseur alleen via een overdracht",
        )
        .body::<Reason>()
        .empty(204, "Beëindigd")
        .problems([NO_REASON, NOT_FOUND]),
        put(
            "/api/v1/families/{family}/members/{member}",
            LEAD,
            api::correct_member,
        )
        .doc(
            "correctMember",
            "De gegevens van een gezinslid corrigeren (met reden; het journaal bewaart de oude)",
        )
        .body::<MemberCorrection>()
        .empty(204, "Gecorrigeerd")
        .problems([INVALID, LEAD_CHANGES, NOT_FOUND]),
        put(
            "/api/v1/families/{family}/network/{network_member}",
            LEAD,
            api::correct_network,
        )
        .doc(
            "correctNetworkMember",
            "De gegevens van een netwerklid corrigeren (met reden; het journaal bewaart de oude)",
        )
        .body::<NetworkCorrection>()
        .empty(204, "Gecorrigeerd")
        .problems([INVALID, LEAD_CHANGES, NOT_FOUND]),
        post("/api/v1/families/{family}/close", CLOSING_NEEDS, api::close)
            .doc(
                "closeFamily",
                "Het dossier afsluiten als de hulp klaar is (alleen de regie); het blijft leesbaar en verdwijnt uit de actieve lijsten",
            )
            .body::<CloseFile>()
            .empty(204, "Afgesloten")
            .problems([
                INVALID,
                LEAD_ONLY,
                (409, "Kan nu niet: er loopt nog werk of het is al afgesloten"),
                NO_FILE,
            ]),
        post("/api/v1/families/{family}/reopen", CLOSING_NEEDS, api::reopen)
            .doc("reopenFamily", "Een afgesloten dossier heropenen, met de reden")
            .body::<Reason>()
            .empty(204, "Heropend")
            .problems([
                NO_REASON,
                LEAD_ONLY,
                (409, "Het dossier is niet afgesloten"),
                NO_FILE,
            ]),
        get(
            "/api/v1/families/{family}/timeline",
            IDENTITY,
            api::timeline,
        )
        .doc(
            "getTimeline",
            "De tijdlijn van het dossier uit het journaal",
        )
        .ok::<Timeline>(200, "Gebeurtenissen")
        .problems([NO_FILE]),
    ]
}
