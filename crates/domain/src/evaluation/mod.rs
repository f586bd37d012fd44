//! The evaluation's rules: what the pilots' numbers may show (issue 16).

pub mod suppression;
