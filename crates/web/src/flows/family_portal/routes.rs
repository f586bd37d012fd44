//! The family portal's routes: the regisseur's page in the file (the lead's need), the
//! public door (activate, sign in) and the family member's own pages.

use eenplan_domain::policy::{FAMILY_MEMBER, Policy::Public};

use super::{
    accounts, activate, consents, contacts, home, looked, marks, meetings, plan, sign_in, withdraw,
};
use crate::kit::route::{Entry, LEAD, PLAN, get, post};

pub fn routes() -> Vec<Entry> {
    vec![
        get("/gezinnen/{family}/gezinsaccounts", LEAD, accounts::show),
        post("/gezinnen/{family}/gezinsaccounts", LEAD, accounts::invite),
        post(
            "/gezinnen/{family}/gezinsaccounts/{id}/intrekken",
            LEAD,
            accounts::revoke,
        ),
        post(
            "/gezinnen/{family}/gezinsaccounts/{id}/blokkeren",
            LEAD,
            accounts::block,
        ),
        get("/gezin/activeren", Public, activate::show),
        post("/gezin/activeren", Public, activate::submit),
        get("/gezin/activeren/koppelen", Public, activate::show_link),
        post("/gezin/activeren/koppelen", Public, activate::submit_link),
        get("/gezin/aanmelden", Public, sign_in::show),
        post("/gezin/aanmelden", Public, sign_in::submit),
        get("/gezin/aanmelden/code", Public, sign_in::show_code),
        post("/gezin/aanmelden/code", Public, sign_in::submit_code),
        get("/gezinnen/{family}/plan/markeringen", PLAN, marks::show),
        post("/gezinnen/{family}/plan/markeringen", PLAN, marks::add),
        post(
            "/gezinnen/{family}/plan/markeringen/{id}/opheffen",
            PLAN,
            marks::lift,
        ),
        get(home::PATH, FAMILY_MEMBER, home::show),
        get(contacts::PATH, FAMILY_MEMBER, contacts::show),
        get(meetings::PATH, FAMILY_MEMBER, meetings::show),
        get(looked::PATH, FAMILY_MEMBER, looked::show),
        get("/mijn-gezin/toestemming", FAMILY_MEMBER, consents::show),
        get(
            "/mijn-gezin/toestemming/{consent}/intrekken",
            FAMILY_MEMBER,
            withdraw::confirm,
        ),
        post(
            "/mijn-gezin/toestemming/{consent}/intrekken",
            FAMILY_MEMBER,
            withdraw::withdraw,
        ),
        get("/mijn-gezin/plan", FAMILY_MEMBER, plan::show),
        post("/mijn-gezin/plan", FAMILY_MEMBER, plan::add),
        post("/mijn-gezin/plan/akkoord", FAMILY_MEMBER, plan::agree),
        post("/mijn-gezin/plan/delen", FAMILY_MEMBER, plan::share),
        post("/gezin/afmelden", FAMILY_MEMBER, home::sign_out),
    ]
}
