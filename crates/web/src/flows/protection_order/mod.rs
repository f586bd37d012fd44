//! The protection order request: when voluntary help did not reach safety, the
//! family's regisseur asks the Raad voor de Kinderbescherming to investigate (lead work,
//! behind the family guard), and the Raad takes the request up, concludes and records
//! the court's decision. The Raad is not in the family's circle: it sees only the
//! requests addressed to its organisation, and every read and step is in the access
//! log. The rules are `domain::protection_order`.

mod api;
mod ops;
mod pages;
mod refusal;
mod routes;
mod schemas;
mod texts;

pub use routes::routes;
