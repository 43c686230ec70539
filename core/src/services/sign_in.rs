//! The last steps of signing in, once the password checked out: the session, or for an account
//! with a second factor a short-lived challenge, finished with a code or a recovery code. One
//! road for the JSON logins and the sign-in and reset pages.

use super::accounts::{SessionOpener, start_session};
use super::audit::Action;
use super::context::{ClientInfo, Context};
use super::second_factors::{Method, methods};
use crate::auth::second_factor::SecondFactorKeys;
use crate::auth::{hash_link_token, link_token};
use crate::db::{self, DbConnection};
use crate::domain::{User, UserId};
use crate::error::CoreError;
use chrono::{DateTime, Utc};

/// How long a challenge may wait for its code: long enough to find the phone.
const CHALLENGE_TTL_MINUTES: i64 = 5;

/// Where a sign-in stands once the password checked out.
pub enum SignInStep<C> {
    /// Signed in: the session's credential.
    Done(C),
    /// The account has a second factor: the sign-in finishes with it and this challenge.
    SecondFactor(Challenge),
}

/// What a client needs to finish a sign-in: the challenge to send back, and the ways it may.
pub struct Challenge {
    pub token: String,
    pub offer: Offer,
    pub expires_in: i64,
}

/// What a challenge offers: the ways to finish, and for an account with passkeys the options for
/// `navigator.credentials.get`.
pub struct Offer {
    pub methods: Vec<Method>,
    pub passkey: Option<serde_json::Value>,
}

/// The second factor for a challenge: what was typed.
pub enum Proof {
    Code(String),
    RecoveryCode(String),
    /// The browser's answer to the challenge's passkey options (a `PublicKeyCredential` as JSON).
    Passkey(String),
}

impl Proof {
    fn method(&self) -> Method {
        match self {
            Self::Code(_) => Method::Totp,
            Self::RecoveryCode(_) => Method::RecoveryCode,
            Self::Passkey(_) => Method::Passkey,
        }
    }
}

/// The next step of a login once the password checked out: the session, logged as the account's
/// own act; or, for an account with a second factor, the challenge it must answer first
/// ([`finish_sign_in`]).
pub fn complete_login<O: SessionOpener>(
    ctx: &Context<'_>,
    opener: &O,
    user: &User,
) -> Result<SignInStep<O::Credential>, CoreError> {
    ctx.transaction(|conn| {
        let step = session_or_challenge(conn, opener, ctx.now(), user, ctx.client().clone())?;
        if let SignInStep::Done(_) = step {
            let target = Some(user.email.as_str());
            ctx.audit_by(conn, Some(&user.id), Action::LoginSucceeded, user.pavilion_id.as_ref(), target)?;
        }
        Ok(step)
    })
}

/// Opens the session of a user who proved their password, or, when the account has a second
/// factor, a challenge instead (no session yet).
fn session_or_challenge<O: SessionOpener>(
    conn: &mut DbConnection,
    opener: &O,
    now: DateTime<Utc>,
    user: &User,
    client: ClientInfo,
) -> Result<SignInStep<O::Credential>, CoreError> {
    let methods = methods(conn, &user.id)?;
    if methods.is_empty() {
        return Ok(SignInStep::Done(start_session(conn, opener, now, user, client)?));
    }
    let (token, hash) = link_token();
    let ttl = chrono::Duration::minutes(CHALLENGE_TTL_MINUTES);
    db::second_factors::insert_challenge(conn, &hash, &user.id, now, now + ttl)?;
    let mut passkey = None;
    if methods.contains(&Method::Passkey)
        && let Some((options, state)) =
            super::passkeys::start_second_step(conn, &opener.authenticator().passkeys, &user.id)?
    {
        db::passkeys::attach_to_challenge(conn, &hash, &options.to_string(), &state)?;
        passkey = Some(options);
    }
    let offer = Offer { methods, passkey };
    Ok(SignInStep::SecondFactor(Challenge { token, offer, expires_in: ttl.num_seconds() }))
}

fn challenge_expired() -> CoreError {
    CoreError::Gone { code: "challenge_expired", message: "this sign-in has expired; sign in again".into() }
}

/// The account a live challenge is for (to count attempts against it before checking a code).
pub fn challenged_account(conn: &mut DbConnection, now: DateTime<Utc>, challenge: &str) -> Result<UserId, CoreError> {
    db::second_factors::challenge_user(conn, &hash_link_token(challenge), now)?.ok_or_else(challenge_expired)
}

/// What a live challenge offers, for its page shown again: the account's ways to finish, and the
/// passkey options if it has them. `None` once the challenge is used or ran out.
pub fn challenge_view(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    challenge: &str,
) -> Result<Option<Offer>, CoreError> {
    let hash = hash_link_token(challenge);
    let Some(user) = db::second_factors::challenge_user(conn, &hash, now)? else { return Ok(None) };
    let options =
        db::passkeys::challenge_passkey(conn, &hash, now)?.and_then(|(options, _)| serde_json::from_str(&options).ok());
    Ok(Some(Offer { methods: methods(conn, &user)?, passkey: options }))
}

/// Finishes a sign-in with its challenge and a second factor: one of the account's passkeys
/// answering the challenge's options, a code of the account's app not used before, or one of its
/// unused recovery codes. A wrong one is `Unauthenticated` (the caller counts and audits it); the
/// challenge then stays usable until it expires. On success the challenge is used up and the
/// session opens, all in one transaction.
pub fn finish_sign_in<O: SessionOpener>(
    ctx: &Context<'_>,
    opener: &O,
    keys: &SecondFactorKeys,
    challenge: &str,
    proof: &Proof,
) -> Result<O::Credential, CoreError> {
    let now = ctx.now();
    let hash = hash_link_token(challenge);
    ctx.transaction(|conn| {
        let user_id = db::second_factors::challenge_user(conn, &hash, now)?.ok_or_else(challenge_expired)?;
        let user =
            db::users::find_by_id(conn, &user_id)?.filter(|user| !user.disabled).ok_or(CoreError::Unauthenticated)?;
        let accepted = match proof {
            Proof::Code(code) => accept_code(conn, keys, &user, code, now)?,
            Proof::RecoveryCode(code) => db::second_factors::use_recovery_code(
                conn,
                &user.id,
                &keys.hash_recovery_code(user.id.as_str(), code),
                now,
            )?,
            Proof::Passkey(credential) => match db::passkeys::challenge_passkey(conn, &hash, now)? {
                Some((_, state)) => super::passkeys::accept_second_step(
                    conn,
                    &opener.authenticator().passkeys,
                    &user,
                    &state,
                    credential,
                    now,
                )?,
                None => false,
            },
        };
        if !accepted {
            return Err(CoreError::Unauthenticated);
        }
        if !db::second_factors::consume_challenge(conn, &hash, now)? {
            return Err(challenge_expired());
        }
        let credential = start_session(conn, opener, now, &user, ctx.client().clone())?;
        if proof.method() == Method::RecoveryCode {
            ctx.audit_by(
                conn,
                Some(&user.id),
                Action::RecoveryCodeUsed,
                user.pavilion_id.as_ref(),
                Some(user.email.as_str()),
            )?;
        }
        ctx.audit_by(
            conn,
            Some(&user.id),
            Action::LoginSucceeded,
            user.pavilion_id.as_ref(),
            Some(user.email.as_str()),
        )?;
        Ok(credential)
    })
}

/// Whether `code` is the account's app's code now, for a time step not used before.
fn accept_code(
    conn: &mut DbConnection,
    keys: &SecondFactorKeys,
    user: &User,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool, CoreError> {
    let Some(factor) = db::second_factors::find_totp(conn, &user.id)?.filter(|factor| factor.confirmed) else {
        return Ok(false);
    };
    let secret = keys.open(&factor.sealed_secret, user.id.as_str())?;
    match secret.matching_step(code, now) {
        Some(step) => db::second_factors::accept_totp_step(conn, &user.id, step, now),
        None => Ok(false),
    }
}

/// A wrong second factor, in the audit log of the account's pavilion.
pub fn record_failed_second_factor(ctx: &Context<'_>, user: &UserId) -> Result<(), CoreError> {
    ctx.transaction(|conn| {
        let Some(user) = db::users::find_by_id(conn, user)? else { return Ok(()) };
        ctx.audit_by(
            conn,
            Some(&user.id),
            Action::SecondFactorFailed,
            user.pavilion_id.as_ref(),
            Some(user.email.as_str()),
        )
    })
}
