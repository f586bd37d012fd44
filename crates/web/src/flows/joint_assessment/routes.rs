//! The joint assessment meeting's routes. Meetings and views need the plan (a partner
//! whose consent opens the plan to their organisation writes their organisation's
//! view); scheduling, the judgement and cancelling are lead work.

use super::schemas::{
    JointAssessmentView, JointAssessments, JointJudgement, JointJudgementRecorded,
    NewJointAssessment,
};
use super::{api, pages};
use crate::kit::body::{Created, Reason, Version};
use crate::kit::route::{
    Entry, INVALID_FIELD, LEAD, LEAD_ONLY, NO_FILE, NO_REASON, NOT_FOUND, PLAN, get, post, put,
};

pub fn routes() -> Vec<Entry> {
    vec![
        get("/gezinnen/{family}/beoordeling", PLAN, pages::list),
        post("/gezinnen/{family}/beoordeling", LEAD, pages::schedule),
        get("/gezinnen/{family}/beoordeling/{meeting}", PLAN, pages::show),
        post("/gezinnen/{family}/beoordeling/{meeting}/visie", PLAN, pages::view),
        post("/gezinnen/{family}/beoordeling/{meeting}/oordeel", LEAD, pages::judge),
        post("/gezinnen/{family}/beoordeling/{meeting}/afgelasten", LEAD, pages::cancel),
        get("/api/v1/families/{family}/joint-assessments", PLAN, api::list)
            .doc("listJointAssessments", "De gezamenlijke beoordelingen van het gezin: uitgenodigden, ieders visie, het gezamenlijk oordeel")
            .ok::<JointAssessments>(200, "De bijeenkomsten")
            .problems([(403, "Toestemming nodig voor het plan"), NO_FILE]),
        post("/api/v1/families/{family}/joint-assessments", LEAD, api::schedule)
            .doc("scheduleJointAssessment", "Een methodische leerbijeenkomst of jeugdbeschermingstafel plannen met de betrokken organisaties")
            .body::<NewJointAssessment>()
            .ok::<Created>(201, "Gepland")
            .problems([INVALID_FIELD, LEAD_ONLY, NO_FILE]),
        put("/api/v1/families/{family}/joint-assessments/{meeting}/views", PLAN, api::put_view)
            .doc("putJointAssessmentView", "De visie van jouw organisatie (zorgen, wat gaat goed, wat is nodig) vastleggen of bijwerken, vóór de bijeenkomst")
            .body::<JointAssessmentView>()
            .ok::<Version>(200, "Vastgelegd, met het versienummer")
            .problems([
                INVALID_FIELD,
                (403, "Niet uitgenodigd, of toestemming nodig"),
                NOT_FOUND,
                (409, "De bijeenkomst is gehouden of afgelast"),
            ]),
        post("/api/v1/families/{family}/joint-assessments/{meeting}/judgement", LEAD, api::judge)
            .doc("recordJointJudgement", "Het gezamenlijk oordeel: wat nodig is, wie wat doet (als acties in het plan) en waar de visies verschilden")
            .body::<JointJudgement>()
            .ok::<JointJudgementRecorded>(200, "Vastgelegd, met de nieuwe planversie")
            .problems([
                INVALID_FIELD,
                LEAD_ONLY,
                NOT_FOUND,
                (409, "Al gehouden, afgelast of de datum is nog niet bereikt"),
            ]),
        post("/api/v1/families/{family}/joint-assessments/{meeting}/cancel", LEAD, api::cancel)
            .doc("cancelJointAssessment", "Een geplande bijeenkomst afgelasten, met reden")
            .body::<Reason>()
            .empty(204, "Afgelast")
            .problems([NO_REASON, LEAD_ONLY, NOT_FOUND, (409, "Al gehouden of afgelast")]),
    ]
}
