//! `/api/v1/families`: the family file for programs, with the same rules and access
//! decisions as the pages (the router's family guard runs before every `{family}`
//! route). The plan uses ETag / If-Match: a stale version gets 412 with what changed.

mod involvements;
mod members;
mod network;
mod new;
mod notes;
mod plan;
mod search;
mod show;
mod timeline;

pub use involvements::{add_involvement, end_involvement, end_member, end_network};
pub use members::{add_member, correct_member};
pub use network::{add_network, correct_network};
pub use new::create;
pub use notes::{change_note, notes, write_note};
pub use plan::{agree, plan, plan_version, put_plan};
pub use search::search;
pub use show::read;
pub use timeline::timeline;

use eenplan_store::Family;
use serde_json::{Value, json};

fn family_json(f: &Family) -> Value {
    json!({
        "id": f.id,
        "label": f.label,
        "address": { "street": f.street, "house_number": f.house_number, "postcode": f.postcode, "city": f.city, "area_id": f.area_id },
        "members": f.members.iter().map(|m| json!({
            "id": m.id, "kind": m.kind.code(), "name": m.name,
            "date_of_birth": m.date_of_birth.map(|d| d.to_string()), "has_custody": m.has_custody, "ended": m.ended,
        })).collect::<Vec<_>>(),
        "network": f.network.iter().map(|n| json!({
            "id": n.id, "name": n.name, "relation": n.relation.code(), "safety_role": n.safety_role, "contact": n.contact, "ended": n.ended,
        })).collect::<Vec<_>>(),
        "involvements": f.involvements.iter().map(|i| json!({
            "id": i.id, "role": i.role.code(), "organisation": { "id": i.organisation_id, "name": i.organisation_name },
            "person": { "id": i.user_id, "name": i.user_name, "email": i.user_email },
            "expertise": i.expertise.map(|e| e.code()), "started_at": i.started_at, "ended": i.ended,
        })).collect::<Vec<_>>(),
    })
}
