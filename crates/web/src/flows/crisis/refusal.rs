//! The crisis refusal as a caller reads it.

use eenplan_domain::crisis::CrisisError;

use crate::kit::{Lang, Refusal};

impl Refusal for CrisisError {
    fn field(&self) -> Option<&'static str> {
        match self {
            CrisisError::ProvinceNeeded => Some("province"),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            CrisisError::ProvinceNeeded => "required",
        }
    }

    fn text(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (CrisisError::ProvinceNeeded, Lang::Nl) => {
                "Buiten kantooruren hangt het nummer voor SAVE-cliënten af van de provincie: utrecht of flevoland."
            }
            (CrisisError::ProvinceNeeded, Lang::En) => {
                "Outside office hours the number for SAVE clients depends on the province: utrecht or flevoland."
            }
        }
    }
}
