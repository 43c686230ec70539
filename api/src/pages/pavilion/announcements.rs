//! `GET /{lang}/workspace/announcements` (the organiser: to every pavilion or chosen ones) and
//! `GET /{lang}/workspace/pavilions/{slug}/announcements` (a pavilion's admins and the organiser,
//! in the pavilion's identity): write an announcement, and the ones sent with how many of their
//! messages are queued, sent and failed. `POST` on the same addresses sends, through the same
//! use cases as `POST /api/v1/announcements` and `POST /api/v1/pavilions/{slug}/announcements`.

use crate::extractors::Client;
use crate::pages::kernel::browser;
use crate::pages::kernel::forms::{self, FieldErrors, FormData, LocalizedInput, Values};
use crate::pages::kernel::{
    PageError, PageLang, PageMeta, PavilionTab, Posted, Referrer, Shown, SignedIn, Tab, i18n::Text, pavilion_tabs,
    private_page, see_other,
};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::domain::{Locale, Role};
use pavilion_core::policy::Principal;
use pavilion_core::services::announcements::{self, Announcement, AnnouncementInput};
use pavilion_core::services::{DEFAULT_PAGE_SIZE, Page, accounts, pavilions};
use serde::Deserialize;

/// A checkbox of the form.
pub struct Check {
    pub name: String,
    pub label: String,
    pub lang: Option<&'static str>,
    pub checked: bool,
}

/// One announcement of the list.
pub struct SentRow {
    pub when: crate::pages::organiser::market::When,
    pub subject: Shown,
    pub from: String,
    pub audience: String,
    pub reached: String,
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
}

#[derive(Template)]
#[template(path = "pavilion/announcements.html")]
struct AnnouncementsPage {
    page: PageMeta,
    t: Text,
    heading: String,
    heading_lang: Option<&'static str>,
    pavilion_tabs: Option<Vec<Tab>>,
    intro: String,
    notice: Option<String>,
    alert: Option<String>,
    action: String,
    form_token: String,
    texts: Vec<LocalizedInput>,
    audience: Vec<Check>,
    audience_error: Option<String>,
    /// The organiser's choice of pavilions: every one, or the ones checked.
    every_pavilion: Option<bool>,
    pavilions: Vec<Check>,
    pavilions_error: Option<String>,
    sent: Vec<SentRow>,
    older: Option<String>,
}

/// Who sends, read from the page's address: the organiser to the market
/// (`/workspace/announcements`), or one pavilion (`/workspace/pavilions/{slug}/announcements`).
pub enum Sender {
    Market,
    Pavilion(String),
}

impl actix_web::FromRequest for Sender {
    type Error = PageError;
    type Future = std::future::Ready<Result<Self, PageError>>;

    fn from_request(req: &actix_web::HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(Ok(match req.match_info().get("slug") {
            Some(slug) => Sender::Pavilion(slug.to_owned()),
            None => Sender::Market,
        }))
    }
}

impl Sender {
    fn rest(&self) -> String {
        match self {
            Sender::Market => "/workspace/announcements".to_owned(),
            Sender::Pavilion(slug) => format!("/workspace/pavilions/{slug}/announcements"),
        }
    }
}

/// `?sent=N` after sending; `?cursor=` for older ones; `?pavilion=&audience=` to start the
/// organiser's form on one pavilion (its "write to its companies" link).
#[derive(Deserialize, Default)]
pub struct Query {
    sent: Option<i64>,
    cursor: Option<String>,
    pavilion: Option<String>,
    audience: Option<String>,
}

/// What the form holds.
#[derive(Default)]
struct Typed {
    values: Values,
    audience: Vec<String>,
    every_pavilion: bool,
    pavilions: Vec<String>,
}

impl Typed {
    fn from_form(form: &FormData) -> Self {
        let mut values = Values::new();
        for field in ["subject", "body"] {
            for locale in Locale::ALL {
                let name = format!("{field}.{}", locale.as_str());
                values.insert(name.clone(), form.get(&name).to_owned());
            }
        }
        Self {
            values,
            audience: form.checked("audience."),
            every_pavilion: form.get("pavilions") != "chosen",
            pavilions: form.checked("pavilion."),
        }
    }

    fn input(&self, form: &FormData, sender: &Sender) -> AnnouncementInput {
        AnnouncementInput {
            subject: forms::localized(form, "subject"),
            body: forms::localized(form, "body"),
            audience: self.audience.clone(),
            pavilions: match sender {
                Sender::Market if !self.every_pavilion => Some(self.pavilions.clone()),
                _ => None,
            },
        }
    }
}

pub async fn show(
    state: web::Data<AppState>,
    lang: PageLang,
    signed_in: SignedIn,
    sender: Sender,
    query: web::Query<Query>,
) -> Result<HttpResponse, PageError> {
    let query = query.into_inner();
    let t = lang.text();
    let notice = query.sent.map(|count| t.count("announcements-done", "count", count));
    let typed = Typed {
        audience: query.audience.into_iter().collect(),
        every_pavilion: query.pavilion.is_none(),
        pavilions: query.pavilion.into_iter().collect(),
        ..Typed::default()
    };
    let view = View { notice, alert: None, typed, errors: FieldErrors::default(), cursor: query.cursor };
    render(&state, lang, &signed_in, sender, view).await
}

pub async fn send(
    state: web::Data<AppState>,
    lang: PageLang,
    signed_in: SignedIn,
    sender: Sender,
    Client(client): Client,
    Posted(form): Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    let rest = sender.rest();
    let typed = Typed::from_form(&form);
    let input = typed.input(&form, &sender);
    let slug = match &sender {
        Sender::Market => None,
        Sender::Pavilion(slug) => Some(slug.clone()),
    };
    let sent = state
        .call(Some(signed_in.person.clone()), client, move |ctx| match &slug {
            None => announcements::send_to_market(ctx, input),
            Some(slug) => announcements::send_in_pavilion(ctx, slug, input),
        })
        .await;
    let t = lang.text();
    match sent {
        Ok(sent) => Ok(see_other(&format!("/{}{rest}?sent={}", lang.path(), sent.recipients)).finish()),
        Err(error @ CoreError::Validation(_)) => {
            let errors = FieldErrors::from_error(&t, &error);
            let alert = Some(t.get("announcements-refused"));
            render(&state, lang, &signed_in, sender, View { notice: None, alert, typed, errors, cursor: None }).await
        }
        Err(error) => Err(PageError::from(error).hiding_forbidden()),
    }
}

/// What one showing of the page says besides what is stored.
struct View {
    notice: Option<String>,
    alert: Option<String>,
    typed: Typed,
    errors: FieldErrors,
    cursor: Option<String>,
}

/// What the page reads: the announcements sent, the pavilions to choose (the organiser's form),
/// the pavilion's name (a pavilion's page) and the caller's name.
struct Loaded {
    sent: Page<Announcement>,
    choices: Vec<(String, Shown)>,
    pavilion: Option<Shown>,
    me: String,
}

/// What the page reads, from `cursor` on in the list of what was sent.
async fn load(
    state: &AppState,
    lang: PageLang,
    caller: Principal,
    sender: &Sender,
    cursor: Option<String>,
) -> Result<Loaded, CoreError> {
    let slug = match sender {
        Sender::Market => None,
        Sender::Pavilion(slug) => Some(slug.clone()),
    };
    state
        .run(move |conn, _| {
            let cursor = cursor.as_deref();
            let (sent, choices, pavilion) = match &slug {
                None => {
                    let sent = announcements::list_all(conn, &caller, cursor, DEFAULT_PAGE_SIZE)?;
                    let choices = announcements::pavilions_to_choose(conn, &caller)?
                        .into_iter()
                        .map(|p| (p.slug.to_string(), Shown::of(&p.name, lang)))
                        .collect();
                    (sent, choices, None)
                }
                Some(slug) => {
                    let sent = announcements::list_in_pavilion(conn, &caller, slug, cursor, DEFAULT_PAGE_SIZE)?;
                    let pavilion = pavilions::get(conn, Some(&caller), slug)?;
                    (sent, Vec::new(), Some(Shown::of(&pavilion.name, lang)))
                }
            };
            let (me, _) = accounts::me(conn, &caller)?;
            Ok(Loaded { sent, choices, pavilion, me: me.name })
        })
        .await
}

async fn render(
    state: &AppState,
    lang: PageLang,
    signed_in: &SignedIn,
    sender: Sender,
    view: View,
) -> Result<HttpResponse, PageError> {
    let (caller, browser) = (signed_in.person.clone(), &signed_in.browser);
    let rest = sender.rest();
    let loaded = load(state, lang, caller, &sender, view.cursor.clone()).await;
    let loaded = match loaded {
        // A cursor from elsewhere: the first page.
        Err(CoreError::Validation(_)) if view.cursor.is_some() => {
            let View { notice, alert, typed, errors, .. } = view;
            let first = View { notice, alert, typed, errors, cursor: None };
            return Box::pin(render(state, lang, signed_in, sender, first)).await;
        }
        read => read.map_err(|error| PageError::from(error).hiding_forbidden())?,
    };
    let t = lang.text();
    let View { notice, alert, typed, errors, .. } = view;
    let base = format!("/{}{rest}", lang.path());
    let texts = vec![
        LocalizedInput::new(&t, "subject", t.get("announcements-subject"), false, &typed.values),
        LocalizedInput::new(&t, "body", t.get("announcements-body"), true, &typed.values),
    ]
    .into_iter()
    // Each language is written by hand (a "fill from the other script" button would post this
    // form), and a language left empty is no gap.
    .map(|input| input.annotate(&errors, &Values::new(), None, false).written_by_hand().unmarked())
    .collect();
    let audience = audience_checks(&t, &typed);
    let pavilions = pavilion_checks(&typed, loaded.choices);
    let sent = sent_rows(&t, lang, loaded.sent.items);
    let (heading, heading_lang, tabs, intro) = match (&sender, &loaded.pavilion) {
        (Sender::Pavilion(slug), Some(name)) => (
            t.with("announcements-pavilion-title", &[("pavilion", &name.text)]),
            name.lang,
            Some(pavilion_tabs(&t, lang, slug, PavilionTab::Announcements)),
            t.get("announcements-pavilion-intro"),
        ),
        _ => (t.get("announcements-title"), None, None, t.get("announcements-intro")),
    };
    let mut page = PageMeta::private(state, lang, &rest, heading.clone());
    page.account = browser::account_bar(state, browser, lang, &loaded.me);
    let status = if alert.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let template = AnnouncementsPage {
        heading,
        heading_lang,
        pavilion_tabs: tabs,
        intro,
        notice,
        alert,
        action: base.clone(),
        form_token: browser.form_token(state),
        texts,
        audience,
        audience_error: errors.within("audience").cloned(),
        every_pavilion: matches!(sender, Sender::Market).then_some(typed.every_pavilion),
        pavilions,
        pavilions_error: errors.within("pavilions").cloned(),
        sent,
        older: loaded.sent.next_cursor.map(|cursor| format!("{base}?cursor={cursor}")),
        page,
        t,
    };
    Ok(private_page(state, browser, status, &template, Referrer::SameOrigin)?)
}

/// The audience's checkboxes: the pavilions' exhibitors, their admins.
fn audience_checks(t: &Text, typed: &Typed) -> Vec<Check> {
    [Role::Exhibitor, Role::PavilionAdmin]
        .into_iter()
        .map(|role| Check {
            name: format!("audience.{}", role.as_str()),
            label: t.get(&format!("announcements-audience-{}", role.as_str())),
            lang: None,
            checked: typed.audience.iter().any(|chosen| chosen == role.as_str()),
        })
        .collect()
}

/// The organiser's choice of pavilions, one checkbox each.
fn pavilion_checks(typed: &Typed, choices: Vec<(String, Shown)>) -> Vec<Check> {
    choices
        .into_iter()
        .map(|(slug, name)| Check {
            checked: typed.pavilions.contains(&slug),
            name: format!("pavilion.{slug}"),
            label: name.text,
            lang: name.lang,
        })
        .collect()
}

/// The announcements sent: when, what, from whom, to whom, and how their messages fare.
fn sent_rows(t: &Text, lang: PageLang, items: Vec<Announcement>) -> Vec<SentRow> {
    items
        .into_iter()
        .map(|announcement| {
            let stored = &announcement.stored;
            SentRow {
                when: crate::pages::organiser::market::When::of(stored.created_at),
                subject: Shown::of(&stored.subject, lang),
                from: match (&announcement.from, &announcement.author) {
                    (Some(slug), Some(author)) => format!("{author} ({slug})"),
                    (None, Some(author)) => t.with("announcements-from-organiser", &[("name", author)]),
                    (Some(slug), None) => slug.clone(),
                    (None, None) => t.get("announcements-from-market"),
                },
                audience: stored
                    .audience
                    .iter()
                    .map(|role| t.get(&format!("announcements-to-{}", role.as_str())))
                    .collect::<Vec<_>>()
                    .join(", "),
                reached: t.with(
                    "announcements-reached",
                    &[("people", &stored.recipients.to_string()), ("pavilions", &stored.pavilions.join(", "))],
                ),
                queued: announcement.delivery.queued,
                sent: announcement.delivery.sent,
                failed: announcement.delivery.failed,
            }
        })
        .collect()
}
