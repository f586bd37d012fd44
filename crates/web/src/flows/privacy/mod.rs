//! Who looked at a family's file: the privacy officer reads the access log of their own
//! organisation's part (NEN 7513), filters and exports it (the export is itself logged)
//! and reviews every emergency access; the lead shows a family who looked at their file
//! (AVG art. 15). Nothing here changes a file.

pub mod export;
pub mod pages;
pub mod routes;
pub mod texts;

pub use routes::routes;
