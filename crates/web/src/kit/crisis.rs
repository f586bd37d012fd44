//! A crisis answer as the call a person makes: who, which number (a `tel:` link), why.
//! The crisis page and the family page both show it; which call to make is the domain's
//! (`domain::crisis`).

use eenplan_domain::crisis::CrisisAnswer;

use crate::kit::texts::Lang;

/// A big `tel:` link with what it is for.
pub struct Call {
    pub title: String,
    pub phone: String,
    pub tel: String,
    pub reason: String,
    pub office_hours: bool,
}

/// A number as a person reads it and as a `tel:` link dials it.
pub struct Number {
    pub shown: &'static str,
    pub tel: String,
}

impl Number {
    pub fn new(shown: &'static str) -> Self {
        Self {
            shown,
            tel: tel(shown),
        }
    }

    /// Veilig Thuis: free, 24/7, also when in doubt.
    pub fn veilig_thuis() -> Self {
        Self::new(eenplan_domain::crisis::VEILIG_THUIS)
    }
}

/// `tel:` wants digits only.
pub fn tel(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// The answer as a call to make; `worker` is the assigned SAVE worker's (name, phone)
/// when the family's file knows it.
pub fn call(lang: Lang, a: &CrisisAnswer, worker: Option<(&str, &str)>) -> Call {
    let (title, phone) = match (a.phone, worker) {
        (Some(p), _) => (label(lang, a), p.to_owned()),
        (None, Some((name, phone))) => (format!("{} {name}", label(lang, a)), phone.to_owned()),
        (None, None) => (label(lang, a), String::new()),
    };
    Call {
        tel: tel(&phone),
        title,
        phone,
        reason: if lang == Lang::Nl {
            a.reason_nl
        } else {
            a.reason_en
        }
        .to_owned(),
        office_hours: a.office_hours,
    }
}

fn label(lang: Lang, a: &CrisisAnswer) -> String {
    match lang {
        Lang::Nl => a.action.label_nl(),
        Lang::En => a.action.label_en(),
    }
    .to_owned()
}
