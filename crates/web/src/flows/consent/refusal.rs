//! How the consent flow's domain refusals are said: at the page's field in the person's
//! language, and in the API as today's problems (field names in the API's terms, the
//! domain's own sentence as the reason).

use axum::http::StatusCode;
use eenplan_domain::family::{ConsentError, EmergencyError, FrameworkError};
use serde_json::json;

use super::texts::consent as texts;
use crate::kit::problem::Problem;
use crate::kit::{ApiError, Lang, Refusal};

/// The API names the organisation by its id; the page's field is the organisation.
fn api_field(field: &'static str) -> &'static str {
    match field {
        "organisation" | "basis_organisation" => "organisation_id",
        other => other,
    }
}

impl Refusal for ConsentError {
    fn field(&self) -> Option<&'static str> {
        Some(match self {
            ConsentError::OrganisationNeeded | ConsentError::NoOrganisationForStep => {
                "organisation"
            }
            ConsentError::PurposeNeeded => "purpose",
            ConsentError::CategoriesNeeded => "categories",
            ConsentError::NoChild | ConsentError::NotAChild(_) => "children",
            ConsentError::NotAMember(_)
            | ConsentError::NoCustodian { .. }
            | ConsentError::Missing(_) => "given_by",
            ConsentError::InFuture
            | ConsentError::BeforeBirth { .. }
            | ConsentError::GivenOnImplausible(_) => "given_on",
            ConsentError::EndsBeforeGiven | ConsentError::EndsOnImplausible(_) => "ends_on",
        })
    }

    fn text(&self, lang: Lang) -> &'static str {
        let t = lang.texts();
        let x = texts(lang);
        match self {
            ConsentError::OrganisationNeeded => x.err_org_needed,
            ConsentError::NoOrganisationForStep => x.err_no_org_for_step,
            ConsentError::PurposeNeeded => t.err_required,
            ConsentError::CategoriesNeeded => x.err_categories,
            ConsentError::NoChild | ConsentError::NotAChild(_) => x.err_children,
            ConsentError::NotAMember(_) => t.err_choose,
            ConsentError::InFuture => t.err_not_future,
            ConsentError::BeforeBirth { .. } => x.err_before_birth,
            ConsentError::EndsBeforeGiven => x.err_ends_before,
            ConsentError::GivenOnImplausible(_) | ConsentError::EndsOnImplausible(_) => {
                t.err_date_range
            }
            ConsentError::NoCustodian { .. } => t.err_no_custodian,
            ConsentError::Missing(_) => x.err_consent_missing,
        }
    }

    fn problem(&self) -> Problem {
        let field = api_field(self.field().unwrap_or("given_by"));
        // The detail names whom it is about where the field's sentence cannot.
        let detail =
            |lang| consent_message(self, lang).unwrap_or_else(|| self.text(lang).to_owned());
        Problem::titled(
            StatusCode::BAD_REQUEST,
            "invalid-consent",
            ("Toestemming niet vastgelegd", "Consent not recorded"),
        )
        .detail_in((detail(Lang::Nl), detail(Lang::En)))
        .invalid_param_in(
            field,
            self.code(),
            (self.text(Lang::Nl), self.text(Lang::En)),
        )
    }
}

/// The sentence at the top of the page where the field's message cannot name whom it is
/// about: the child born after the date, the people whose consent is missing.
pub fn consent_message(e: &ConsentError, lang: Lang) -> Option<String> {
    match e {
        ConsentError::BeforeBirth { child } => Some(format!("{} {child}.", e.text(lang))),
        ConsentError::Missing(missing) => Some(format!(
            "{} {}",
            e.text(lang),
            missing
                .iter()
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        _ => None,
    }
}

/// The API's answer to a refused consent: a missing consent also lists whose.
pub fn consent_answer(e: &ConsentError) -> ApiError {
    match e {
        ConsentError::Missing(missing) => e
            .problem()
            .with(json!({
                "missing": missing.iter().map(|m| json!({ "member_id": m.member_id, "name": m.name })).collect::<Vec<_>>(),
            }))
            .into(),
        _ => e.problem().into(),
    }
}

impl Refusal for FrameworkError {
    fn field(&self) -> Option<&'static str> {
        Some(match self {
            FrameworkError::GroundNeeded => "ground",
            FrameworkError::InFuture | FrameworkError::Implausible(_) => "effective_on",
            FrameworkError::OrganisationNeeded
            | FrameworkError::WrongOrganisationKind(_)
            | FrameworkError::NoOrganisationInVoluntary => "basis_organisation",
            FrameworkError::Unchanged => "framework",
        })
    }

    fn text(&self, lang: Lang) -> &'static str {
        let t = lang.texts();
        let x = texts(lang);
        match self {
            FrameworkError::GroundNeeded => t.err_required,
            FrameworkError::InFuture => t.err_not_future,
            FrameworkError::Implausible(_) => t.err_date_range,
            FrameworkError::OrganisationNeeded
            | FrameworkError::WrongOrganisationKind(_)
            | FrameworkError::NoOrganisationInVoluntary => x.err_framework_org,
            FrameworkError::Unchanged => x.err_framework_same,
        }
    }

    fn problem(&self) -> Problem {
        let field = api_field(self.field().unwrap_or("framework"));
        Problem::invalid_params().invalid_param_in(
            field,
            self.code(),
            (self.text(Lang::Nl), self.text(Lang::En)),
        )
    }
}

impl Refusal for EmergencyError {
    fn field(&self) -> Option<&'static str> {
        match self {
            EmergencyError::ReasonNeeded => Some("reason"),
            EmergencyError::NotACareRole | EmergencyError::AlreadyHasAccess => None,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            EmergencyError::ReasonNeeded => "too-short",
            EmergencyError::NotACareRole => "not-a-care-role",
            EmergencyError::AlreadyHasAccess => "already-has-access",
        }
    }

    fn text(&self, lang: Lang) -> &'static str {
        let x = texts(lang);
        match self {
            EmergencyError::ReasonNeeded => x.err_emergency_reason,
            EmergencyError::NotACareRole => x.emergency_not_care,
            EmergencyError::AlreadyHasAccess => x.emergency_already,
        }
    }

    /// The API's reasons are its own, longer sentences (the page's are shorter).
    fn problem(&self) -> Problem {
        match self {
            EmergencyError::ReasonNeeded => Problem::invalid_params()
            .invalid_param_in(
                "reason",
                self.code(),
                (
                    "Beschrijf de noodsituatie in minstens 15 tekens: wat er gebeurt en waarom je het dossier nu nodig hebt.",
                    "Describe the emergency in at least 15 characters: what is happening and why you need the file now.",
                ),
            ),
            EmergencyError::NotACareRole => Problem::titled(
                StatusCode::FORBIDDEN,
                "not-a-care-role",
                (
                    "Noodtoegang is alleen voor een zorgrol",
                    "Emergency access is only for a care role",
                ),
            )
            .detail_in((
                "Noodtoegang is alleen voor professionals en gedragswetenschappers bij een lokaal team, Veilig Thuis, een gecertificeerde instelling, de Raad of een zorgaanbieder. Je poging is vastgelegd.",
                "Emergency access is only for professionals and behavioural scientists at a local team, Veilig Thuis, a certified institution, the Raad or a care provider. Your attempt has been recorded.",
            )),
            EmergencyError::AlreadyHasAccess => Problem::titled(
                StatusCode::CONFLICT,
                "already-has-access",
                (
                    "Je hebt al toegang tot dit dossier",
                    "You already have access to this file",
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_and_the_api_name_the_organisation_each_their_own_way() {
        let e = ConsentError::OrganisationNeeded;
        assert_eq!(e.field(), Some("organisation"));
        let p = e.problem();
        assert_eq!(p.invalid_params[0].name, "organisation_id");
        // The refusal's own words in each language, never the domain's developer text.
        assert_eq!(p.invalid_params[0].reason, e.text(Lang::Nl));
        assert_eq!(
            p.in_lang(Lang::En).invalid_params[0].reason,
            e.text(Lang::En)
        );
        assert_ne!(p.invalid_params[0].reason, e.to_string());
        let f = FrameworkError::NoOrganisationInVoluntary;
        assert_eq!(f.field(), Some("basis_organisation"));
        assert_eq!(f.problem().invalid_params[0].name, "organisation_id");
    }

    #[test]
    fn a_refusal_reaches_a_person_in_their_language() {
        let e = FrameworkError::Unchanged;
        assert_eq!(e.text(Lang::Nl), texts(Lang::Nl).err_framework_same);
        assert_eq!(e.text(Lang::En), texts(Lang::En).err_framework_same);
    }
}
