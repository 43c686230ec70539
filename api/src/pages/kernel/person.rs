//! The person signed in, as an argument: a handler that takes [`SignedIn`] cannot run for a
//! signed-out browser, which is sent to sign in (and back) instead; an account that still owes
//! its second factor is sent to add it (see `Browser`). Pages that serve both take `Browser`,
//! whose `signed_in` may be empty.

use crate::pages::kernel::browser::Browser;
use crate::pages::kernel::errors::PageError;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use pavilion_core::policy::Principal;
use std::future::Future;
use std::pin::Pin;

/// Who is signed in, and their browser (for the page's form tokens and cookies).
pub struct SignedIn {
    pub person: Principal,
    pub browser: Browser,
}

impl FromRequest for SignedIn {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, PageError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let browser = Browser::from_request(req, payload);
        // A form posted without a session cannot have come from a signed-in page of this site
        // (its token is the session's): refused as such, whatever else the request holds, so the
        // answer does not depend on which of a handler's arguments is read first.
        let refusal = if req.method().is_safe() { PageError::SignIn } else { PageError::FormRefused };
        Box::pin(async move {
            let browser = browser.await?;
            let person = browser.signed_in.clone().ok_or(refusal)?;
            Ok(SignedIn { person, browser })
        })
    }
}
