//! Passkeys an account manages for itself (added, named, removed), and signing in with one
//! instead of a password and code. A passkey as a sign-in's second step is `services::sign_in`.
//!
//! Every ceremony is started here and finished here: the options go to the browser as JSON, the
//! state that checks its answer stays in the database (single use, short-lived), whichever
//! replica the answer reaches.

use super::accounts::{SessionOpener, SignInAt, sign_in_place, start_session};
use super::audit::Action;
use super::context::Context;
pub use super::second_factors::PasskeySummary;
use super::second_factors::{Method, forget_recovery_codes_if_alone, new_recovery_codes, tell_owner};
use crate::auth::passkeys::RelyingParty;
use crate::auth::second_factor::SecondFactorKeys;
use crate::auth::{hash_link_token, link_token};
use crate::db::passkeys::{NewCeremony, NewPasskey, Purpose, StoredPasskey};
use crate::db::{self, DbConnection};
use crate::domain::{User, UserId};
use crate::error::CoreError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use webauthn_rs::prelude::{
    DiscoverableAuthentication, DiscoverableKey, Passkey, PasskeyAuthentication, PasskeyRegistration,
    PublicKeyCredential, RegisterPublicKeyCredential, Uuid,
};

/// How long a browser may take to answer: the person finds their phone or key.
const CEREMONY_TTL_MINUTES: i64 = 5;
const NAME_MAX: usize = 60;

/// A ceremony under way: the token the client sends back, and the options for
/// `navigator.credentials.create` or `.get` (webauthn-rs's JSON, `{publicKey: …}`).
pub struct Ceremony {
    pub token: String,
    pub options: serde_json::Value,
}

/// What a registration ceremony keeps: webauthn-rs's state, and the id the account's
/// authenticators know it by.
#[derive(serde::Serialize, serde::Deserialize)]
struct Registration {
    user_handle: Uuid,
    state: PasskeyRegistration,
}

fn internal(error: impl std::fmt::Display) -> CoreError {
    CoreError::Internal(anyhow::anyhow!("passkey: {error}"))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, CoreError> {
    serde_json::to_string(value).map_err(internal)
}

fn expires(now: DateTime<Utc>) -> DateTime<Utc> {
    now + chrono::Duration::minutes(CEREMONY_TTL_MINUTES)
}

/// Starts adding a passkey to the caller's account. Its authenticators may not make a second
/// passkey for the account (they are told which they already hold).
pub fn start_registration(ctx: &Context<'_>, party: &RelyingParty) -> Result<Ceremony, CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    let webauthn = party.webauthn()?;
    ctx.transaction(|conn| {
        let user = db::users::find_by_id(conn, &caller.user_id)?.ok_or(CoreError::Unauthenticated)?;
        let existing = db::passkeys::for_user(conn, &user.id)?;
        let user_handle = match existing.first() {
            Some(passkey) => Uuid::parse_str(&passkey.user_handle).map_err(internal)?,
            None => Uuid::new_v4(),
        };
        let exclude = existing
            .iter()
            .map(|row| serde_json::from_str::<Passkey>(&row.credential).map(|passkey| passkey.cred_id().clone()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(internal)?;
        let (options, state) = webauthn
            .start_passkey_registration(user_handle, user.email.as_str(), &user.name, Some(exclude))
            .map_err(internal)?;
        let mut options = serde_json::to_value(&options).map_err(internal)?;
        // Ask for a passkey the browser can offer without an email typed first (signing in with
        // it alone); authenticators that cannot still make one for the second step.
        if let Some(selection) =
            options.pointer_mut("/publicKey/authenticatorSelection").and_then(|v| v.as_object_mut())
        {
            selection.insert("residentKey".into(), "preferred".into());
        }
        let (token, hash) = link_token();
        let state = to_json(&Registration { user_handle, state })?;
        let ceremony = NewCeremony {
            token_hash: &hash,
            purpose: Purpose::Register,
            user: Some(&user.id),
            sign_in_at: None,
            state: &state,
        };
        db::passkeys::insert_ceremony(conn, ceremony, now, expires(now))?;
        Ok(Ceremony { token, options })
    })
}

fn clean_passkey_name(name: &str) -> Result<String, CoreError> {
    let name = crate::domain::clean_line("name", name, NAME_MAX)?;
    if name.is_empty() {
        return Err(CoreError::invalid("name", "required", "give the passkey a name you will recognise"));
    }
    Ok(name)
}

fn refused_credential() -> CoreError {
    CoreError::invalid("credential", "passkey_refused", "the passkey could not be checked; try again")
}

fn ceremony_expired() -> CoreError {
    CoreError::Gone { code: "ceremony_expired", message: "this passkey request has expired; start again".into() }
}

/// A passkey just added, and the recovery codes that came with it: when the account had none
/// left (its first second factor, say), ten new ones, shown this once.
pub struct PasskeyAdded {
    pub passkey: PasskeySummary,
    pub recovery_codes: Option<Vec<String>>,
}

/// Finishes adding a passkey with the browser's answer (`credential`, the JSON of a
/// `PublicKeyCredential` made by `navigator.credentials.create`) and the name its owner gave it.
pub fn finish_registration(
    ctx: &Context<'_>,
    party: &RelyingParty,
    keys: &SecondFactorKeys,
    ceremony: &str,
    name: &str,
    credential: &str,
) -> Result<PasskeyAdded, CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    let webauthn = party.webauthn()?;
    let name = clean_passkey_name(name)?;
    let answer: RegisterPublicKeyCredential = serde_json::from_str(credential).map_err(|_| refused_credential())?;
    ctx.transaction_with_mail(|conn| {
        let stored = db::passkeys::take_ceremony(conn, &hash_link_token(ceremony), Purpose::Register, now)?
            .filter(|stored| stored.user_id.as_deref() == Some(caller.user_id.as_str()))
            .ok_or_else(ceremony_expired)?;
        let Registration { user_handle, state } = serde_json::from_str(&stored.state).map_err(internal)?;
        let passkey = webauthn.finish_passkey_registration(&answer, &state).map_err(|_| refused_credential())?;
        let credential_id = URL_SAFE_NO_PAD.encode(passkey.cred_id().as_slice());
        if db::passkeys::find_by_credential_id(conn, &credential_id)?.is_some() {
            return Err(CoreError::Conflict("this passkey is already added".into()));
        }
        let id = uuid::Uuid::now_v7().to_string();
        let row = NewPasskey {
            id: &id,
            user: &caller.user_id,
            name: &name,
            credential_id: &credential_id,
            user_handle: &user_handle.to_string(),
            credential: &to_json(&passkey)?,
        };
        db::passkeys::insert(conn, row, now)?;
        let recovery_codes = if db::second_factors::recovery_codes_left(conn, &caller.user_id)? == 0 {
            Some(new_recovery_codes(conn, keys, &caller.user_id, now)?)
        } else {
            None
        };
        ctx.audit(conn, Action::SecondFactorAdded, caller.pavilion_id.as_ref(), Some(Method::Passkey.as_str()))?;
        tell_owner(ctx, conn, &caller.user_id, Method::Passkey, true)?;
        let passkey = PasskeySummary { id, name, created_at: now, last_used_at: None };
        Ok(PasskeyAdded { passkey, recovery_codes })
    })
}

/// A passkey's id as the caller gave it; anything that is not one of ours names nothing.
fn passkey_id(id: &str) -> Result<String, CoreError> {
    uuid::Uuid::parse_str(id).map(|id| id.to_string()).map_err(|_| CoreError::NotFound("passkey"))
}

/// Renames one of the caller's passkeys.
pub fn rename(ctx: &Context<'_>, id: &str, name: &str) -> Result<(), CoreError> {
    let caller = ctx.caller()?;
    let id = &passkey_id(id)?;
    let name = clean_passkey_name(name)?;
    ctx.transaction(|conn| {
        if !db::passkeys::rename(conn, &caller.user_id, id, &name)? {
            return Err(CoreError::NotFound("passkey"));
        }
        Ok(())
    })
}

/// Removes one of the caller's passkeys; its owner is emailed.
pub fn remove(ctx: &Context<'_>, id: &str) -> Result<(), CoreError> {
    let caller = ctx.caller()?;
    let id = &passkey_id(id)?;
    ctx.transaction_with_mail(|conn| {
        if !db::passkeys::remove(conn, &caller.user_id, id)? {
            return Err(CoreError::NotFound("passkey"));
        }
        forget_recovery_codes_if_alone(conn, &caller.user_id)?;
        ctx.audit(conn, Action::SecondFactorRemoved, caller.pavilion_id.as_ref(), Some(Method::Passkey.as_str()))?;
        tell_owner(ctx, conn, &caller.user_id, Method::Passkey, false)
    })
}

/// Options for a sign-in's second step with one of the account's passkeys: `None` when it has
/// none (or passkeys are not available here). The state is returned to keep with the challenge.
pub(crate) fn start_second_step(
    conn: &mut DbConnection,
    party: &RelyingParty,
    user: &UserId,
) -> Result<Option<(serde_json::Value, String)>, CoreError> {
    let Ok(webauthn) = party.webauthn() else { return Ok(None) };
    let passkeys = db::passkeys::for_user(conn, user)?
        .iter()
        .map(|row| serde_json::from_str::<Passkey>(&row.credential))
        .collect::<Result<Vec<_>, _>>()
        .map_err(internal)?;
    if passkeys.is_empty() {
        return Ok(None);
    }
    let (options, state) = webauthn.start_passkey_authentication(&passkeys).map_err(internal)?;
    Ok(Some((serde_json::to_value(&options).map_err(internal)?, to_json(&state)?)))
}

/// Checks a sign-in's second step answered with a passkey: the browser's answer to the
/// challenge's own options, from one of the account's passkeys. Records its use.
pub(crate) fn accept_second_step(
    conn: &mut DbConnection,
    party: &RelyingParty,
    user: &User,
    state: &str,
    credential: &str,
    now: DateTime<Utc>,
) -> Result<bool, CoreError> {
    let webauthn = party.webauthn()?;
    let Ok(answer) = serde_json::from_str::<PublicKeyCredential>(credential) else { return Ok(false) };
    let state: PasskeyAuthentication = serde_json::from_str(state).map_err(internal)?;
    let Some(row) = owned_passkey(conn, &answer, &user.id)? else { return Ok(false) };
    let Ok(result) = webauthn.finish_passkey_authentication(&answer, &state) else { return Ok(false) };
    let mut passkey: Passkey = serde_json::from_str(&row.credential).map_err(internal)?;
    passkey.update_credential(&result);
    db::passkeys::record_use(conn, &row.id, &to_json(&passkey)?, now)?;
    Ok(true)
}

/// The stored passkey an answer comes from, if it is `user`'s.
fn owned_passkey(
    conn: &mut DbConnection,
    answer: &PublicKeyCredential,
    user: &UserId,
) -> Result<Option<StoredPasskey>, CoreError> {
    let credential_id = URL_SAFE_NO_PAD.encode(answer.get_credential_id());
    Ok(db::passkeys::find_by_credential_id(conn, &credential_id)?.filter(|row| row.user_id == user.as_str()))
}

/// Starts signing in with a passkey alone, where `at` says: the browser offers the passkeys it
/// holds for this site, and the answer names the account.
pub fn start_sign_in(
    conn: &mut DbConnection,
    party: &RelyingParty,
    now: DateTime<Utc>,
    at: &SignInAt,
) -> Result<Ceremony, CoreError> {
    let webauthn = party.webauthn()?;
    if let Some(slug) = at.slug() {
        crate::domain::Slug::parse(slug).map_err(|_| CoreError::NotFound("pavilion"))?;
    }
    let (mut options, state) = webauthn.start_discoverable_authentication().map_err(internal)?;
    // webauthn-rs asks for conditional mediation (autofill); ours is a button, so the browser's
    // own passkey dialog is what the person expects.
    options.mediation = None;
    let (token, hash) = link_token();
    let state = to_json(&state)?;
    let place = at.slug().unwrap_or_default();
    let ceremony =
        NewCeremony { token_hash: &hash, purpose: Purpose::SignIn, user: None, sign_in_at: Some(place), state: &state };
    db::passkeys::insert_ceremony(conn, ceremony, now, expires(now))?;
    Ok(Ceremony { token, options: serde_json::to_value(&options).map_err(internal)? })
}

/// Finishes signing in with a passkey alone: the passkey is checked (with the person verified by
/// the authenticator, a PIN or a fingerprint: two factors in one), and its account must sign in
/// where the ceremony began. Every failure is the same `Unauthenticated`; the ceremony is used up
/// either way.
pub fn finish_sign_in<O: SessionOpener>(
    ctx: &Context<'_>,
    opener: &O,
    ceremony: &str,
    credential: &str,
) -> Result<O::Credential, CoreError> {
    let now = ctx.now();
    let party = &opener.authenticator().passkeys;
    let webauthn = party.webauthn()?;
    let stored = ctx
        .transaction(|conn| db::passkeys::take_ceremony(conn, &hash_link_token(ceremony), Purpose::SignIn, now))?
        .ok_or_else(ceremony_expired)?;
    let answer: PublicKeyCredential = serde_json::from_str(credential).map_err(|_| CoreError::Unauthenticated)?;
    let state: DiscoverableAuthentication = serde_json::from_str(&stored.state).map_err(internal)?;
    let (user_handle, credential_id) =
        webauthn.identify_discoverable_authentication(&answer).map_err(|_| CoreError::Unauthenticated)?;
    let credential_id = URL_SAFE_NO_PAD.encode(credential_id);
    ctx.transaction(|conn| {
        let row = db::passkeys::find_by_credential_id(conn, &credential_id)?
            .filter(|row| row.user_handle == user_handle.to_string())
            .ok_or(CoreError::Unauthenticated)?;
        let user = db::users::find_by_id(conn, &UserId::from_trusted(row.user_id.clone()))?
            .filter(|user| !user.disabled)
            .ok_or(CoreError::Unauthenticated)?;
        if !signs_in_at(conn, &user, stored.sign_in_at.as_deref().unwrap_or_default())? {
            return Err(CoreError::Unauthenticated);
        }
        let mut passkey: Passkey = serde_json::from_str(&row.credential).map_err(internal)?;
        let result = webauthn
            .finish_discoverable_authentication(&answer, state.clone(), &[DiscoverableKey::from(&passkey)])
            .map_err(|_| CoreError::Unauthenticated)?;
        passkey.update_credential(&result);
        db::passkeys::record_use(conn, &row.id, &to_json(&passkey)?, now)?;
        let session = start_session(conn, opener, now, &user, ctx.client().clone())?;
        ctx.audit_by(
            conn,
            Some(&user.id),
            Action::LoginSucceeded,
            user.pavilion_id.as_ref(),
            Some(user.email.as_str()),
        )?;
        Ok(session)
    })
}

/// Whether the account signs in on the page `place` names (a pavilion's slug, empty for the
/// organisers, `@buyers` for the buyers: no slug starts with `@`), and may sign in there now (its
/// pavilion is open for sign-in).
fn signs_in_at(conn: &mut DbConnection, user: &User, place: &str) -> Result<bool, CoreError> {
    Ok(match sign_in_place(conn, user)? {
        SignInAt::Organisers => place.is_empty(),
        SignInAt::Buyers => place == "@buyers",
        SignInAt::Pavilion(slug) => slug == place && super::pavilions::sign_in_scope(conn, &slug)?.is_some(),
    })
}
