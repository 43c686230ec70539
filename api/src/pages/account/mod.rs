//! The signed-in person's own pages: the workspace they land on, and their account (name,
//! language, password, two-step sign-in, passkeys, sessions).

pub mod authenticator;
pub mod home;
pub mod passkeys;
pub mod password;
pub mod session;
pub mod workspace;

use crate::pages::kernel::{Href, PageLang, see_other};
use actix_web::HttpResponse;

/// Back to the account page after one of its forms, with a notice (`?done=`) when there is one,
/// at `section` of the page (`#passkeys`) when given.
fn back_to_account(lang: PageLang, done: Option<&str>, section: &str) -> HttpResponse {
    let query = done.map(|done| format!("?done={done}")).unwrap_or_default();
    see_other(&format!("{}{query}{section}", Href::account(lang))).finish()
}
