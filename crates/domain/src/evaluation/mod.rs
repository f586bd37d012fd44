//! Evaluating the pilots: what the chain measures about itself (issue 16).

pub mod metrics;
