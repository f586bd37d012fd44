//! Signing in and out: the front door and language switch, e-mail and password then the
//! authenticator code (or, the first time, the enrolment code and linking the app),
//! choosing one's own password when someone else chose it, and the API's bearer-token
//! session with who it belongs to. The rules (throttle, lock, second factor) are in
//! `auth::sign_in`; these handlers ask for input and say the outcome.

pub mod api;
pub mod pages;
pub mod routes;
mod schemas;
pub mod texts;

pub use routes::routes;
