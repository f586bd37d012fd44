//! Form building blocks shared by the pages: fields with their errors (rendered by
//! `admin/input.html`), choices, and parsing a submitted form.

use axum::body::Bytes;
use axum::extract::FromRequest;
use std::collections::HashMap;

use eenplan_domain::CodeList;
use eenplan_domain::text::{TextKind, TextProblem};

use crate::kit::i18n::{Lang, Texts};

pub struct TextField {
    /// Unique in the page; `name` is what the form submits.
    pub id: String,
    pub name: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub kind: &'static str,
    pub value: String,
    pub error: Option<&'static str>,
}

impl TextField {
    pub fn new(
        id: &'static str,
        label: &'static str,
        value: &str,
        error: Option<&'static str>,
    ) -> Self {
        Self {
            id: id.to_owned(),
            name: id,
            label,
            hint: "",
            kind: "text",
            value: value.to_owned(),
            error,
        }
    }

    /// The field `name` as its form came back: what was typed under that name and the
    /// message for it, if any.
    pub fn typed(
        name: &'static str,
        label: &'static str,
        data: &FormData,
        errors: &Errors,
    ) -> Self {
        Self::new(name, label, &data.get(name), errors.get(name).copied())
    }

    /// Makes the element id unique when one page repeats the same form.
    pub fn suffix(mut self, suffix: &str) -> Self {
        self.id = format!("{}-{suffix}", self.name);
        self
    }

    pub fn hint(mut self, hint: &'static str) -> Self {
        self.hint = hint;
        self
    }

    pub fn kind(mut self, kind: &'static str) -> Self {
        self.kind = kind;
        self
    }

    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if !self.hint.is_empty() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct ChoiceField {
    pub id: &'static str,
    pub label: &'static str,
    pub options: Vec<Choice>,
    pub error: Option<&'static str>,
}

pub enum Input {
    Text(TextField),
    Select(ChoiceField),
    Checks(ChoiceField),
}

/// A submitted form; repeated names (checkboxes) keep every value.
pub struct FormData(pub Vec<(String, String)>);

/// A submitted form as a handler argument; an unreadable body is an empty form, so
/// every field reports itself missing rather than the page failing.
impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = axum::response::Response;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        use axum::response::IntoResponse;
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Self::parse(&bytes))
    }
}

impl FormData {
    pub fn parse(body: &Bytes) -> Self {
        Self(serde_urlencoded::from_bytes(body).unwrap_or_default())
    }

    pub fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    }

    pub fn raw(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// Field errors by field id.
pub type Errors = HashMap<&'static str, &'static str>;

/// The domain's text rule over what a person typed into a page form, before anything
/// else is read from it: a refused field gets its message next to it and the form comes
/// back with everything typed, so text pasted from a word processor (a vertical tab, a
/// form feed) costs the professional nothing. `fields` are the form's text fields, each
/// checked as the kind its name has ([`field_kind`]). Any other field that
/// breaks the rule (a choice or id nobody types, so a crafted request) is refused
/// under [`NOT_TYPED`], which a handler treats like any other error: nothing stored.
pub fn text_errors(data: &FormData, t: &Texts, fields: &[&'static str]) -> Errors {
    let mut errors = Errors::new();
    for (name, value) in &data.0 {
        let kind = field_kind(name);
        let Err(problem) = eenplan_domain::text::check_text(kind, value) else {
            continue;
        };
        let message = page_message(t, problem);
        let field = fields.iter().find(|f| **f == name).copied();
        errors.entry(field.unwrap_or(NOT_TYPED)).or_insert(message);
    }
    errors
}

/// Where [`text_errors`] files a refusal of a field that is not one of the form's text
/// fields.
pub const NOT_TYPED: &str = "form";

pub fn choices<T>(
    items: &[T],
    value: impl Fn(&T) -> String,
    label: impl Fn(&T) -> String,
    selected: &str,
) -> Vec<Choice> {
    items
        .iter()
        .map(|i| Choice {
            selected: value(i) == selected,
            value: value(i),
            label: label(i),
        })
        .collect()
}

/// The values of a closed list as a select's options, in `lang`, `selected` chosen.
pub fn code_choices<K: CodeList>(lang: Lang, selected: &str) -> Vec<Choice> {
    choices(
        K::ALL,
        |k| k.code().into(),
        |k| code_label(lang, *k),
        selected,
    )
}

/// A select over a closed list, as its form came back: what was chosen under `id` and
/// the message for it, if any.
pub fn code_select<K: CodeList>(
    id: &'static str,
    label: &'static str,
    lang: Lang,
    data: &FormData,
    errors: &Errors,
) -> Input {
    Input::Select(ChoiceField {
        id,
        label,
        options: code_choices::<K>(lang, &data.get(id)),
        error: errors.get(id).copied(),
    })
}

/// A closed list's value in `lang`, owned (for template structs).
pub fn code_label<K: CodeList>(lang: Lang, k: K) -> String {
    label_of(lang, k, K::label_nl, K::label_en)
}

/// A single box to tick, sent as `value` when ticked: `label` above it and `option`
/// beside it (often the same words).
pub fn tick_box(
    id: &'static str,
    (label, option): (&'static str, &'static str),
    value: &'static str,
    ticked: bool,
    error: Option<&'static str>,
) -> Input {
    Input::Checks(ChoiceField {
        id,
        label,
        options: vec![Choice {
            value: value.into(),
            label: option.into(),
            selected: ticked,
        }],
        error,
    })
}

/// A box to tick under `id` that says `label` above and beside it, sent as "ja", ticked
/// as its form came back.
pub fn yes_box(id: &'static str, label: &'static str, data: &FormData) -> Input {
    tick_box(id, (label, label), "ja", !data.all(id).is_empty(), None)
}

pub fn with_none(t: &Texts, mut options: Vec<Choice>, selected: &str) -> Vec<Choice> {
    options.insert(
        0,
        Choice {
            value: String::new(),
            label: t.none.to_owned(),
            selected: selected.is_empty(),
        },
    );
    options
}

pub fn kind_label<K: Copy>(
    lang: Lang,
    k: K,
    nl: fn(K) -> &'static str,
    en: fn(K) -> &'static str,
) -> &'static str {
    match lang {
        Lang::Nl => nl(k),
        Lang::En => en(k),
    }
}

/// A kind's label in `lang`, owned (for template structs).
pub fn label_of<K: Copy>(
    lang: Lang,
    k: K,
    nl: fn(K) -> &'static str,
    en: fn(K) -> &'static str,
) -> String {
    kind_label(lang, k, nl, en).to_owned()
}

/// A required date field: anything but a date is refused at the field.
pub fn date(
    data: &FormData,
    field: &'static str,
    t: &Texts,
    errs: &mut Errors,
) -> Option<jiff::civil::Date> {
    data.get(field)
        .parse::<jiff::civil::Date>()
        .map_err(|_| errs.insert(field, t.err_date))
        .ok()
}

/// A required choice (a select's value): anything that does not parse as `K` is
/// refused at the field as not chosen.
pub fn chosen<K: std::str::FromStr>(
    data: &FormData,
    field: &'static str,
    t: &Texts,
    errs: &mut Errors,
) -> Option<K> {
    data.get(field)
        .parse::<K>()
        .map_err(|_| errs.insert(field, t.err_choose))
        .ok()
}

/// An optional date field: empty is none, anything else must be a date.
pub fn optional_date(
    data: &FormData,
    field: &'static str,
    t: &Texts,
    errs: &mut Errors,
) -> Option<jiff::civil::Date> {
    let text = data.get(field);
    if text.is_empty() {
        return None;
    }
    text.trim().parse::<jiff::civil::Date>().ok().or_else(|| {
        errs.insert(field, t.err_date);
        None
    })
}

/// Which kind of text a field holds, by the name forms, queries and JSON bodies give
/// it. Unnamed fields are free text: the most permissive kind, still bounded.
pub fn field_kind(name: &str) -> TextKind {
    match name {
        "name" | "display_name" | "child_name" | "parent_name" | "reporter_name" => TextKind::Name,
        // The further children of a Veilig Thuis report: child_name_2, child_name_3, ...
        n if n.starts_with("child_name_") => TextKind::Name,
        "label" | "street" | "house_number" | "postcode" | "city" | "email" | "contact"
        | "reporter_contact" | "safety_role" | "phone" | "title" | "slug" | "terug" => {
            TextKind::Line
        }
        _ => TextKind::Text,
    }
}

/// The message a page shows next to a refused field.
pub fn page_message(t: &Texts, problem: TextProblem) -> &'static str {
    match problem {
        TextProblem::Control => t.err_text_control,
        TextProblem::LineBreak => t.err_text_line,
        TextProblem::TooLong { .. } => t.err_text_long,
    }
}
