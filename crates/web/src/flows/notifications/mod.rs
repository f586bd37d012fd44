//! Notifications ("berichten", issue 15 §1): the bell's page, opening one (which checks
//! access again), marking one read, and the same list in the API. Who is told what is
//! the domain's `notification::tells`; this flow only shows what the store kept, with
//! the family's label only to a reader who may see the file now.

mod api;
mod links;
mod ops;
mod pages;
mod routes;
mod schemas;
mod texts;

pub use routes::routes;
