//! The family file: finding and opening a file, the household and its network, who works
//! with the family (and handing over), the one plan with its versions and the family's
//! agreement, case notes and the timeline. The lead (regisseur) keeps the household and
//! the network; partners read them and add their part. Every `{family}` route passes the
//! family guard first, which decides what the visitor may see; the rules are the
//! domain's, and a refusal is said in the visitor's language at the field it is about.

mod api;
mod closing_texts;
mod ops;
mod overview_texts;
mod pages;
mod refusal;
mod routes;
mod schemas;
mod texts;
mod timeline_texts;

pub use routes::routes;
