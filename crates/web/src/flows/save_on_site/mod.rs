//! SAVE op locatie: one part-day a week a worker of a certified institution is on site
//! at a local team, where the team's professionals bring their question about a family,
//! anonymous or (with the family's consent) by name. Three people use it, each with
//! their own part of the page: the worker on site (their days, walk-ins, the advice),
//! the institution's team lead (the schedule), the local professional (booking, their
//! consultations). The rules are `domain::save_on_site`.

mod access;
mod api;
mod ops;
mod pages;
mod refusal;
mod routes;
mod schemas;
mod texts;

pub use routes::routes;
