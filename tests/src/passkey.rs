//! A software authenticator for the API tests: it answers passkey ceremonies as a browser with a
//! security key would (webauthn-authenticator-rs's `SoftPasskey`), for the site at one origin.
//! The browser tests use Chromium's own virtual authenticator instead.

use serde_json::{Value, json};
use webauthn_authenticator_rs::WebauthnAuthenticator;
use webauthn_authenticator_rs::prelude::{CreationChallengeResponse, RequestChallengeResponse, Url};
use webauthn_authenticator_rs::softpasskey::SoftPasskey;

pub struct SoftAuthenticator {
    inner: WebauthnAuthenticator<SoftPasskey>,
    origin: Url,
    /// The passkeys made, as (credential id, the account's user handle), both base64url.
    made: Vec<(String, String)>,
}

impl SoftAuthenticator {
    /// An authenticator in a browser showing pages of `origin` (the site's public URL).
    pub fn new(origin: &str) -> Self {
        // `true`: it claims to have verified its user (PIN or fingerprint), as passkeys must.
        let inner = WebauthnAuthenticator::new(SoftPasskey::new(true));
        Self { inner, origin: Url::parse(origin).expect("an origin"), made: Vec::new() }
    }

    /// Answers `navigator.credentials.create(options)`: a new passkey, as the JSON the server
    /// expects back.
    pub fn create(&mut self, options: &Value) -> Value {
        let user_handle = options["publicKey"]["user"]["id"].as_str().expect("a user handle").to_owned();
        let options: CreationChallengeResponse = serde_json::from_value(options.clone()).expect("creation options");
        let credential = self.inner.do_registration(self.origin.clone(), options).expect("the passkey is made");
        let credential = serde_json::to_value(credential).expect("JSON");
        self.made.push((credential["id"].as_str().expect("a credential id").to_owned(), user_handle));
        credential
    }

    /// Answers `navigator.credentials.get(options)` with one of the passkeys the options allow.
    pub fn get(&mut self, options: &Value) -> Value {
        let options: RequestChallengeResponse = serde_json::from_value(options.clone()).expect("request options");
        let credential = self.inner.do_authentication(self.origin.clone(), options).expect("the passkey answers");
        serde_json::to_value(credential).expect("JSON")
    }

    /// Answers options that allow any passkey (signing in without an email) with the last one
    /// made, naming its account as a discoverable passkey does. `SoftPasskey` keeps no accounts,
    /// so the passkey is named in the options and the account added to the answer (the user
    /// handle is not signed; the server must not trust it alone).
    pub fn get_discoverable(&mut self, options: &Value) -> Value {
        let (credential_id, user_handle) = self.made.last().cloned().expect("a passkey made first");
        self.get_as(options, &credential_id, &user_handle)
    }

    /// As [`Self::get_discoverable`], naming this account (user handle) in the answer.
    pub fn get_as(&mut self, options: &Value, credential_id: &str, user_handle: &str) -> Value {
        let mut options = options.clone();
        options["publicKey"]["allowCredentials"] = json!([{"type": "public-key", "id": credential_id}]);
        let mut answer = self.get(&options);
        answer["response"]["userHandle"] = json!(user_handle);
        answer
    }

    /// The (credential id, user handle) of the passkeys made, oldest first.
    pub fn made(&self) -> &[(String, String)] {
        &self.made
    }
}
