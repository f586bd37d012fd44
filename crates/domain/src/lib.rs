//! eenplan's rules and types. Everything here is pure: no I/O, no async, no database
//! or web types, so every rule can be tested on its own and lives in exactly one place.

pub mod access_log;
pub mod area;
pub mod calendar;
pub mod code_registry;
pub mod codes;
pub mod complaint;
pub mod crisis;
pub mod enrolment;
pub mod evaluation;
pub mod evu;
pub mod family;
pub mod family_account;
pub mod ids;
pub mod journal;
pub mod mail;
pub mod meldcode;
pub mod notification;
pub mod organisation;
pub mod password;
pub mod policy;
pub mod role;
pub mod save_guidance;
pub mod session;
pub mod sign_in;
pub mod text;
pub mod time;
pub mod totp;
pub mod user;
pub mod veilig_thuis;
// SAVE op locatie
pub mod save_on_site;
pub mod start;
// Joint assessment meeting and protection order request.
pub mod joint_assessment;
pub mod protection_order;

pub use codes::{CodeList, UnknownCode};
pub use ids::{FamilyId, OrganisationId, UserId};
pub use time::UtcTime;
