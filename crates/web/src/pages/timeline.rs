//! Where the privacy page found `when` before the kit; the family flow's timeline lives
//! in `flows/family`. This goes when the privacy page has moved.

pub(crate) use crate::kit::dates::when;
