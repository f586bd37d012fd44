//! Choice fields filled from a list, as a form came back: a closed code list's kinds in
//! the visitor's language, or named things (an id and a name) with "none" first; and
//! the kind a form chose.

use std::str::FromStr;

use eenplan_domain::CodeList;

use crate::kit::form::{ChoiceField, Errors, FormData, Input, choices, label_of, with_none};
use crate::kit::i18n::{Lang, Texts};

/// A kind's Dutch and English labels.
pub type Labels<K> = (fn(K) -> &'static str, fn(K) -> &'static str);

/// The choice of one of a code list's kinds, labelled by `nl` or `en`.
pub fn kind<K: CodeList>(
    lang: Lang,
    (id, label): (&'static str, &'static str),
    (nl, en): Labels<K>,
    data: &FormData,
    errors: &Errors,
) -> Input {
    let options = choices(
        K::ALL,
        |k| k.code().into(),
        |k| label_of(lang, *k, nl, en),
        &data.get(id),
    );
    Input::Select(ChoiceField {
        id,
        label,
        options,
        error: errors.get(id).copied(),
    })
}

/// The choice of one of `named` (id and name), none chosen at first.
pub fn named(
    t: &Texts,
    (id, label): (&'static str, &'static str),
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

/// The kind chosen in `field`; anything else (nothing chosen, a value not on the list)
/// is refused at the field.
pub fn chosen<K: FromStr>(
    data: &FormData,
    field: &'static str,
    t: &Texts,
    errors: &mut Errors,
) -> Option<K> {
    data.get(field)
        .parse::<K>()
        .map_err(|_| errors.insert(field, t.err_choose))
        .ok()
}
