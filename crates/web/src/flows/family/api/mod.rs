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

pub use involvements::{Part, add_involvement, end};
pub use members::{add_member, correct_member};
pub use network::{add_network, correct_network};
pub use new::create;
pub use notes::{change_note, notes, write_note};
pub use plan::{agree, plan, plan_version, put_plan, restore_plan};
pub use search::search;
pub use show::read;
pub use timeline::timeline;
