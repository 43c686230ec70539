//! `GET /{lang}/workspace/pavilions/{slug}/companies`: a pavilion's companies for its admins and
//! the organiser: first those waiting for review ("needs my review"), then every company with
//! its review state, completeness and last change, filtered by state and completeness. Beside it,
//! "add a company": `POST …/companies` creates it and invites its contact by email, through the
//! same use case as `POST /api/v1/pavilions/{slug}/exhibitors`.

use super::PavilionWorkspace;
use crate::extractors::Client;
use crate::pages::kernel::forms::{self, Field, FieldErrors, FormData, LocalizedInput, Select, Values};
use crate::pages::kernel::{
    CompanyTab, Href, PageError, PageLang, PageMeta, PavilionTab, Posted, Referrer, Shown, i18n::Text, private_page,
    see_other,
};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::domain::{EmailAddress, ExhibitorFilter, ExhibitorProfile, ExhibitorStatus, Locale, ProfileInput};
use pavilion_core::services::MAX_PAGE_SIZE;
use pavilion_core::services::exhibitors::{self, CompanyView, FirstContact};
use serde::Deserialize;

pub struct CompanyRow {
    pub name: Shown,
    pub href: String,
    pub status: String,
    pub submitted: bool,
    pub score: u8,
    pub changed: String,
    pub changed_iso: String,
}

#[derive(Template)]
#[template(path = "pavilion/companies.html")]
struct CompaniesPage {
    page: PageMeta,
    t: Text,
    heading: String,
    pavilion_tabs: Vec<crate::pages::kernel::Tab>,
    heading_lang: Option<&'static str>,
    alert: Option<String>,
    form_token: String,
    base: String,
    import_href: String,
    review_view: bool,
    waiting: i64,
    companies: Vec<CompanyRow>,
    filters: Vec<Select>,
    next: Option<String>,
    create_action: String,
    names: LocalizedInput,
    contact: Vec<Field>,
    contact_locale: Select,
}

/// The list's query: which view, the filters of "all companies", and the page.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    view: Option<String>,
    status: Option<String>,
    completeness: Option<String>,
    after: Option<String>,
}

/// Completeness bands a list is filtered by: (value, catalog key, least, most).
const BANDS: [(&str, &str, Option<u8>, Option<u8>); 3] = [
    ("complete", "companies-band-complete", Some(100), None),
    ("incomplete", "companies-band-incomplete", None, Some(99)),
    ("under-half", "companies-band-under-half", None, Some(49)),
];

pub async fn handle(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    render(&state, &workspace, query.into_inner(), NewCompany::default()).await
}

/// The "add a company" form as typed, and its refusal.
#[derive(Default)]
struct NewCompany {
    values: Values,
    errors: FieldErrors,
    alert: Option<String>,
    status: Option<StatusCode>,
}

pub async fn create(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    Client(client): Client,
    Posted(form): Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    let lang = workspace.lang;
    let t = lang.text();
    let mut values = Values::new();
    for name in ["name.en", "name.zh-Hans", "name.zh-Hant", "contact_email", "contact_locale"] {
        values.insert(name.to_owned(), form.get(name).trim().to_owned());
    }
    let input = ProfileInput { name: forms::localized(&form, "name"), ..ProfileInput::default() };
    let email = forms::optional(&form, "contact_email");
    let locale = form.get("contact_locale").to_owned();
    let pavilion = workspace.slug().to_owned();
    let created = state
        .call(Some(workspace.person.clone()), client, move |ctx| {
            let mut errors = pavilion_core::error::Violations::new();
            let profile = errors.check(ExhibitorProfile::parse(input, None));
            let email = email.and_then(|email| errors.check(EmailAddress::parse_field("contact_email", &email)));
            let locale = errors.check(Locale::parse("contact_locale", &locale));
            errors.into_result()?;
            let profile = profile.ok_or_else(|| CoreError::Internal(anyhow::anyhow!("checked profile missing")))?;
            let contact = email.map(|email| FirstContact { email, locale });
            exhibitors::create(ctx, &pavilion, profile, contact)
        })
        .await;
    let refused = match created {
        Ok((draft, _)) => {
            let company = Href::company(lang, workspace.slug(), draft.exhibitor.id.as_str(), CompanyTab::Home);
            return Ok(see_other(&format!("{company}?done=created")).finish());
        }
        Err(error @ CoreError::Validation(_)) => NewCompany {
            errors: FieldErrors::from_error(&t, &error),
            alert: Some(t.get("form-has-errors")),
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            values,
        },
        Err(CoreError::Conflict(_)) => NewCompany {
            errors: FieldErrors::one("contact_email", t.get("companies-contact-taken")),
            alert: Some(t.get("form-has-errors")),
            status: Some(StatusCode::CONFLICT),
            values,
        },
        Err(error) => return Err(PageError::from(error).hiding_forbidden()),
    };
    render(&state, &workspace, ListQuery::default(), refused).await
}

/// The list's filters, as the query chose them.
struct Filters {
    review_view: bool,
    status: Option<ExhibitorStatus>,
    band: Option<&'static (&'static str, &'static str, Option<u8>, Option<u8>)>,
}

impl Filters {
    fn of(query: &ListQuery) -> Self {
        Self {
            review_view: query.view.as_deref() != Some("all"),
            status: query.status.as_deref().and_then(|raw| ExhibitorStatus::parse("status", raw).ok()),
            band: BANDS.iter().find(|(value, ..)| Some(*value) == query.completeness.as_deref()),
        }
    }

    fn filter(&self) -> ExhibitorFilter {
        if self.review_view {
            return ExhibitorFilter { status: Some(ExhibitorStatus::Submitted), ..ExhibitorFilter::default() };
        }
        ExhibitorFilter {
            status: self.status,
            min_completeness: self.band.and_then(|(_, _, least, _)| *least),
            max_completeness: self.band.and_then(|(_, _, _, most)| *most),
        }
    }

    /// The query that keeps these filters (for the next page's link).
    fn kept(&self) -> Vec<(&'static str, String)> {
        let mut keep = Vec::new();
        if !self.review_view {
            keep.push(("view", "all".to_owned()));
            if let Some(status) = self.status {
                keep.push(("status", status.as_str().to_owned()));
            }
            if let Some((value, ..)) = self.band {
                keep.push(("completeness", (*value).to_owned()));
            }
        }
        keep
    }

    fn selects(&self, t: &Text) -> Vec<Select> {
        let mut states = vec![(String::new(), t.get("companies-any-state"))];
        states.extend(
            ExhibitorStatus::ALL.iter().map(|s| (s.as_str().to_owned(), crate::pages::company::status_name(t, *s))),
        );
        let mut bands = vec![(String::new(), t.get("companies-any-completeness"))];
        bands.extend(BANDS.iter().map(|(value, key, ..)| ((*value).to_owned(), t.get(key))));
        vec![
            Select::new("status", t.get("companies-filter-state"), self.status.map_or("", |s| s.as_str()), states),
            Select::new(
                "completeness",
                t.get("companies-filter-completeness"),
                self.band.map_or("", |(value, ..)| value),
                bands,
            ),
        ]
    }
}

async fn render(
    state: &AppState,
    workspace: &PavilionWorkspace,
    query: ListQuery,
    new_company: NewCompany,
) -> Result<HttpResponse, PageError> {
    let (lang, slug) = (workspace.lang, workspace.slug());
    let t = lang.text();
    let chosen = Filters::of(&query);
    let (filter, lookup, after, caller) =
        (chosen.filter(), slug.to_owned(), query.after.clone(), workspace.person.clone());
    let loaded = state
        .run(move |conn, state| {
            let page =
                exhibitors::list(conn, Some(&caller), state.now(), &lookup, &filter, after.as_deref(), MAX_PAGE_SIZE)?;
            let waiting_filter =
                ExhibitorFilter { status: Some(ExhibitorStatus::Submitted), ..ExhibitorFilter::default() };
            let waiting =
                exhibitors::list(conn, Some(&caller), state.now(), &lookup, &waiting_filter, None, MAX_PAGE_SIZE)?
                    .items
                    .len();
            Ok((page, waiting as i64))
        })
        .await;
    let (page, waiting) = match loaded {
        Ok(loaded) => loaded,
        // A stale or forged page cursor: the list's first page.
        Err(CoreError::Validation(_)) if query.after.is_some() => {
            let fresh = ListQuery { after: None, ..query };
            return Box::pin(render(state, workspace, fresh, new_company)).await;
        }
        Err(error) => return Err(PageError::from(error).hiding_forbidden()),
    };
    let base = Href::pavilion(lang, slug, PavilionTab::Companies);
    let companies = rows(&t, lang, &base, &page.items);
    let next = page.next_cursor.as_ref().map(|cursor| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in &chosen.kept() {
            query.append_pair(name, value);
        }
        query.append_pair("after", cursor);
        format!("{base}?{}", query.finish())
    });
    let (names, contact, contact_locale) = new_company_form(&t, &new_company);
    let name = Shown::of(&workspace.pavilion.name, lang);
    let heading = t.with("companies-title", &[("pavilion", &name.text)]);
    let mut meta = PageMeta::private(state, lang, &format!("/workspace/pavilions/{slug}/companies"), heading.clone());
    meta.account = workspace.account_bar(state);
    let browser = &workspace.browser;
    let template = CompaniesPage {
        heading,
        pavilion_tabs: workspace.tabs(PavilionTab::Companies),
        heading_lang: name.lang,
        alert: new_company.alert,
        form_token: browser.form_token(state),
        create_action: base.clone(),
        import_href: format!("{}/import", Href::pavilion(lang, slug, PavilionTab::Overview)),
        base,
        review_view: chosen.review_view,
        waiting,
        companies,
        filters: chosen.selects(&t),
        next,
        names,
        contact,
        contact_locale,
        page: meta,
        t,
    };
    Ok(private_page(state, browser, new_company.status.unwrap_or(StatusCode::OK), &template, Referrer::SameOrigin)?)
}

/// The list's rows: working copies only (a caller who may manage the pavilion sees those).
fn rows(t: &Text, lang: PageLang, base: &str, items: &[CompanyView]) -> Vec<CompanyRow> {
    items
        .iter()
        .filter_map(|view| match view {
            CompanyView::Draft(draft) => Some(draft),
            CompanyView::Published(_) => None,
        })
        .map(|draft| {
            let exhibitor = &draft.exhibitor;
            CompanyRow {
                name: Shown::of(&exhibitor.profile.name, lang),
                href: format!("{base}/{}", exhibitor.id),
                status: crate::pages::company::status_name(t, exhibitor.status),
                submitted: exhibitor.status == ExhibitorStatus::Submitted,
                score: draft.completeness.score,
                changed: exhibitor.updated_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                changed_iso: exhibitor.updated_at.to_rfc3339(),
            }
        })
        .collect()
}

/// The "add a company" form: its names, its first contact, and that contact's language.
fn new_company_form(t: &Text, new_company: &NewCompany) -> (LocalizedInput, Vec<Field>, Select) {
    let values = &new_company.values;
    let names = LocalizedInput::new(t, "name", t.get("profile-field-name"), false, values)
        .annotate(&new_company.errors, &Values::new(), None, false)
        .written_by_hand();
    let contact = vec![
        Field::new("contact_email", t.get("companies-contact-email"), "email", "off")
            .value(values.get("contact_email").map_or("", String::as_str))
            .hint(t.get("companies-contact-hint"))
            .error_from(&new_company.errors),
    ];
    let chosen = values.get("contact_locale").map_or("", String::as_str);
    let contact_locale =
        Select::locales(t, "contact_locale", t.get("invitations-locale"), chosen).error_from(&new_company.errors);
    (names, contact, contact_locale)
}
