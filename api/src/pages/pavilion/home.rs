//! `GET /{lang}/workspace/pavilions/{slug}`: a pavilion's admin home: where its companies stand
//! (a bar by review state), how complete their profiles are (a column chart and its table), the
//! reviews waiting, its works, its mail and its deadline; links to the page that acts on each.
//! The figures of `GET /api/v1/pavilions/{slug}/overview`, from the same use case. Its admins and
//! the organiser; anyone else finds no such page.

use super::PavilionWorkspace;
use crate::pages::kernel::charts::{BarInput, Columns, StackedBars};
use crate::pages::kernel::{PageError, PageMeta, PavilionTab, Referrer, Shown, Tab, i18n::Text, private_page};
use crate::pages::organiser::market::{self, Figure, When};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::services::market as figures;

#[derive(Template)]
#[template(path = "pavilion/pavilion_home.html")]
struct PavilionHome {
    page: PageMeta,
    t: Text,
    heading: String,
    heading_lang: Option<&'static str>,
    pavilion_tabs: Vec<Tab>,
    figures: Vec<Figure>,
    /// What to act on: (link, text), e.g. the reviews waiting.
    actions: Vec<(String, String)>,
    by_state: StackedBars,
    completeness: Columns,
    distribution: Vec<(String, i64)>,
    export_action: String,
    export_choices: Vec<crate::pages::kernel::forms::Select>,
}

pub async fn handle(state: web::Data<AppState>, workspace: PavilionWorkspace) -> Result<HttpResponse, PageError> {
    let lang = workspace.lang;
    let rest = format!("/workspace/pavilions/{}", workspace.slug());
    let (caller, lookup) = (workspace.person.clone(), workspace.slug().to_owned());
    let found = state
        .run(move |conn, state| figures::pavilion_figures(conn, &caller, &lookup, state.now()))
        .await
        .map_err(|error| PageError::from(error).hiding_forbidden())?;
    let t = lang.text();
    let now = state.now();
    let base = format!("/{}{rest}", lang.path());
    let name = Shown::of(&found.pavilion.name, lang);
    let companies = &found.companies;
    let shown = figures_of(&t, &found);
    let actions = actions(&t, &base, &found, now);
    let by_state = StackedBars::new(
        "pavilion-by-state",
        t.get("market-chart-states-title"),
        t.count("pavilion-home-states-description", "count", companies.total()),
        &market::state_series(&t),
        vec![BarInput {
            label: name.text.clone(),
            lang: name.lang,
            total: t.count("market-companies-count", "count", companies.total()),
            values: market::state_values(companies),
        }],
    );
    let (completeness, distribution) = market::completeness_chart(&t, "pavilion-completeness", &found.completeness);
    let heading = t.with("pavilion-home-title", &[("pavilion", &name.text)]);
    let mut meta = PageMeta::private(&state, lang, &rest, heading.clone());
    meta.account = workspace.account_bar(&state);
    let template = PavilionHome {
        heading,
        heading_lang: name.lang,
        pavilion_tabs: workspace.tabs(PavilionTab::Overview),
        export_action: format!("{base}/export"),
        export_choices: crate::pages::kernel::forms::export_choices(&t),
        figures: shown,
        actions,
        by_state,
        completeness,
        distribution,
        page: meta,
        t,
    };
    Ok(private_page(&state, &workspace.browser, StatusCode::OK, &template, Referrer::SameOrigin)?)
}

/// The pavilion's figures: its status, its companies by state, completeness, works, mail, the
/// last activity and the deadline.
fn figures_of(t: &Text, found: &figures::PavilionFigures) -> Vec<Figure> {
    let companies = &found.companies;
    let mut shown = vec![
        Figure::new(t.get("pavilion-status"), t.get(&format!("pavilion-status-{}", found.pavilion.status.as_str()))),
        Figure::new(t.get("market-col-companies"), companies.total().to_string()),
    ];
    shown.extend(
        market::STATE_SERIES
            .iter()
            .zip(market::state_values(companies))
            .map(|((_, status), count)| Figure::new(t.get(&format!("status-{status}")), count.to_string())),
    );
    shown.extend([
        Figure::new(t.get("market-col-median"), market::median(t, &found.completeness)),
        Figure::new(t.get("market-col-complete"), found.completeness.complete().to_string()),
        Figure::new(t.get("market-col-works"), market::works(t, found.published_works, found.works)),
        Figure::new(t.get("market-col-emails"), market::emails(t, found.emails_pending, found.emails_failed_recently)),
        Figure::new(
            t.get("market-col-activity"),
            found.last_activity.map_or_else(|| t.get("market-never"), |at| When::of(at).text),
        ),
        Figure::new(
            t.get("market-col-deadline"),
            found.pavilion.profile_deadline.map_or_else(|| t.get("market-no-deadline"), |at| When::of(at).text),
        ),
    ]);
    shown
}

/// What is waiting for the pavilion's admins, each a link to where it is done.
fn actions(
    t: &Text,
    base: &str,
    found: &figures::PavilionFigures,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<(String, String)> {
    let mut actions = Vec::new();
    if found.reviews_waiting > 0 {
        let oldest = found.oldest_waiting_since.map(|since| market::waited(t, since, now));
        let text = t.count("companies-needs-review", "count", found.reviews_waiting);
        actions.push((format!("{base}/companies"), oldest.map_or(text.clone(), |oldest| format!("{text}: {oldest}"))));
    }
    if found.emails_failed_recently > 0 {
        actions.push((
            format!("{base}/emails?status=failed"),
            t.count("pavilion-home-failed-emails", "count", found.emails_failed_recently),
        ));
    }
    let unfinished = found.companies.total() - found.companies.approved;
    if unfinished > 0 {
        actions.push((format!("{base}/companies?view=all"), t.count("pavilion-home-unfinished", "count", unfinished)));
        actions.push((format!("{base}/announcements?audience=exhibitor"), t.get("pavilion-home-write")));
    }
    actions
}
