//! Information requests of a parent without custody (BW 1:377c, issue 17 §2): such a
//! parent has no account, so they ask the professional. The lead records the request
//! in the file (which parent, about which child, what they ask, when) and decides it:
//! the information given, or a refusal on one of the article's two grounds with the
//! reason. Whether it is a request at all and whether the decision holds are the
//! domain's `request` rules (`may_ask`, `check_decision`).

pub mod pages;
pub mod routes;
pub mod texts;

pub use routes::routes;
