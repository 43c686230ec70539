//! What the pages of one company's workspace share (`/{lang}/workspace/pavilions/{slug}/companies/{id}/…`):
//! loading the company for the person signed in, who must be one of its editors (its own
//! accounts, its pavilion's admins, the organiser), the tabs between its pages, and the words for
//! where it stands.
//!
//! As in the API: another pavilion's company is not found; a company of one's own pavilion that
//! is not one's own is forbidden when it is published (it exists for everyone) and not found
//! otherwise.

pub mod editor;
pub mod home;
pub mod logo;
pub mod preview;
pub mod profile;
pub mod work;
pub mod works;

use crate::pages::kernel::browser::Browser;
use crate::pages::kernel::{CompanyTab, Href, PageError, PageLang, Shown, SignedIn, i18n::Text};
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest};
use chrono::{DateTime, Utc};
use pavilion_core::domain::{ExhibitorId, ExhibitorProfile, ExhibitorStatus, Pavilion, Role, User, Work};
use pavilion_core::policy::Principal;
use pavilion_core::services::exhibitors::CompanyDraft;
pub use pavilion_core::services::workspace::Reads;
use pavilion_core::services::workspace::{self, EditorView};
use std::future::Future;
use std::pin::Pin;

/// The address of a company's workspace after the language: `/workspace/pavilions/{slug}/companies/{id}`.
pub fn company_rest(slug: &str, id: &str) -> String {
    format!("/workspace/pavilions/{slug}/companies/{id}")
}

/// One company, as its editor signed in sees it.
pub struct CompanyWorkspace {
    /// The person signed in.
    pub me: User,
    pub pavilion: Pavilion,
    pub draft: CompanyDraft,
    /// Its working catalogue, when the page asked for it.
    pub works: Vec<Work>,
    /// The last approved copy and its number of works, when the page asked for it.
    pub published: Option<(ExhibitorProfile, usize)>,
}

impl CompanyWorkspace {
    /// Whether the person signed in works for the pavilion (its admin, the organiser) rather
    /// than for the company.
    pub fn for_pavilion(&self) -> bool {
        self.me.role != Role::Exhibitor
    }

    /// For the company's own people past the deadline: edits are closed, and who reopens them.
    pub fn locked_notice(&self, t: &Text, lang: PageLang) -> Option<String> {
        (self.draft.edits_locked && !self.for_pavilion())
            .then(|| format!("{} {}", t.get("company-locked"), who_unlocks(t, &self.pavilion, lang)))
    }

    pub fn name(&self, lang: PageLang) -> Shown {
        Shown::of(&self.draft.exhibitor.profile.name, lang)
    }
}

/// The company a workspace page addresses, and who asks: the route's `{lang}`, `{slug}` and
/// `{id}`, and the person signed in (a signed-out browser is sent to sign in at the company's
/// pavilion, then back; often it followed the link in an email).
pub struct CompanyAddress {
    pub lang: PageLang,
    pub slug: String,
    pub id: String,
    pub person: Principal,
    pub browser: Browser,
}

impl FromRequest for CompanyAddress {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, PageError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let lang = PageLang::from_request(req, payload).into_inner();
        let signed_in = SignedIn::from_request(req, payload);
        let segment = |name: &str| req.match_info().get(name).unwrap_or_default().to_owned();
        let (slug, id) = (segment("slug"), segment("id"));
        Box::pin(async move {
            let lang = lang?;
            let SignedIn { person, browser } = signed_in.await?;
            Ok(CompanyAddress { lang, slug, id, person, browser })
        })
    }
}

impl CompanyAddress {
    /// The company, with what else the page `reads`. Another pavilion's company (and one not
    /// published) is not found; a published company of one's own pavilion that is not one's
    /// own is "not yours" (403), as in the API.
    pub async fn load(&self, state: &AppState, reads: Reads) -> Result<CompanyWorkspace, PageError> {
        let id = ExhibitorId::parse(&self.id).map_err(|_| PageError::NotFound)?;
        let (caller, slug) = (self.person.clone(), self.slug.clone());
        let view = state
            .run(move |conn, state| workspace::editor_view(conn, &caller, state.now(), &slug, &id, reads))
            .await
            .map_err(|error| PageError::from(error).hiding_forbidden())?;
        let EditorView { me, pavilion, draft, works, published } = view.ok_or_else(not_yours)?;
        Ok(CompanyWorkspace { me, pavilion, draft, works, published })
    }

    /// A page of this company's workspace.
    pub fn href(&self, tab: CompanyTab) -> String {
        Href::company(self.lang, &self.slug, &self.id, tab)
    }

    /// A page of this company's workspace, after the language (as `PageMeta` takes it).
    pub fn rest(&self, tab: CompanyTab) -> String {
        format!("{}{}", company_rest(&self.slug, &self.id), tab.path())
    }

    /// The row of tabs, `current` being the page shown.
    pub fn tabs(&self, current: CompanyTab) -> Vec<crate::pages::kernel::Tab> {
        crate::pages::kernel::company_tabs(&self.lang.text(), self.lang, &self.slug, &self.id, current)
    }
}

/// Which work of the company a page is about, read from its address: `…/works/{work_id}`, or
/// none for `…/works/new`.
pub struct WorkAddress(pub Option<String>);

impl FromRequest for WorkAddress {
    type Error = PageError;
    type Future = std::future::Ready<Result<Self, PageError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(WorkAddress(req.match_info().get("work_id").map(str::to_owned))))
    }
}

/// 403: a company of one's own pavilion that this account may read in public but not edit.
pub fn not_yours() -> PageError {
    PageError::Message {
        status: StatusCode::FORBIDDEN,
        title: "company-not-yours-title",
        text: "company-not-yours-text",
    }
}

/// The way back from a company's pages: its pavilion's companies for those who review them, the
/// workspace for the company's own people. As (address, words).
pub fn back(t: &Text, lang: PageLang, slug: &str, for_pavilion: bool) -> (String, String) {
    if for_pavilion {
        (format!("/{}/workspace/pavilions/{slug}/companies", lang.path()), t.get("company-back-to-companies"))
    } else {
        (format!("/{}/workspace", lang.path()), t.get("accounts-back"))
    }
}

/// Where the company stands in review, in words.
pub fn status_name(t: &Text, status: ExhibitorStatus) -> String {
    t.get(&format!("status-{}", status.as_str()))
}

/// The deadline of the pavilion's profiles as the company's pages say it: when, and what it
/// means for this company now.
pub fn deadline(t: &Text, pavilion: &Pavilion, draft: &CompanyDraft, now: DateTime<Utc>) -> Option<String> {
    let at = pavilion.profile_deadline?;
    // On the pavilion's clocks, the zone named.
    let date = format!("{} ({})", pavilion.time_zone.local(at), pavilion.time_zone.name());
    let text = if draft.edits_locked {
        t.with("deadline-passed", &[("date", &date)])
    } else if now >= at {
        t.with("deadline-unlocked", &[("date", &date)])
    } else {
        let left = at - now;
        let left = if left.num_days() >= 1 {
            t.count("time-days", "count", left.num_days())
        } else if left.num_hours() >= 1 {
            t.count("time-hours", "count", left.num_hours())
        } else {
            t.count("time-minutes", "count", left.num_minutes().max(1))
        };
        t.with("deadline-ahead", &[("date", &date), ("left", &left)])
    };
    Some(text)
}

/// Who can let a locked company edit again: its pavilion's admins, reachable at the pavilion's
/// contact address when it has one.
pub fn who_unlocks(t: &Text, pavilion: &Pavilion, lang: PageLang) -> String {
    let name = Shown::of(&pavilion.name, lang).text;
    match &pavilion.contact_email {
        Some(email) => t.with("locked-ask-at", &[("pavilion", &name), ("email", email.as_str())]),
        None => t.with("locked-ask", &[("pavilion", &name)]),
    }
}
