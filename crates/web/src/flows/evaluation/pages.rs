//! `/evaluatie` and `/evaluatie.csv`: the filters, the figures with their charts and
//! tables, and the same figures as a CSV for Excel. Both read the filters from the
//! link, so a filtered view can be sent, and both say "Synthetische gegevens" on a
//! demo database.

use askama::Template;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::response::Response;
use eenplan_store::DEMO_PURPOSE;

use super::filter::{self, Asked};
use super::texts::{EvaluationTexts, evaluation};
use super::view::{self, Filter, Refused, View};
use crate::kit::chart::Figure;
use crate::kit::dates::today;
use crate::kit::form::{Errors, FormData, Input};
use crate::kit::summary::ErrorSummary;
use crate::kit::texts::fill;
use crate::kit::{Ctx, PageError, Shell, form_status, render};

#[derive(Template)]
#[template(path = "evaluation/page.html")]
struct EvaluationPage {
    shell: Shell,
    x: &'static EvaluationTexts,
    intro: String,
    synthetic: bool,
    summary: ErrorSummary,
    inputs: Vec<Input>,
    /// The link to the CSV of exactly this view.
    csv_link: String,
    view: Option<View>,
}

impl EvaluationPage {
    /// The figures of the view, for the template's loop.
    fn figures(&self) -> &[Figure] {
        self.view.as_ref().map_or(&[], |v| v.figures.as_slice())
    }
}

/// Whether this database is the demo's: then every page, CSV and JSON of the
/// evaluation says its figures are synthetic.
pub(super) async fn is_demo(ctx: &Ctx) -> Result<bool, PageError> {
    Ok(ctx.store().purpose().await?.as_deref() == Some(DEMO_PURPOSE))
}

pub async fn show(ctx: Ctx, RawQuery(query): RawQuery) -> Result<Response, PageError> {
    let lang = ctx.lang;
    let x = evaluation(lang);
    let query = query.unwrap_or_default();
    let data = FormData::parse(&Bytes::from(query.clone()));
    let today = today();
    let synthetic = is_demo(&ctx).await?;
    let choices = view::choices(&ctx).await?;
    let threshold = view::threshold(&ctx).await?;
    let (view, errors) = match filter::read(&data, x, today) {
        Ok(asked) => match view::load(&ctx, &asked).await {
            Ok(view) => (Some(view), Errors::new()),
            Err(Refused::Unknown(filter)) => {
                let field = match filter {
                    Filter::Area => "gebied",
                    Filter::Organisation => "organisatie",
                };
                (None, Errors::from([(field, x.err_choose)]))
            }
            Err(refused) => return Err(refused.into()),
        },
        Err(errors) => (None, errors),
    };
    let inputs = filter::inputs(
        lang,
        x,
        &data,
        &errors,
        today,
        &choices.areas,
        &choices.organisations,
    );
    let summary = ErrorSummary::of_inputs(lang, &inputs);
    Ok(render(
        form_status(errors.is_empty()),
        &EvaluationPage {
            shell: ctx.shell("/evaluatie"),
            x,
            intro: fill(x.intro, &[("threshold", &threshold.to_string())]),
            synthetic,
            summary,
            inputs,
            csv_link: if query.is_empty() {
                "/evaluatie.csv".to_owned()
            } else {
                format!("/evaluatie.csv?{query}")
            },
            view,
        },
    ))
}

/// The figures of the page as CSV, with the same filters and the same suppression. Bad
/// filters are the page's business: the link leads back to the page with the messages.
pub async fn csv(ctx: Ctx, RawQuery(query): RawQuery) -> Result<Response, PageError> {
    let query = query.unwrap_or_default();
    let x = evaluation(ctx.lang);
    let data = FormData::parse(&Bytes::from(query.clone()));
    let Ok(asked): Result<Asked, _> = filter::read(&data, x, today()) else {
        return Ok(axum::response::Redirect::to(&format!("/evaluatie?{query}")).into_response());
    };
    let synthetic = is_demo(&ctx).await?;
    let view = view::load(&ctx, &asked).await?;
    Ok(view::csv(ctx.lang, synthetic, &view).download("evaluatie.csv"))
}

use axum::response::IntoResponse as _;
