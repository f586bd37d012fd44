//! A family's records of one kind on a page: the list, and beside it the form that adds
//! one, shown again with what was typed and what is wrong with it when it is refused.

use axum::http::StatusCode;
use eenplan_store::Family;

use crate::kit::form::{Errors, Input};
use crate::kit::render::form_status;

/// The family's part of a list page: which family, its lines of `L`, and the form to add
/// one (`None` when the visitor may not, or the course does not allow one now). Held in
/// one field of the page so every such page says it the same way.
pub struct Listing<L> {
    pub family_id: String,
    pub family_label: String,
    pub lines: Vec<L>,
    pub inputs: Option<Vec<Input>>,
    /// A refusal of the form as a whole, said above its fields.
    pub form_error: Option<&'static str>,
    pub has_errors: bool,
}

impl<L> Listing<L> {
    /// The list of `family`, with the form as it comes back with `errs` (a refusal of
    /// the whole form under the name `form`).
    pub fn new(family: &Family, lines: Vec<L>, inputs: Option<Vec<Input>>, errs: &Errors) -> Self {
        Self {
            family_id: family.id.to_string(),
            family_label: family.label.clone(),
            lines,
            inputs,
            form_error: errs.get("form").copied(),
            has_errors: !errs.is_empty(),
        }
    }

    /// 200 for the list as asked, 422 when its form came back refused.
    pub fn status(&self) -> StatusCode {
        form_status(!self.has_errors)
    }
}
