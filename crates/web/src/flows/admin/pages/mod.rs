//! The administration's pages: what they share and the overview, the region's and an
//! organisation's structure, the pilots, accounts, and deactivation with hand-over.

pub mod common;
pub mod deactivation;
pub mod edit;
pub mod pilots;
pub mod structure;
pub mod users;
