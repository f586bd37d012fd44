//! What every way of working uses and none owns: the request context, the two error
//! types, forms, the page frame, texts and problem details. Nothing here knows a
//! workflow; nothing here imports `auth` or a flow.

pub mod access_texts;
pub mod body;
pub mod chain_texts;
pub mod change;
pub mod chart;
pub mod choose;
pub mod cookies;
pub mod crisis;
pub mod csv;
pub mod ctx;
pub mod dates;
pub mod error;
pub mod errors;
pub mod extract;
pub mod fields;
pub mod form;
pub mod handover;
pub mod i18n;
pub mod listing;
pub mod multipart;
pub mod outcome;
pub mod pages;
pub mod paging;
pub mod password;
pub mod problem;
pub mod qr;
pub mod render;
pub mod respond;
pub mod route;
pub mod schema;
pub mod summary;
pub mod texts;
pub mod visitor;
pub mod vt_handover;

pub use ctx::Ctx;
pub use error::{ApiError, PageError, Refusal};
pub use render::{Shell, form_status, render};
pub use texts::Lang;
