//! The consent flow's pages: the consent page and its changes, the anonymous summary,
//! and break the glass.

pub mod anonymous;
pub mod emergency;
pub mod record;
pub mod show;
