//! The family's door (issue 17 §1): the regisseur invites a parent, a carer or a young
//! person of twelve or older with a one-time code; the invited person redeems it on a
//! public page, chooses a password and links an authenticator app; then signs in at
//! the family's own sign-in page and reaches their own home page. The regisseur sees
//! who has an account or an open invitation and revokes or blocks. The rules are the
//! domain's `family_account` and `policy::decide_family`; the sign-in steps are
//! `auth::family_sign_in`. A signed-in member files and follows their own complaints
//! (issue 17 §4, `complaints`).

pub mod accounts;
pub mod activate;
pub mod complaints;
pub mod home;
pub mod routes;
pub mod sign_in;
pub mod texts;

pub use routes::routes;
