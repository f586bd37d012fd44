//! The full copy of the file on request (AVG art. 15, issue 17 §2): a family member
//! asks on the portal; the privacy officers of the file's lead organisation see the
//! request with its term (the domain's `copy_request`), extend it once with a reason,
//! download a complete export of the file to review, and record the hand-over. The
//! member sees where their request stands.

pub mod export;
pub mod family;
pub mod officer;
pub mod routes;
pub mod texts;

pub use routes::routes;
