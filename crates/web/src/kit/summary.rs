//! The one error summary every form shows at its top when it comes back refused (the
//! NL Design System's "error summary"): a box that takes the focus when the page
//! loads, so a keyboard or screen-reader user lands on it, and lists each message as a
//! link to its field. The messages stay next to the fields as well.

use crate::kit::form::Input;
use crate::kit::texts::Lang;

crate::texts! {
    /// The summary's heading.
    pub struct SummaryTexts, summary_texts {
        title: "Er is iets niet goed ingevuld",
            "Something is not filled in correctly";
        intro: "Verbeter het volgende en verstuur het formulier opnieuw:",
            "Fix the following and send the form again:";
        refused: "Het formulier is niet verwerkt: kijk na wat er is ingevuld.",
            "The form was not processed: check what was filled in.";
    }
}

/// One message, the element id of the field it is about and that field's label (empty
/// when the message names its field itself): "Vul dit veld in" alone does not say which.
pub struct SummaryItem {
    pub target: String,
    pub label: String,
    pub message: String,
}

/// The summary of one form; rendered by `templates/kit/error_summary.html`, which shows
/// nothing for a summary without items.
pub struct ErrorSummary {
    pub texts: &'static SummaryTexts,
    /// What the form says besides the general intro (the plan: "everything you typed is
    /// still there"); empty for most forms.
    pub note: &'static str,
    pub items: Vec<SummaryItem>,
}

/// The element a message about `input` leads to: the field, or a group's first box.
pub fn target(input: &Input) -> String {
    match input {
        Input::Text(f) => f.id.clone(),
        Input::Select(f) => f.id.to_owned(),
        Input::Checks(f) => f
            .options
            .first()
            .map_or_else(|| f.id.to_owned(), |o| format!("{}-{}", f.id, o.value)),
    }
}

impl ErrorSummary {
    pub fn new(lang: Lang) -> Self {
        Self {
            texts: summary_texts(lang),
            note: "",
            items: Vec::new(),
        }
    }

    /// The messages of `inputs`, in the order the form shows them. A group of boxes is
    /// reached through its first box.
    pub fn of_inputs(lang: Lang, inputs: &[Input]) -> Self {
        Self::new(lang).with_inputs(inputs)
    }

    /// The messages of one more form's `inputs` (a page with several forms).
    pub fn with_inputs(mut self, inputs: &[Input]) -> Self {
        for input in inputs {
            let (label, error) = match input {
                Input::Text(f) => (f.label, f.error),
                Input::Select(f) => (f.label, f.error),
                Input::Checks(f) => (f.label, f.error),
            };
            if let Some(message) = error {
                self = self.labelled(&target(input), label, message);
            }
        }
        self
    }

    /// A form that came back refused with no message at any of its fields (a warning,
    /// or a refusal of the whole form) still opens with the summary, linked to the
    /// form's first field, so nobody is left with a refused form and no clue.
    pub fn or_refused(self, refused: bool, inputs: &[Input]) -> Self {
        let message = self.texts.refused;
        if !refused || !self.is_empty() {
            return self;
        }
        match inputs.first() {
            Some(first) => self.item(&target(first), message),
            None => self,
        }
    }

    pub fn note(self, note: &'static str) -> Self {
        Self { note, ..self }
    }

    pub fn item(self, target: &str, message: &str) -> Self {
        self.labelled(target, "", message)
    }

    /// A message about the field `target`, said with the field's `label` (a row of a
    /// repeated part is "Actie 2", which no static label says).
    pub fn labelled(mut self, target: &str, label: &str, message: &str) -> Self {
        self.items.push(SummaryItem {
            target: target.to_owned(),
            label: label.to_owned(),
            message: message.to_owned(),
        });
        self
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}
