//! Complaints (issue 17 §4): anyone files one about an organisation through the public
//! form and follows it with a reference and a code; the organisation's complaints
//! officer confirms receipt, extends the term with a reason and records the outcome and
//! measures; the yearly analysis is a page and a CSV. Every page points to where else a
//! complainant can go (Jeugdstem, the Klachtencommissie, the Nationale Ombudsman, the
//! Kinderombudsman). Nothing here reads or shows a family file.

pub mod analysis;
pub mod family;
pub mod officer;
pub mod public;
pub mod routes;
pub mod texts;

pub use routes::routes;
