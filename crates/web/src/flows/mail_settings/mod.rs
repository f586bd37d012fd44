//! A person's own choice of how often eenplan e-mails them about new notifications:
//! right away, once a day at 08:00, or not at all. The mail itself says only that
//! something is waiting (the domain's `mail` rule); this page is where its reader
//! turns it down or up.

pub mod pages;
pub mod routes;
pub mod texts;

pub use routes::routes;
