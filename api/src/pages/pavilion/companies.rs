//! `GET /{lang}/workspace/pavilions/{slug}/companies`: a pavilion's companies for its admins and
//! the organiser: first those waiting for review ("needs my review"), then every company with
//! its review state, completeness and last change, filtered by state and completeness. Beside it,
//! "add a company": `POST …/companies` creates it and invites its contact by email, through the
//! same use case as `POST /api/v1/pavilions/{slug}/exhibitors`.

use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms::{self, Field, FieldErrors, LocalizedInput, Select, Values};
use crate::pages::kernel::{PageLang, PageMeta, Shown, i18n::Text};
use crate::pages::kernel::{Referrer, private_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::domain::{EmailAddress, ExhibitorFilter, ExhibitorProfile, ExhibitorStatus, Locale, ProfileInput};
use pavilion_core::services::exhibitors::{self, CompanyView, FirstContact};
use pavilion_core::services::{MAX_PAGE_SIZE, accounts, pavilions};
use serde::Deserialize;
use std::collections::HashMap;

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

#[derive(Deserialize)]
pub struct CompaniesPath {
    lang: String,
    slug: String,
}

/// Completeness bands a list is filtered by: (value, catalog key, least, most).
const BANDS: [(&str, &str, Option<u8>, Option<u8>); 3] = [
    ("complete", "companies-band-complete", Some(100), None),
    ("incomplete", "companies-band-incomplete", None, Some(99)),
    ("under-half", "companies-band-under-half", None, Some(49)),
];

pub async fn handle(
    state: web::Data<AppState>,
    browser: Browser,
    path: web::Path<CompaniesPath>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let CompaniesPath { lang, slug } = path.into_inner();
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    render(&state, &browser, lang, &slug, query.into_inner(), NewCompany::default()).await
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
    browser: Browser,
    Client(client): Client,
    path: web::Path<CompaniesPath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let CompaniesPath { lang, slug } = path.into_inner();
    let rest = format!("/workspace/pavilions/{slug}/companies");
    let (lang, form) = match forms::posted(&state, &browser, &lang, form.into_inner(), &rest) {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let t = lang.text();
    let mut values = Values::new();
    for name in ["name.en", "name.zh-Hans", "name.zh-Hant", "contact_email", "contact_locale"] {
        values.insert(name.to_owned(), form.get(name).trim().to_owned());
    }
    let input = ProfileInput { name: forms::localized(&form, "name"), ..ProfileInput::default() };
    let email = forms::optional(&form, "contact_email");
    let locale = form.get("contact_locale").to_owned();
    let pavilion = slug.clone();
    let created = state
        .call(Some(caller), client, move |ctx| {
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
            let to = format!("/{}{rest}/{}?done=created", lang.path(), draft.exhibitor.id);
            return Ok(crate::pages::kernel::see_other(&to).finish());
        }
        Err(error) if crate::pages::kernel::is_signed_out(&error) => {
            return Ok(crate::pages::kernel::sign_in_first(lang));
        }
        Err(error) if error.status_code_is(StatusCode::NOT_FOUND) || error.status_code_is(StatusCode::FORBIDDEN) => {
            return crate::pages::kernel::not_found(&state, lang, &rest);
        }
        Err(error) if error.status_code_is(StatusCode::UNPROCESSABLE_ENTITY) => NewCompany {
            errors: FieldErrors::from_error(&t, &error),
            alert: Some(t.get("form-has-errors")),
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            values,
        },
        Err(error) if error.status_code_is(StatusCode::CONFLICT) => NewCompany {
            errors: FieldErrors::one("contact_email", t.get("companies-contact-taken")),
            alert: Some(t.get("form-has-errors")),
            status: Some(StatusCode::CONFLICT),
            values,
        },
        Err(error) => return Err(error),
    };
    render(&state, &browser, lang, &slug, ListQuery::default(), refused).await
}

async fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    slug: &str,
    query: ListQuery,
    new_company: NewCompany,
) -> Result<HttpResponse, ApiError> {
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let rest = format!("/workspace/pavilions/{slug}/companies");
    let t = lang.text();
    let review_view = query.view.as_deref() != Some("all");
    let status = query.status.as_deref().and_then(|raw| ExhibitorStatus::parse("status", raw).ok());
    let band = BANDS.iter().find(|(value, ..)| Some(*value) == query.completeness.as_deref());
    let filter = if review_view {
        ExhibitorFilter { status: Some(ExhibitorStatus::Submitted), ..ExhibitorFilter::default() }
    } else {
        ExhibitorFilter {
            status,
            min_completeness: band.and_then(|(_, _, least, _)| *least),
            max_completeness: band.and_then(|(_, _, _, most)| *most),
        }
    };
    let lookup = slug.to_owned();
    let after = query.after.clone();
    let loaded = state
        .run(move |conn, state| {
            let pavilion = pavilions::managed(conn, &caller, &lookup)?;
            let page =
                exhibitors::list(conn, Some(&caller), state.now(), &lookup, &filter, after.as_deref(), MAX_PAGE_SIZE)?;
            let waiting_filter =
                ExhibitorFilter { status: Some(ExhibitorStatus::Submitted), ..ExhibitorFilter::default() };
            let waiting =
                exhibitors::list(conn, Some(&caller), state.now(), &lookup, &waiting_filter, None, MAX_PAGE_SIZE)?
                    .items
                    .len();
            let (me, _) = accounts::me(conn, &caller)?;
            Ok((pavilion, page, waiting as i64, me))
        })
        .await;
    let (pavilion, page, waiting, me) = match loaded {
        Ok(loaded) => loaded,
        Err(error) if crate::pages::kernel::is_signed_out(&error) => {
            return Ok(crate::pages::kernel::sign_in_first(lang));
        }
        Err(error) if error.status_code_is(StatusCode::NOT_FOUND) || error.status_code_is(StatusCode::FORBIDDEN) => {
            return crate::pages::kernel::not_found(state, lang, &rest);
        }
        Err(error)
            if error.status_code_is(StatusCode::BAD_REQUEST)
                || error.status_code_is(StatusCode::UNPROCESSABLE_ENTITY) =>
        {
            // A stale or forged page cursor: the list's first page.
            let fresh = ListQuery { after: None, ..query };
            return Box::pin(render(state, browser, lang, slug, fresh, new_company)).await;
        }
        Err(error) => return Err(error),
    };
    let base = format!("/{}{rest}", lang.path());
    // Only drafts: a caller who may manage the pavilion sees working copies.
    let companies: Vec<CompanyRow> = page
        .items
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
                status: crate::pages::company::status_name(&t, exhibitor.status),
                submitted: exhibitor.status == ExhibitorStatus::Submitted,
                score: draft.completeness.score,
                changed: exhibitor.updated_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                changed_iso: exhibitor.updated_at.to_rfc3339(),
            }
        })
        .collect();
    let mut keep: Vec<(&str, String)> = Vec::new();
    if !review_view {
        keep.push(("view", "all".to_owned()));
        if let Some(status) = status {
            keep.push(("status", status.as_str().to_owned()));
        }
        if let Some((value, ..)) = band {
            keep.push(("completeness", (*value).to_owned()));
        }
    }
    let next = page.next_cursor.as_ref().map(|cursor| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in &keep {
            query.append_pair(name, value);
        }
        query.append_pair("after", cursor);
        format!("{base}?{}", query.finish())
    });
    let mut states = vec![(String::new(), t.get("companies-any-state"))];
    states.extend(
        ExhibitorStatus::ALL.iter().map(|s| (s.as_str().to_owned(), crate::pages::company::status_name(&t, *s))),
    );
    let mut bands = vec![(String::new(), t.get("companies-any-completeness"))];
    bands.extend(BANDS.iter().map(|(value, key, ..)| ((*value).to_owned(), t.get(key))));
    let filters = vec![
        Select::new("status", t.get("companies-filter-state"), status.map_or("", |s| s.as_str()), states),
        Select::new(
            "completeness",
            t.get("companies-filter-completeness"),
            band.map_or("", |(value, ..)| value),
            bands,
        ),
    ];
    let values = &new_company.values;
    let names = LocalizedInput::new(&t, "name", t.get("profile-field-name"), false, values).annotate(
        &new_company.errors,
        &Values::new(),
        None,
        false,
    );
    let names = names.written_by_hand();
    let contact = vec![
        Field::new("contact_email", t.get("companies-contact-email"), "email", "off")
            .value(values.get("contact_email").map_or("", String::as_str))
            .hint(t.get("companies-contact-hint"))
            .error_from(&new_company.errors),
    ];
    let chosen_locale = values.get("contact_locale").cloned().unwrap_or_else(|| lang.0.as_str().to_owned());
    let contact_locale = Select::new(
        "contact_locale",
        t.get("invitations-locale"),
        &chosen_locale,
        Locale::ALL
            .into_iter()
            .map(|option| (option.as_str().to_owned(), t.get(&format!("lang-{}", PageLang(option).path()))))
            .collect(),
    )
    .error_from(&new_company.errors);
    let name = Shown::of(&pavilion.name, lang);
    let heading = t.with("companies-title", &[("pavilion", &name.text)]);
    let mut meta = PageMeta::private(state, lang, &rest, heading.clone());
    meta.account = browser::account_bar(state, browser, lang, &me.name);
    let template = CompaniesPage {
        heading,
        pavilion_tabs: crate::pages::kernel::pavilion_tabs(
            &t,
            lang,
            slug,
            crate::pages::kernel::PavilionTab::Companies,
        ),
        heading_lang: name.lang,
        alert: new_company.alert,
        form_token: browser.form_token(state),
        create_action: base.clone(),
        import_href: format!("/{}/workspace/pavilions/{slug}/import", lang.path()),
        base,
        review_view,
        waiting,
        companies,
        filters,
        next,
        names,
        contact,
        contact_locale,
        page: meta,
        t,
    };
    private_page(state, browser, new_company.status.unwrap_or(StatusCode::OK), &template, Referrer::SameOrigin)
}
