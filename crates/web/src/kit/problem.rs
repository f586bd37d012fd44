//! RFC 9457 problem details: every API error has the same shape, with a stable `type`
//! for programs and its words for people in Dutch, or in English when the client asks
//! for it with `Accept-Language` (the problem carries both; the framing layer, which
//! sees the request, answers in the one asked for).

use axum::body::Bytes;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::kit::texts::Lang;

crate::texts! {
    /// The words of the problems the kit, the guards and the framing give for every
    /// operation alike.
    pub struct ProblemTexts, problem_texts {
        invalid_params: "Ongeldige invoer", "Invalid input";
        invalid_param: "Ongeldige parameter", "Invalid parameter";
        invalid_path: "Ongeldig pad", "Invalid path";
        invalid_json: "Ongeldige JSON", "Invalid JSON";
        invalid_json_detail: "De body is geen geldig JSON-object voor deze operatie: {error}",
            "The body is not a valid JSON object for this operation: {error}";
        session_json_detail: "Stuur een JSON-object met email, password en totp ({error}).",
            "Send a JSON object with email, password and totp ({error}).";
        query_malformed: "De query is geen geldige URL-query.",
            "The query is not a valid URL query.";
        query_duplicate: "Deze parameter staat meer dan eens in de query; geef hem één keer mee.",
            "This parameter is in the query more than once; give it once.";
        query_invalid: "Deze parameter ontbreekt of heeft geen geldige waarde.",
            "This parameter is missing or has no valid value.";
        path_malformed: "Dit deel van het pad heeft geen geldige waarde.",
            "This part of the path has no valid value.";
        use_codes: "Gebruik {codes}.", "Use {codes}.";
        use_date: "Gebruik jjjj-mm-dd.", "Use yyyy-mm-dd.";
        not_found: "Niet gevonden", "Not found";
        not_found_api: "Er is hier geen API-bron.", "There is no API resource here.";
        not_found_at: "Er is geen API-bron op {path}.", "There is no API resource at {path}.";
        not_found_family: "Er is geen gezinsdossier met dit id dat jij mag inzien.",
            "There is no family file with this id that you may see.";
        method_not_allowed: "Methode niet toegestaan", "Method not allowed";
        method_not_allowed_detail: "Deze bron kent deze HTTP-methode niet; zie de Allow-header.",
            "This resource does not know this HTTP method; see the Allow header.";
        too_large: "Body te groot", "Body too large";
        too_large_detail: "De body is groter dan deze bron aanneemt.",
            "The body is larger than this resource accepts.";
        uri_too_long: "URI te lang", "URI too long";
        uri_too_long_detail: "Het pad met de query is te lang; maak de zoekvraag korter.",
            "The path with its query is too long; make the query shorter.";
        timeout: "Body te traag", "Body too slow";
        timeout_detail: "De body kwam niet op tijd binnen; stuur de aanvraag opnieuw.",
            "The body did not arrive in time; send the request again.";
        json_only: "Alleen JSON", "JSON only";
        json_only_detail: "Stuur de body als JSON met de header Content-Type: application/json.",
            "Send the body as JSON with the header Content-Type: application/json.";
        json_only_reason: "Gebruik application/json.", "Use application/json.";
        internal: "Interne fout", "Internal error";
        internal_detail: "Er ging iets mis aan onze kant; probeer het later opnieuw.",
            "Something went wrong on our side; try again later.";
        bad_request: "Ongeldige aanvraag", "Bad request";
        bad_request_detail: "De aanvraag is onvolledig of klopt niet; zie het OpenAPI-document.",
            "The request is incomplete or wrong; see the OpenAPI document.";
        invalid_text: "Ongeldige tekst", "Invalid text";
        invalid_text_detail: "De invoer bevat een teken dat niet kan worden opgeslagen (zoals een NUL-teken); haal het weg.",
            "The input holds a character that cannot be stored (such as a NUL character); remove it.";
        invalid_text_field: "Het veld {field} bevat tekst die niet wordt aangenomen.",
            "The field {field} holds text that is not accepted.";
        text_control: "Haal het onzichtbare stuurteken (zoals een NUL-teken) weg.",
            "Remove the invisible control character (such as a NUL character).";
        text_line: "Gebruik één regel, zonder regeleinde of tab.",
            "Use one line, without a line break or tab.";
        text_long: "Gebruik hoogstens {max} tekens.", "Use at most {max} characters.";
        unauthorized: "Niet aangemeld", "Not signed in";
        unauthorized_detail: "Meld je aan met POST /api/v1/session en stuur het token mee als Authorization: Bearer.",
            "Sign in with POST /api/v1/session and send the token as Authorization: Bearer.";
        forbidden_role: "Niet toegestaan voor jouw rol", "Not allowed for your role";
        password_change: "Kies eerst je eigen wachtwoord", "Choose your own password first";
        password_change_detail: "Je wachtwoord is door iemand anders gekozen. Meld je aan in de browser en kies je eigen wachtwoord; daarna werkt de API.",
            "Your password was chosen by someone else. Sign in in the browser and choose your own password; then the API works.";
        consent_needed: "Toestemming nodig", "Consent needed";
        consent_needed_detail: "Voor '{category}' is toestemming van het gezin nodig voor jouw organisatie (stap: {step}). Vraag de regisseur.",
            "For '{category}' your organisation needs the family's consent (step: {step}). Ask the lead professional.";
        lead_only: "Alleen voor de regie", "Only for the lead";
        lead_only_detail: "Toestemmingen, het kader, de gezinsleden en het netwerk beheert de organisatie van de regisseur of de organisatie met de wettelijke grondslag.",
            "Consents, the framework, the family members and the network are managed by the lead professional's organisation or the organisation with the legal basis.";
        illegal_transition: "Deze stap kan nu niet", "This step cannot be taken now";
        limit_range: "Geef een geheel getal van 1 tot en met {max}; zonder limit krijg je er {default}.",
            "Give a whole number from 1 to {max}; without limit you get {default}.";
        cursor_invalid: "Deze cursor is onbekend of hoort bij een andere sortering. Gebruik de link uit de Link-header van het vorige antwoord, of laat cursor weg voor de eerste pagina.",
            "This cursor is unknown or belongs to another sort order. Use the link from the previous answer's Link header, or leave cursor out for the first page.";
        busy: "Het is nu te druk", "Too busy right now";
        busy_detail: "eenplan kon deze aanvraag niet op tijd afhandelen omdat het nu erg druk is. Stuur de aanvraag na de seconden uit de Retry-After-header opnieuw.",
            "eenplan could not handle this request in time because it is very busy right now. Send the request again after the seconds in the Retry-After header.";
        database_unavailable: "De database is niet bereikbaar", "The database cannot be reached";
        database_unavailable_detail: "eenplan kan de database nu niet bereiken; probeer het zo opnieuw.",
            "eenplan cannot reach the database now; try again shortly.";
    }
}

/// Which of the [`ProblemTexts`] a problem says.
pub type Said = fn(&'static ProblemTexts) -> &'static str;

/// A text of [`ProblemTexts`] in both languages, its placeholders filled in.
pub fn said(pick: Said, values: &[(&str, &str)]) -> (String, String) {
    let fill = crate::kit::texts::fill;
    (
        fill(pick(problem_texts(Lang::Nl)), values),
        fill(pick(problem_texts(Lang::En)), values),
    )
}

/// A text of [`ProblemTexts`] without placeholders, in both languages.
pub fn in_both(pick: Said) -> (&'static str, &'static str) {
    (pick(problem_texts(Lang::Nl)), pick(problem_texts(Lang::En)))
}

#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Field errors, as the Dutch API design rules name them.
    #[serde(rename = "invalidParams", skip_serializing_if = "Vec::is_empty")]
    pub invalid_params: Vec<InvalidParam>,
    /// The title and detail in English. Every problem built outside this module has
    /// them ([`Problem::new`] is private); one without would say its Dutch words.
    #[serde(skip)]
    pub title_en: Option<String>,
    #[serde(skip)]
    pub detail_en: Option<String>,
}

/// One field that needs fixing: which, a stable code, and what to do (Dutch, and
/// English when known).
#[derive(Debug, Clone, Serialize)]
pub struct InvalidParam {
    pub name: String,
    pub code: String,
    pub reason: String,
    #[serde(skip)]
    pub reason_en: Option<String>,
}

/// The problem's body in English, put on the response beside the Dutch one; the framing
/// layer sends it instead when the client asked for English.
#[derive(Debug, Clone)]
pub struct EnglishBody(pub Bytes);

impl Problem {
    /// `kind` is a short slug; it becomes `about:blank`-style relative URI
    /// `/problems/<kind>` documented with the API. Private, with [`Problem::detail`]:
    /// outside this module a problem is made with its words in both languages
    /// ([`Problem::titled`], [`Problem::said`]), so none can be Dutch in English mode.
    fn new(status: StatusCode, kind: &str, title: &str) -> Self {
        Self {
            kind: format!("/problems/{kind}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail: None,
            instance: None,
            invalid_params: Vec::new(),
            title_en: None,
            detail_en: None,
        }
    }

    /// The problem with its title from [`ProblemTexts`], in both languages.
    pub fn said(status: StatusCode, kind: &str, title: Said) -> Self {
        let mut problem = Self::new(status, kind, title(problem_texts(Lang::Nl)));
        problem.title_en = Some(title(problem_texts(Lang::En)).to_owned());
        problem
    }

    /// 400 for input with fields at fault, each added with [`Problem::invalid_param`].
    pub fn invalid_params() -> Self {
        Self::said(StatusCode::BAD_REQUEST, "invalid-params", |t| {
            t.invalid_params
        })
    }

    #[cfg(test)]
    fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// A detail in both languages, as [`said`] gives it.
    pub fn detail_in(mut self, (nl, en): (impl Into<String>, impl Into<String>)) -> Self {
        self.detail = Some(nl.into());
        self.detail_en = Some(en.into());
        self
    }

    /// The problem titled in both languages.
    pub fn titled(status: StatusCode, kind: &str, (nl, en): (&str, &str)) -> Self {
        let mut problem = Self::new(status, kind, nl);
        problem.title_en = Some(en.to_owned());
        problem
    }

    /// A detail from [`ProblemTexts`] without placeholders.
    pub fn detail_said(self, detail: Said) -> Self {
        self.detail_in(said(detail, &[]))
    }

    /// A field at fault with its reason in both languages.
    pub fn invalid_param_in(
        mut self,
        name: &str,
        code: &str,
        (nl, en): (impl Into<String>, impl Into<String>),
    ) -> Self {
        self.invalid_params.push(InvalidParam {
            name: name.to_owned(),
            code: code.to_owned(),
            reason: nl.into(),
            reason_en: Some(en.into()),
        });
        self
    }

    /// The problem as said in `lang`: the English words where it has them.
    pub fn in_lang(&self, lang: Lang) -> Problem {
        let mut p = self.clone();
        if lang == Lang::En {
            if let Some(title) = &self.title_en {
                p.title.clone_from(title);
            }
            if let Some(detail) = &self.detail_en {
                p.detail = Some(detail.clone());
            }
            for param in &mut p.invalid_params {
                if let Some(reason) = &param.reason_en {
                    param.reason.clone_from(reason);
                }
            }
        }
        p
    }

    fn has_english(&self) -> bool {
        self.title_en.is_some()
            || self.detail_en.is_some()
            || self.invalid_params.iter().any(|p| p.reason_en.is_some())
    }

    /// The body in `lang`, with `extra` members.
    fn body(&self, lang: Lang, extra: &serde_json::Value) -> Bytes {
        let mut body = serde_json::to_value(self.in_lang(lang)).unwrap_or_default();
        if let (Some(obj), serde_json::Value::Object(more)) = (body.as_object_mut(), extra) {
            obj.extend(more.clone());
        }
        Bytes::from(body.to_string())
    }

    /// The response: Dutch in the body, English beside it when the problem has any.
    fn respond(&self, extra: &serde_json::Value) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, self.body(Lang::Nl, extra)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if self.has_english() {
            response
                .extensions_mut()
                .insert(EnglishBody(self.body(Lang::En, extra)));
        }
        response
    }

    pub fn instance(mut self, instance: impl Into<String>) -> Self {
        self.instance = Some(instance.into());
        self
    }
}

impl Problem {
    /// The problem with extra members (RFC 9457 extensions), e.g. the duplicates found
    /// or the changes made since a stale version.
    pub fn with(self, extra: serde_json::Value) -> Response {
        self.respond(&extra)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        self.respond(&serde_json::Value::Null)
    }
}

/// A problem response in the language the client asked for: the English body when it
/// asked for English and the problem has one, and `Content-Language` either way.
pub fn in_asked_language(lang: Lang, mut response: Response) -> Response {
    let english = response.extensions_mut().remove::<EnglishBody>();
    let said_in = match (lang, english) {
        (Lang::En, Some(EnglishBody(body))) => {
            let (mut parts, _) = response.into_parts();
            parts.headers.remove(header::CONTENT_LENGTH);
            response = Response::from_parts(parts, axum::body::Body::from(body));
            "en"
        }
        _ => "nl",
    };
    response
        .headers_mut()
        .insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(said_in));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kit::Refusal;

    struct TooLate;

    impl Refusal for TooLate {
        fn field(&self) -> Option<&'static str> {
            None
        }

        fn text(&self, lang: Lang) -> &'static str {
            lang.pick(("Dit kan niet meer.", "This can no longer be done."))
        }
    }

    struct NoName;

    impl Refusal for NoName {
        fn field(&self) -> Option<&'static str> {
            Some("name")
        }

        fn text(&self, lang: Lang) -> &'static str {
            lang.pick(("Geef een naam.", "Give a name."))
        }
    }

    /// A refusal's problem says the refusal's own sentence in the language asked for,
    /// under a title in that language; Dutch stays the default body.
    #[test]
    fn a_refusal_is_said_in_both_languages() {
        let step = TooLate.problem();
        assert_eq!(step.title, "Deze stap kan nu niet");
        assert_eq!(step.detail.as_deref(), Some("Dit kan niet meer."));
        let english = step.in_lang(Lang::En);
        assert_eq!(english.title, "This step cannot be taken now");
        assert_eq!(
            english.detail.as_deref(),
            Some("This can no longer be done.")
        );
        let field = NoName.problem().in_lang(Lang::En);
        assert_eq!(field.title, "Invalid input");
        assert_eq!(field.invalid_params[0].reason, "Give a name.");
        assert_eq!(NoName.problem().invalid_params[0].reason, "Geef een naam.");
    }

    /// A problem a flow words in Dutch only stays Dutch in English mode rather than
    /// saying nothing.
    #[test]
    fn a_problem_without_english_words_keeps_its_dutch_ones() {
        let p = Problem::new(StatusCode::CONFLICT, "x", "Al gedaan").detail("Zie de tijdlijn.");
        let english = p.in_lang(Lang::En);
        assert_eq!(english.title, "Al gedaan");
        assert_eq!(english.detail.as_deref(), Some("Zie de tijdlijn."));
    }
}
