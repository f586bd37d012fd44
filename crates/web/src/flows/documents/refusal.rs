//! A document rule as the page and a program read it.

use eenplan_domain::family::DocumentError;

use super::ops::field_of;
use super::texts::document_texts;
use crate::kit::{Lang, Refusal};

impl Refusal for DocumentError {
    fn field(&self) -> Option<&'static str> {
        match self {
            DocumentError::AlreadyEnded | DocumentError::AlreadyDestroyed => None,
            e => Some(field_of(*e)),
        }
    }

    fn text(&self, lang: Lang) -> &'static str {
        let x = document_texts(lang);
        match self {
            DocumentError::NoTitle | DocumentError::Title(_) => x.err_title,
            DocumentError::Empty => x.err_file,
            DocumentError::TooLarge { .. } => x.err_too_large,
            DocumentError::TypeNotAllowed => x.err_type,
            DocumentError::Infected => x.err_infected,
            DocumentError::NoReason => x.err_reason,
            DocumentError::NotYours => x.err_not_yours,
            DocumentError::AlreadyEnded | DocumentError::AlreadyDestroyed => x.err_done,
        }
    }
}
