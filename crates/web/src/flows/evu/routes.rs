//! The EVU's pages and API operations, with the policy that guards each: the family's
//! referrals need the plan (the worries are about the family's safety), calling the EVU
//! in is lead work, the work list and its steps are the coordinator's.

use super::schemas::{EvuCombination, EvuReferralList, EvuWorkList};
use crate::kit::body::{Created, Reason};
use eenplan_domain::policy::EVU_COORDINATOR;

use super::{api, pages};
use crate::kit::route::{
    Entry, LEAD, LEAD_ONLY, NEEDS_CONSENT, NO_REASON, NOT_FOUND, PLAN, Problem, get, post,
};

const COORDINATOR_ONLY: Problem = (403, "Alleen voor de EVU-coördinator");
const NOT_NEW: Problem = (409, "Niet (meer) nieuw");

pub fn routes() -> Vec<Entry> {
    vec![
        // The referral's worries are about the family's safety: the plan's data.
        get("/gezinnen/{family}/evu", PLAN, pages::family),
        post("/gezinnen/{family}/evu", LEAD, pages::refer),
        get("/evu", EVU_COORDINATOR, pages::list),
        get("/evu/{referral}", EVU_COORDINATOR, pages::show),
        post(
            "/evu/{referral}/combinatie",
            EVU_COORDINATOR,
            |c, p, b| pages::act(pages::Sent::Combination, c, p, b),
        ),
        post(
            "/evu/{referral}/afwijzen",
            EVU_COORDINATOR,
            |c, p, b| pages::act(pages::Sent::Decline, c, p, b),
        ),
        post(
            "/evu/{referral}/afsluiten",
            EVU_COORDINATOR,
            |c, p, b| pages::act(pages::Sent::Close, c, p, b),
        ),
        get("/api/v1/families/{family}/evu-referrals", PLAN, api::of_family)
            .doc("listFamilyEvuReferrals", "EVU-aanmeldingen van het gezin en de toegewezen combinatie")
            .ok::<EvuReferralList>(200, "De aanmeldingen")
            .problems([NEEDS_CONSENT, NOT_FOUND]),
        post("/api/v1/families/{family}/evu-referrals", LEAD, api::refer)
            .doc("referToEvu", "Het EVU inschakelen bij zorgen over veiligheid (op toestemming, gezin woont in een EVU-wijk)")
            .body::<Reason>()
            .ok::<Created>(201, "Aangemeld")
            .problems([
                NO_REASON,
                (409, "Kan niet: geen EVU-wijk, geen toestemming, of al aangemeld"),
                LEAD_ONLY,
                NOT_FOUND,
            ]),
        get("/api/v1/evu/referrals", EVU_COORDINATOR, api::work_list)
            .doc("evuWorkList", "EVU-coördinator: nieuwe aanmeldingen om te bemensen en lopende, met de professionals om uit te kiezen")
            .paged()
            .ok::<EvuWorkList>(200, "De werklijst")
            .problems([COORDINATOR_ONLY]),
        post("/api/v1/evu/referrals/{referral}/combination", EVU_COORDINATOR, api::assign)
            .doc("assignEvuCombination", "Een combinatie van professionals uit meerdere organisaties tegelijk toewijzen")
            .body::<EvuCombination>()
            .empty(204, "Toegewezen; allen betrokken bij het gezin")
            .problems([
                (400, "Geen combinatie, of iemand mag nog niet aansluiten (met de toestemmingsstap)"),
                NOT_NEW,
                COORDINATOR_ONLY,
                NOT_FOUND,
            ]),
        post(
            "/api/v1/evu/referrals/{referral}/decline",
            EVU_COORDINATOR,
            |c, p, b| api::finish(api::Finish::Decline, c, p, b),
        )
        .doc("declineEvuReferral", "Een nieuwe aanmelding niet oppakken, met reden voor de aanmelder")
        .body::<Reason>()
        .empty(204, "Afgewezen")
        .problems([NO_REASON, NOT_NEW, COORDINATOR_ONLY, NOT_FOUND]),
        post(
            "/api/v1/evu/referrals/{referral}/close",
            EVU_COORDINATOR,
            |c, p, b| api::finish(api::Finish::Close, c, p, b),
        )
        .doc("closeEvuReferral", "De inzet van het EVU afsluiten")
        .body::<Reason>()
        .empty(204, "Afgesloten")
        .problems([NO_REASON, (409, "Geen toegewezen combinatie"), COORDINATOR_ONLY, NOT_FOUND]),
    ]
}
