//! The consent flow's routes: the lead's consent page and API, the anonymous summary,
//! and break the glass (not behind the family guard: it applies the emergency rule
//! itself and logs every ask).

use super::schemas::{AnonymousSummary, Consents, Emergency, FrameworkChange, NewConsent};
use crate::kit::body::{Created, Reason};
use eenplan_domain::policy::CARE_ROLE;

use super::{api, pages};
use crate::kit::route::{Entry, INVALID, LEAD, LEAD_ONLY, NO_REASON, NOT_FOUND, get, post, put};

pub fn routes() -> Vec<Entry> {
    vec![
        get("/gezinnen/{family}/toestemming", LEAD, pages::show::show),
        post(
            "/gezinnen/{family}/toestemming",
            LEAD,
            pages::record::record,
        ),
        post(
            "/gezinnen/{family}/toestemming/{consent}/intrekken",
            LEAD,
            pages::record::withdraw,
        ),
        post("/gezinnen/{family}/kader", LEAD, pages::record::framework),
        get(
            "/gezinnen/{family}/anoniem",
            LEAD,
            pages::anonymous::anonymous,
        ),
        get("/noodtoegang", CARE_ROLE, pages::emergency::emergency_form),
        post("/noodtoegang", CARE_ROLE, pages::emergency::emergency).break_glass(),
        get("/api/v1/families/{family}/consents", LEAD, api::list)
            .doc(
                "listConsents",
                "Het kader en alle toestemmingen van het gezin (ook ingetrokken)",
            )
            .ok::<Consents>(200, "Kader en toestemmingen")
            .problems([LEAD_ONLY, NOT_FOUND]),
        post("/api/v1/families/{family}/consents", LEAD, api::record)
            .doc(
                "recordConsent",
                "Een toestemming vastleggen; geweigerd met wie er ontbreekt",
            )
            .body::<NewConsent>()
            .ok::<Created>(201, "Vastgelegd")
            .problems([
                (400, "Ongeldig of onvolledig (wie ontbreekt staat erbij)"),
                LEAD_ONLY,
                NOT_FOUND,
            ]),
        post(
            "/api/v1/families/{family}/consents/{consent}/withdraw",
            LEAD,
            api::withdraw,
        )
        .doc(
            "withdrawConsent",
            "Een toestemming intrekken; gaat direct in",
        )
        .body::<Reason>()
        .empty(204, "Ingetrokken")
        .problems([NO_REASON, LEAD_ONLY, NOT_FOUND]),
        put("/api/v1/families/{family}/framework", LEAD, api::framework)
            .doc(
                "changeFramework",
                "Het kader wijzigen (vrijwillig, Veilig Thuis, maatregel) met grond en datum",
            )
            .body::<FrameworkChange>()
            .empty(204, "Gewijzigd")
            .problems([INVALID, LEAD_ONLY, NOT_FOUND]),
        post(
            "/api/v1/families/{family}/break-glass",
            CARE_ROLE,
            api::break_glass,
        )
        .break_glass()
        .doc(
            "breakGlass",
            "Noodtoegang: één uur toegang na een vermelde reden; de privacyfunctionaris beoordeelt",
        )
        .body::<Reason>()
        .ok::<Emergency>(201, "Noodtoegang tot")
        .problems([
            (400, "Reden te kort"),
            (
                403,
                "Geen zorgrol: noodtoegang is voor professionals in een zorgrol",
            ),
            (409, "Je hebt al toegang"),
            NOT_FOUND,
        ]),
        get(
            "/api/v1/families/{family}/anonymous-summary",
            LEAD,
            api::anonymous,
        )
        .doc(
            "getAnonymousSummary",
            "Samenvatting zonder identificerende gegevens, voor een anoniem consult",
        )
        .ok::<AnonymousSummary>(200, "De samenvatting")
        .problems([LEAD_ONLY, NOT_FOUND]),
    ]
}
