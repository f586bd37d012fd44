//! Choices of named things (an id and a name, as the store lists people and teams) with
//! "none" first, as a form came back: the companion of `form::code_select` for lists
//! that are data, not a closed code list.

use crate::kit::form::{ChoiceField, Errors, FormData, Input, choices, with_none};
use crate::kit::i18n::Texts;

/// The choice of one of `named` (id and name), none chosen at first.
pub fn named(
    id: &'static str,
    label: &'static str,
    t: &Texts,
    named: &[(String, String)],
    data: &FormData,
    errors: &Errors,
) -> Input {
    let chosen = data.get(id);
    let options = choices(named, |(id, _)| id.clone(), |(_, n)| n.clone(), &chosen);
    Input::Select(ChoiceField {
        id,
        label,
        options: with_none(t, options, &chosen),
        error: errors.get(id).copied(),
    })
}
