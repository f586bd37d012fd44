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
    pub label: &'static str,
    pub message: &'static str,
}

/// The summary of one form; rendered by `templates/kit/error_summary.html`, which shows
/// nothing for a summary without items.
pub struct ErrorSummary {
    pub texts: &'static SummaryTexts,
    pub items: Vec<SummaryItem>,
}

impl ErrorSummary {
    pub fn new(lang: Lang) -> Self {
        Self {
            texts: summary_texts(lang),
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
            let (target, label, error) = match input {
                Input::Text(f) => (f.id.clone(), f.label, f.error),
                Input::Select(f) => (f.id.to_owned(), f.label, f.error),
                Input::Checks(f) => (
                    f.options
                        .first()
                        .map_or_else(|| f.id.to_owned(), |o| format!("{}-{}", f.id, o.value)),
                    f.label,
                    f.error,
                ),
            };
            if let Some(message) = error {
                self.items.push(SummaryItem {
                    target,
                    label,
                    message,
                });
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
            Some(Input::Text(f)) => {
                let target = f.id.clone();
                self.item(&target, message)
            }
            Some(Input::Select(f)) => self.item(f.id, message),
            Some(Input::Checks(f)) => {
                let target = f
                    .options
                    .first()
                    .map_or_else(|| f.id.to_owned(), |o| format!("{}-{}", f.id, o.value));
                self.item(&target, message)
            }
            None => self,
        }
    }

    pub fn item(mut self, target: &str, message: &'static str) -> Self {
        self.items.push(SummaryItem {
            target: target.to_owned(),
            label: "",
            message,
        });
        self
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}
