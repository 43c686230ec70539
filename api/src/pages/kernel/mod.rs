//! What every page stands on, each concern a short file: the language of the address (`lang`),
//! what the layouts show around a page (`layout`), typed addresses (`href`), the browser's
//! session and form tokens (`browser`), the person signed in (`person`), a posted form
//! (`posted`), how a page is sent (`respond`), and the answers a page gives instead of itself
//! (`errors`). Beside them: form inputs (`forms`), the interface text (`i18n`), charts, uploads
//! from forms and the static files. The areas of `crate::pages` build on it; it builds on none
//! of them.

pub mod assets;
pub mod browser;
pub mod charts;
pub mod errors;
pub mod forms;
pub mod href;
pub mod i18n;
pub mod lang;
pub mod layout;
pub mod person;
pub mod posted;
pub mod respond;
pub mod upload_form;

pub use browser::Browser;
pub use errors::{PageError, is_page_address, is_page_request, not_found, server_error, unknown_address};
pub use href::{CompanyTab, Href, PavilionTab};
pub use lang::PageLang;
pub use layout::{
    AccountBar, Alternate, DEFAULT_COLOUR, PageMeta, Shown, Switch, Tab, base_url, company_tabs, json_ld,
    pavilion_tabs, swatch,
};
pub use person::SignedIn;
pub use posted::Posted;
pub use respond::{
    CONTENT_SECURITY_POLICY, Done, MessagePage, Referrer, private_page, public_page, retry_after, see_other,
};
