//! The form's rows exactly as typed, and the row buttons' changes.

use super::*;

#[derive(Debug, Clone, Default)]
pub struct TextRow {
    pub text: String,
    pub error: Option<&'static str>,
}

/// One of the text parts as typed.
#[derive(Debug, Clone)]
pub struct TextList {
    pub part: Part,
    pub rows: Vec<TextRow>,
}

#[derive(Debug, Clone, Default)]
pub struct SafetyGoalRow {
    pub text: String,
    pub domain: String,
    pub error: Mark,
}

#[derive(Debug, Clone, Default)]
pub struct ScaleRow {
    pub who: String,
    pub who_name: String,
    pub score: String,
    pub on: String,
    pub error: Mark,
}

#[derive(Debug, Clone, Default)]
pub struct GoalRow {
    pub domain: String,
    pub goal: String,
    pub error: Mark,
}

#[derive(Debug, Clone, Default)]
pub struct ActionRow {
    pub domain: String,
    pub who: String,
    pub who_name: String,
    pub what: String,
    pub due: String,
    pub status: String,
    pub error: Mark,
}

impl SafetyGoalRow {
    pub(super) fn blank(&self) -> bool {
        self.text.trim().is_empty() && self.domain.is_empty()
    }
}

impl ScaleRow {
    pub(super) fn blank(&self) -> bool {
        self.who.trim().is_empty()
            && self.who_name.trim().is_empty()
            && self.score.trim().is_empty()
            && self.on.trim().is_empty()
    }
}

impl GoalRow {
    pub(super) fn blank(&self) -> bool {
        self.domain.is_empty() && self.goal.trim().is_empty()
    }
}

impl ActionRow {
    pub(super) fn blank(&self) -> bool {
        self.domain.is_empty()
            && self.who.trim().is_empty()
            && self.who_name.trim().is_empty()
            && self.what.trim().is_empty()
            && self.due.trim().is_empty()
    }

    pub(super) fn new_blank() -> Self {
        ActionRow {
            status: ActionStatus::Planned.code().to_owned(),
            ..ActionRow::default()
        }
    }
}

/// Reading a row failed: (which input of the row, message).
pub(super) type RowError = (&'static str, &'static str);

/// A row's message and the input it points at, for the template.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mark(pub(super) Option<RowError>);

impl Mark {
    pub fn on(&self, input: &str) -> bool {
        self.0.is_some_and(|(i, _)| i == input)
    }

    pub fn text(&self) -> Option<&'static str> {
        self.0.map(|(_, text)| text)
    }

    pub fn is_some(&self) -> bool {
        self.0.is_some()
    }
}

/// The repeated fields `names` of a submitted form as rows, in order; a column shorter
/// than the others reads as empty where it ends.
pub(super) fn rows<const N: usize>(
    data: &FormData,
    names: [&str; N],
) -> impl Iterator<Item = [String; N]> {
    let columns = names.map(|name| data.all(name));
    let n = columns.iter().map(Vec::len).max().unwrap_or(0);
    (0..n).map(move |i| std::array::from_fn(|c| columns[c].get(i).cloned().unwrap_or_default()))
}

pub(super) fn shown_date(d: Option<Date>) -> String {
    d.map(typed_date).unwrap_or_default()
}

/// A change of rows asked by one of the form's buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowChange {
    Add(Part),
    /// The part and the 1-based row.
    Remove(Part, usize),
}

/// Adds `row`; its 1-based place.
pub(super) fn push<T>(rows: &mut Vec<T>, row: T) -> usize {
    rows.push(row);
    rows.len()
}

pub(super) fn remove<T>(rows: &mut Vec<T>, i: usize) -> bool {
    if i < rows.len() {
        rows.remove(i);
        true
    } else {
        false
    }
}
