//! Whom to call, right now: the public `/spoed` walk and the `/meldcode` decision aid
//! for frightened people and hesitant professionals, and the same answer for programs
//! (`GET /api/v1/crisis-contact`). No sign-in, no JavaScript, nothing stored; which
//! call to make is the domain's (`domain::crisis`), a missing answer is asked for, never
//! guessed.

mod api;
mod pages;
mod refusal;
mod routes;
mod schemas;
mod texts;

pub use routes::routes;
