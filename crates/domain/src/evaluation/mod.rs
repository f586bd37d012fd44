//! Evaluating the pilots (issue 16): what the chain measures about itself, and what of
//! it the numbers may show.

pub mod metrics;
pub mod pilot;
pub mod report;
pub mod scope;
pub mod suppression;
