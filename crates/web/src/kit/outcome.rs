//! What became of a submitted form, and of a domain refusal in the API. A page with
//! several forms shows each empty except the one that came back; a form's one write
//! happens only when nothing is wrong with what was typed, and a refusal of it lands at
//! its field or at the top of the page. The API says a domain refusal in the domain's
//! own words (with the values it names), where a page says the translated sentence.

use std::sync::LazyLock;

use axum::http::StatusCode;
use eenplan_store::StoreError;

use crate::kit::error::{PageError, Refusal};
use crate::kit::form::{Errors, FormData, text_errors};
use crate::kit::i18n::{Lang, Texts};
use crate::kit::problem::Problem;
use crate::kit::render::form_status;

static NOTHING_TYPED: FormData = FormData(Vec::new());
static NO_ERRORS: LazyLock<Errors> = LazyLock::new(Errors::new);

/// A page's forms as they stand: which one came back (`W` names the page's forms), what
/// it held, the messages at its fields and the sentence `P` for the top of the page.
pub struct Forms<W, P = &'static str> {
    sent: Option<W>,
    pub data: FormData,
    pub errs: Errors,
    pub problem: Option<P>,
}

impl<W: PartialEq, P> Forms<W, P> {
    /// The page as first shown: every form empty.
    pub fn fresh() -> Self {
        Self {
            sent: None,
            data: FormData(Vec::new()),
            errs: Errors::new(),
            problem: None,
        }
    }

    /// Form `which` came back with `data`, its text `fields` already held to the
    /// domain's text rule.
    pub fn sent(which: W, data: FormData, t: &Texts, fields: &[&'static str]) -> Self {
        let errs = text_errors(&data, t, fields);
        Self {
            sent: Some(which),
            data,
            errs,
            problem: None,
        }
    }

    /// The same form, filed as `which` instead: e.g. one for a step someone else took
    /// first, which the page answers differently.
    pub fn filed_as(self, which: W) -> Self {
        Self {
            sent: Some(which),
            ..self
        }
    }

    pub fn which(&self) -> Option<&W> {
        self.sent.as_ref()
    }

    /// What form `which` shows: what was typed and its messages when it is the one that
    /// came back, nothing otherwise.
    pub fn of(&self, which: W) -> (&FormData, &Errors) {
        if self.sent.as_ref() == Some(&which) {
            (&self.data, &self.errs)
        } else {
            (&NOTHING_TYPED, &NO_ERRORS)
        }
    }

    pub fn has_errors(&self) -> bool {
        !self.errs.is_empty()
    }

    /// 200 for a page as asked, 422 for a form that came back refused.
    pub fn status(&self) -> StatusCode {
        form_status(self.errs.is_empty() && self.problem.is_none())
    }

    /// The form's one write, awaited only when nothing is wrong with the form (a
    /// future does nothing until then): `Some` with what it gave when it was done,
    /// `None` to show the form again. `place` puts a refusal at its field, or returns
    /// the sentence for the top of the page; what it hands back is not a refusal and
    /// becomes the error page.
    pub async fn attempt<T>(
        &mut self,
        write: impl Future<Output = Result<T, StoreError>>,
        place: impl FnOnce(StoreError, &mut Errors) -> Result<Option<P>, StoreError>,
    ) -> Result<Option<T>, PageError> {
        if self.has_errors() {
            return Ok(None);
        }
        match write.await {
            Ok(done) => Ok(Some(done)),
            Err(e) => {
                self.problem = place(e, &mut self.errs)?;
                Ok(None)
            }
        }
    }
}

/// A domain refusal as the API says it: 400 naming the field, or `step` (with the
/// refusal's sentence as its detail) for a refusal of the step as a whole; in both
/// languages, from the refusal's own words, never the error's (developer) `Display`.
pub fn in_domain_words(refusal: &impl Refusal, step: Problem) -> Problem {
    let said = (refusal.text(Lang::Nl), refusal.text(Lang::En));
    match refusal.field() {
        Some(field) => Problem::invalid_params().invalid_param_in(field, refusal.code(), said),
        None => step.detail_in((said.0.to_owned(), said.1.to_owned())),
    }
}

/// The 409 for a step the state of things does not allow (now), titled in both
/// languages.
pub fn illegal_transition((nl, en): (&str, &str)) -> Problem {
    Problem::titled(StatusCode::CONFLICT, "illegal-transition", (nl, en))
}
