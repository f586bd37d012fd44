//! SAVE-begeleiding: a certified institution guides a family alongside the lead
//! professional, never instead, on the family's consent, with goals in the plan, an end
//! date and a review at least every three months. The lead starts it; the organisation
//! giving it (or the lead) reviews and ends it. The rules are `domain::save_guidance`.

mod api;
mod ops;
mod pages;
mod refusal;
mod routes;
mod schemas;
mod texts;

pub use routes::routes;
