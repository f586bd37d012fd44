//! The administration's routes: the region's organisations and areas for the chain
//! administrator, an organisation's teams and accounts for its functional administrator.

use eenplan_domain::policy::{ADMIN, ANY_ADMIN, CHAIN_ADMIN};

use eenplan_store::{Area, Principal, Team};

use super::pages;
use super::pages::edit::OrganisationEdit;
use crate::kit::route::{Entry, get, post};

pub fn routes() -> Vec<Entry> {
    vec![
        get("/beheer", ANY_ADMIN, pages::common::overview),
        get(
            "/beheer/organisaties",
            CHAIN_ADMIN,
            pages::structure::organisations,
        ),
        post(
            "/beheer/organisaties",
            CHAIN_ADMIN,
            pages::structure::create_organisation,
        ),
        get(
            "/beheer/organisaties/{id}/wijzigen",
            CHAIN_ADMIN,
            pages::edit::show::<OrganisationEdit>,
        ),
        post(
            "/beheer/organisaties/{id}/wijzigen",
            CHAIN_ADMIN,
            pages::edit::change::<OrganisationEdit>,
        ),
        get("/beheer/gebieden", CHAIN_ADMIN, pages::structure::areas),
        get(
            "/beheer/gebieden/{id}/wijzigen",
            CHAIN_ADMIN,
            pages::edit::show::<Area>,
        ),
        post(
            "/beheer/gebieden/{id}/wijzigen",
            CHAIN_ADMIN,
            pages::edit::change::<Area>,
        ),
        post(
            "/beheer/gebieden",
            CHAIN_ADMIN,
            pages::structure::create_area,
        ),
        get("/beheer/pilots", CHAIN_ADMIN, pages::pilots::pilots),
        post("/beheer/pilots", CHAIN_ADMIN, pages::pilots::set_pilot),
        get("/beheer/teams", ADMIN, pages::structure::teams),
        post("/beheer/teams", ADMIN, pages::structure::create_team),
        get(
            "/beheer/teams/{id}/wijzigen",
            ADMIN,
            pages::edit::show::<Team>,
        ),
        post(
            "/beheer/teams/{id}/wijzigen",
            ADMIN,
            pages::edit::change::<Team>,
        ),
        get("/beheer/gebruikers", ADMIN, pages::users::users),
        post("/beheer/gebruikers", ADMIN, pages::users::create_user),
        get(
            "/beheer/gebruikers/{id}/wijzigen",
            ADMIN,
            pages::edit::show::<Principal>,
        ),
        post(
            "/beheer/gebruikers/{id}/wijzigen",
            ADMIN,
            pages::edit::change::<Principal>,
        ),
        post(
            "/beheer/gebruikers/{id}/heractiveren",
            ADMIN,
            pages::edit::reactivate_user,
        ),
        get(
            "/beheer/gebruikers/{id}/deactiveren",
            ADMIN,
            pages::deactivation::deactivate_form,
        ),
        post(
            "/beheer/gebruikers/{id}/overdragen",
            ADMIN,
            pages::deactivation::hand_over,
        ),
        post(
            "/beheer/gebruikers/{id}/alles-overdragen",
            ADMIN,
            pages::deactivation::hand_over_all,
        ),
        post(
            "/beheer/gebruikers/{id}/deactiveren",
            ADMIN,
            pages::deactivation::deactivate_user,
        ),
        post(
            "/beheer/gebruikers/{id}/tweede-factor",
            ADMIN,
            pages::deactivation::reset_second_factor,
        ),
    ]
}
