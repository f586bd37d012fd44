//! The administration's routes: the region's organisations and areas for the chain
//! administrator, an organisation's teams and accounts for its functional administrator.

use axum::http::Method;
use axum::routing::{get, post};
use eenplan_domain::policy::{ADMIN, ANY_ADMIN, CHAIN_ADMIN};

use super::pages;
use crate::kit::route::{Routes, page};

pub fn routes() -> Routes {
    vec![
        (
            page(Method::GET, "/beheer", ANY_ADMIN),
            get(pages::common::overview),
        ),
        (
            page(Method::GET, "/beheer/organisaties", CHAIN_ADMIN),
            get(pages::structure::organisations),
        ),
        (
            page(Method::POST, "/beheer/organisaties", CHAIN_ADMIN),
            post(pages::structure::create_organisation),
        ),
        (
            page(Method::GET, "/beheer/gebieden", CHAIN_ADMIN),
            get(pages::structure::areas),
        ),
        (
            page(Method::POST, "/beheer/gebieden", CHAIN_ADMIN),
            post(pages::structure::create_area),
        ),
        (
            page(Method::GET, "/beheer/teams", ADMIN),
            get(pages::structure::teams),
        ),
        (
            page(Method::POST, "/beheer/teams", ADMIN),
            post(pages::structure::create_team),
        ),
        (
            page(Method::GET, "/beheer/gebruikers", ADMIN),
            get(pages::users::users),
        ),
        (
            page(Method::POST, "/beheer/gebruikers", ADMIN),
            post(pages::users::create_user),
        ),
        (
            page(Method::GET, "/beheer/gebruikers/{id}/deactiveren", ADMIN),
            get(pages::deactivation::deactivate_form),
        ),
        (
            page(Method::POST, "/beheer/gebruikers/{id}/overdragen", ADMIN),
            post(pages::deactivation::hand_over),
        ),
        (
            page(
                Method::POST,
                "/beheer/gebruikers/{id}/alles-overdragen",
                ADMIN,
            ),
            post(pages::deactivation::hand_over_all),
        ),
        (
            page(Method::POST, "/beheer/gebruikers/{id}/deactiveren", ADMIN),
            post(pages::deactivation::deactivate_user),
        ),
        (
            page(Method::POST, "/beheer/gebruikers/{id}/tweede-factor", ADMIN),
            post(pages::deactivation::reset_second_factor),
        ),
    ]
}
