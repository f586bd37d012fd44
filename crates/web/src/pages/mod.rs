//! Server-rendered pages. Every page template extends `base.html` and gets a [`Shell`].

pub mod evu;
pub mod family;
pub mod plan;
pub mod save_guidance;
pub mod save_on_site;
pub mod timeline;

// Where the pages found these before the kit; the flows import them from `kit`.
pub use crate::kit::dates::dutch_date;
pub use crate::kit::render::{Shell, render};
pub use crate::kit::{errors, form};
