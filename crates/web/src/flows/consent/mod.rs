//! Consent and the framework: the lead records and withdraws the family's consents and
//! changes the framework (voluntary, Veilig Thuis, a court order), sees which partners
//! still need a consent, shows an anonymous summary for a consultation, and a care role
//! breaks the glass in an emergency. The rules are the domain's; these handlers collect
//! input and say the verdict at the field it concerns.

pub mod api;
pub mod pages;
pub mod refusal;
pub mod routes;
mod schemas;
pub mod texts;

pub use routes::routes;

/// The family's summary for an anonymous consultation as of today, as the page and the
/// API show it; `None` when there is no such file.
async fn anonymous_summary(
    fam: &crate::auth::family::FamilyCtx,
) -> Result<Option<eenplan_domain::family::AnonymousSummary>, eenplan_store::StoreError> {
    let mut tx = fam.store().read().await?;
    tx.anonymous_summary(fam.family_id(), crate::kit::dates::today())
        .await
}

/// The lead's three changes, as the page and the API make them: each in its own
/// transaction, as `p`, in the file the request is about.
mod change {
    use eenplan_store::{ConsentInput, FrameworkInput, Principal, StoreError};

    use crate::auth::family::FamilyCtx;

    pub async fn record(
        fam: &FamilyCtx,
        p: &Principal,
        input: &ConsentInput,
    ) -> Result<String, StoreError> {
        fam.change(p, async |tx, by| {
            tx.record_consent(&by.actor, by.family, by.user, input, by.today)
                .await
        })
        .await
    }

    pub async fn withdraw(
        fam: &FamilyCtx,
        p: &Principal,
        consent_id: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        fam.change(p, async |tx, by| {
            tx.withdraw_consent(&by.actor, by.family, consent_id, by.user, reason)
                .await
        })
        .await
    }

    pub async fn framework(
        fam: &FamilyCtx,
        p: &Principal,
        input: &FrameworkInput,
    ) -> Result<(), StoreError> {
        fam.change(p, async |tx, by| {
            tx.change_framework(&by.actor, by.family, input, by.today)
                .await
        })
        .await
    }
}
