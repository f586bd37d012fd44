//! The family's door (issue 17 §1): the regisseur invites a parent, a carer or a young
//! person of twelve or older with a one-time code; the invited person redeems it on a
//! public page, chooses a password and links an authenticator app; then signs in at
//! the family's own sign-in page and reaches their own home page. The regisseur sees
//! who has an account or an open invitation and revokes or blocks. The rules are the
//! domain's `family_account` and `policy::decide_family`; the sign-in steps are
//! `auth::family_sign_in`. The member's own pages (issue 17 §3: home, the flower,
//! the meetings ahead, who looked) ask the domain's portal rule through `sight`. A
//! signed-in member files and follows their own complaints (issue 17 §4, `complaints`).

pub mod accounts;
pub mod activate;
pub mod consent_texts;
pub mod consents;
pub mod contacts;
pub mod home;
pub mod looked;
pub mod marks;
pub mod meetings;
pub mod plan;
pub mod plan_texts;
pub mod plan_view;
pub mod read_texts;
pub mod routes;
pub mod sign_in;
pub mod texts;
pub mod withdraw;

pub use routes::routes;
