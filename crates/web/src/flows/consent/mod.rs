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
pub use schemas::schemas;

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
