//! One folder per way of working. A flow holds its routes (with their API
//! documentation), its page and API handlers, its texts (Dutch and English side by
//! side) and how its domain refusals are said. A flow imports `kit`, `auth` and the
//! domain and store crates, never another flow.

pub mod admin;
pub mod complaints;
pub mod consent;
pub mod copy_requests;
pub mod crisis;
pub mod documents;
pub mod evaluation;
pub mod evu;
pub mod family;
pub mod family_portal;
pub mod information_requests;
pub mod joint_assessment;
pub mod mail_settings;
pub mod notifications;
pub mod privacy;
pub mod protection_order;
pub mod save_guidance;
pub mod save_on_site;
pub mod sign_in;
pub mod start;
pub mod veilig_thuis;
