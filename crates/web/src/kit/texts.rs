//! The language a person reads, and the `texts!` macro every set of UI texts is written
//! with: Dutch and English side by side, one struct per set, so a missing translation
//! does not compile.

use axum::http::HeaderMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Nl,
    En,
}

pub const LANG_COOKIE: &str = "eenplan_lang";

impl Lang {
    /// The domain's name for this language: what is recorded for a person, so what
    /// reaches them outside the app (e-mail) speaks it too.
    pub fn language(self) -> eenplan_domain::mail::Language {
        match self {
            Lang::Nl => eenplan_domain::mail::Language::Nl,
            Lang::En => eenplan_domain::mail::Language::En,
        }
    }

    pub fn from_headers(headers: &HeaderMap) -> Lang {
        match crate::kit::cookies::get(headers, LANG_COOKIE).as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Nl,
        }
    }

    /// The language an API client asks for with `Accept-Language` (RFC 9110): the one of
    /// Dutch and English it weighs highest, Dutch when it names neither. The API has no
    /// cookie; a page follows the language switch instead.
    pub fn from_accept_language(headers: &HeaderMap) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for value in headers.get_all(axum::http::header::ACCEPT_LANGUAGE) {
            let Ok(value) = value.to_str() else { continue };
            for range in value.split(',') {
                let mut parts = range.split(';');
                let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
                let q = parts
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .find_map(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                let lang = match tag.split('-').next() {
                    Some("en") => Lang::En,
                    Some("nl") => Lang::Nl,
                    _ => continue,
                };
                if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                    best = Some((q, lang));
                }
            }
        }
        best.map_or(Lang::Nl, |(_, lang)| lang)
    }

    /// Of a sentence written in both languages (as the domain gives some), the one in
    /// this language.
    pub fn pick(self, (nl, en): (&'static str, &'static str)) -> &'static str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}

/// A set of UI texts as a struct with a Dutch and an English instance. Each entry is
/// `name: "Nederlands", "English";` — leaving one out is a compile error, and so is a
/// field the struct has without both languages.
///
/// ```ignore
/// texts! {
///     /// The idle warning.
///     pub struct SessionTexts, session {
///         stay: "Aangemeld blijven", "Stay signed in";
///     }
/// }
/// let s = session(lang);
/// ```
#[macro_export]
macro_rules! texts {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident, $getter:ident {
            $( $(#[$fmeta:meta])* $field:ident : $nl:expr , $en:expr ; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug)]
        $vis struct $name {
            $( $(#[$fmeta])* pub $field: &'static str, )*
        }

        impl $name {
            const NL: $name = $name { $( $field: $nl, )* };
            const EN: $name = $name { $( $field: $en, )* };

            /// One text in Dutch and in English, as an API problem carries it (the
            /// client's `Accept-Language` picks one after the handler).
            #[allow(dead_code)]
            $vis fn both(pick: fn(&'static $name) -> &'static str) -> (&'static str, &'static str) {
                (pick(&$name::NL), pick(&$name::EN))
            }
        }

        /// The texts in the visitor's language.
        $vis fn $getter(lang: $crate::kit::texts::Lang) -> &'static $name {
            match lang {
                $crate::kit::texts::Lang::Nl => &$name::NL,
                $crate::kit::texts::Lang::En => &$name::EN,
            }
        }
    };
}

texts! {
    /// The words of the idle warning and the kept form.
    pub struct SessionTexts, session {
        warning: "Je wordt over twee minuten afgemeld omdat je een tijd niets hebt verstuurd. Wil je aangemeld blijven?",
            "You will be signed out in two minutes because you have not sent anything for a while. Do you want to stay signed in?";
        stay: "Aangemeld blijven",
            "Stay signed in";
        ended: "Je bent afgemeld omdat je een tijd niets hebt verstuurd. Wat je hier typt gaat niet verloren: verstuur het formulier en meld je opnieuw aan.",
            "You were signed out because you had not sent anything for a while. Nothing you type here is lost: send the form and sign in again.";
        kept_notice: "Je sessie was verlopen. Wat je had ingevuld is bewaard: meld je opnieuw aan om het alsnog te versturen.",
            "Your session had expired. What you had filled in has been kept: sign in again to send it.";
        resume_title: "Je formulier is bewaard",
            "Your form was kept";
        resume_intro: "Je sessie was verlopen voordat je formulier werd verstuurd. Alles wat je had ingevuld staat klaar. Verstuur het nu; klopt er iets niet, dan kom je terug op het formulier met alles erin.",
            "Your session had expired before your form was sent. Everything you had filled in is ready. Send it now; if anything is not right, you are taken back to the form with everything in it.";
        resume_send: "Formulier versturen",
            "Send the form";
        resume_discard: "Niet versturen",
            "Do not send";
        busy_title: "Het is nu erg druk",
            "It is very busy right now";
        busy_intro: "eenplan kon je formulier niet op tijd afhandelen omdat het nu erg druk is. Alles wat je had ingevuld staat klaar: verstuur het over een paar seconden opnieuw.",
            "eenplan could not handle your form in time because it is very busy right now. Everything you had filled in is ready: send it again in a few seconds.";
        busy_send: "Opnieuw versturen",
            "Send again";
    }
}

/// A text template with its `{name}` placeholders filled in, in one pass: a value that
/// itself contains braces (a name or a reason someone typed) is put in as it is, never
/// read as a placeholder. A placeholder without a value stays as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let key = &after[..close];
            values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A count with its noun: `one` (`"{count} maand"`) for exactly one, `more`
/// (`"{count} maanden"`) for every other number, zero included, as Dutch and English
/// both say it. Written once, so no page says "1 maanden".
pub fn plural(n: i64, one: &str, more: &str) -> String {
    let count = n.to_string();
    fill(if n == 1 { one } else { more }, &[("count", &count)])
}

#[cfg(test)]
mod tests {
    use super::{fill, plural};

    #[test]
    fn accept_language_picks_the_weightiest_of_dutch_and_english() {
        use super::Lang;
        use axum::http::{HeaderMap, HeaderValue, header};
        let asked = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static(v));
            Lang::from_accept_language(&h)
        };
        assert_eq!(asked("en"), Lang::En);
        assert_eq!(asked("en-GB,en;q=0.9"), Lang::En);
        assert_eq!(asked("de, en;q=0.5, nl;q=0.8"), Lang::Nl);
        assert_eq!(asked("nl;q=0.2, EN-us;q=0.7"), Lang::En);
        assert_eq!(asked("fr"), Lang::Nl);
        assert_eq!(asked("en;q=0"), Lang::Nl);
        assert_eq!(Lang::from_accept_language(&HeaderMap::new()), Lang::Nl);
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        let (one, more) = ("{count} maand", "{count} maanden");
        assert_eq!(plural(1, one, more), "1 maand");
        assert_eq!(plural(2, one, more), "2 maanden");
        assert_eq!(plural(0, one, more), "0 maanden");
    }

    #[test]
    fn fills_each_placeholder_once_and_leaves_typed_braces_alone() {
        assert_eq!(
            fill("{a} and {b}, {a}", &[("a", "{b}"), ("b", "x")]),
            "{b} and x, {b}"
        );
        assert_eq!(fill("{missing} {", &[("a", "1")]), "{missing} {");
        assert_eq!(fill("geen", &[]), "geen");
    }
}
