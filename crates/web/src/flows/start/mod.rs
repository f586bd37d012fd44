//! Where a signed-in person starts: what their roles ask of them today, in one page. The
//! lists come from the other ways of working's data; the page only reads, except the
//! team lead's hand-over of a file whose regisseur left.

mod behavioural;
pub mod pages;
mod policy_officer;
mod privacy_officer;
mod raad;
mod role_texts;
pub mod routes;
mod team_lead;
pub mod texts;
mod work;

/// How many files, requests or lines a start-page list shows; the rest is a link to the
/// full list.
const START_CAP: usize = 10;

pub use routes::routes;
