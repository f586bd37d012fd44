//! Documents attached to a family file (issue 15 §3): a court decision, a Raad
//! report, a signed plan, a consent form, a school report. Each has a category that
//! maps onto the consent's data categories, so a partner sees only the documents
//! their consent covers. Uploads are checked by their bytes (`domain::family::document`)
//! and by the operator's virus scanner; downloads are attachments under a sandbox.
//! Every upload, download and removal is an access-log line and a journal event.

mod api;
mod ops;
mod pages;
mod refusal;
mod removal;
mod routes;
mod schemas;
mod texts;

pub use routes::routes;
