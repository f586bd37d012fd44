//! The pilots' numbers (issue 16 §3): `/evaluatie` with its filters, charts and tables,
//! the same figures as CSV for Excel and as JSON (`GET /api/v1/evaluation`). Only
//! aggregates, already suppressed by the domain ("<5"); never a family. Who sees which
//! areas is the domain's scope rule; this flow only asks it and shows the answer.

mod api;
mod figures;
mod filter;
mod grid;
mod pages;
mod routes;
mod schemas;
mod texts;
mod view;

pub use routes::routes;
