//! Second factors an account manages for itself: an authenticator app (added, confirmed by a
//! first code with recovery codes shown once, removed) and its recovery codes (renewed). How a
//! sign-in then asks for them is `services::sign_in`.

use super::audit::Action;
use super::context::Context;
use crate::auth::second_factor::{SecondFactorKeys, TotpSecret, generate_recovery_codes};
use crate::db::{self, DbConnection};
use crate::domain::UserId;
use crate::error::CoreError;
use crate::mail::{NewEmail, Payload};
use crate::policy::tenancy::Need;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// One of the account's passkeys.
    Passkey,
    /// A code from an authenticator app.
    Totp,
    /// One of the account's unused recovery codes.
    RecoveryCode,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Passkey => "passkey",
            Self::Totp => "totp",
            Self::RecoveryCode => "recovery_code",
        }
    }
}

/// The ways this account finishes a sign-in; empty when it has no second factor. Recovery codes
/// come with the first factor (an app or a passkey) and stand in for either.
pub fn methods(conn: &mut DbConnection, user: &UserId) -> Result<Vec<Method>, CoreError> {
    let mut methods = Vec::new();
    if db::passkeys::has_any(conn, user)? {
        methods.push(Method::Passkey);
    }
    if db::second_factors::has_confirmed_totp(conn, user)? {
        methods.push(Method::Totp);
    }
    if !methods.is_empty() && db::second_factors::recovery_codes_left(conn, user)? > 0 {
        methods.push(Method::RecoveryCode);
    }
    Ok(methods)
}

/// An authenticator app being added: what the person copies into it.
pub struct TotpEnrolment {
    /// The secret in base32, for typing in.
    pub secret: String,
    /// `otpauth://totp/Pavilion:{email}?secret=…&issuer=Pavilion`, for a QR code.
    pub otpauth_uri: String,
}

/// Starts adding an authenticator app to the caller's account. Nothing changes at sign-in until a
/// first code confirms it; starting again replaces an unconfirmed secret. An account with a
/// confirmed app must remove it first.
pub fn start_totp(ctx: &Context<'_>, keys: &SecondFactorKeys) -> Result<TotpEnrolment, CoreError> {
    let caller = ctx.caller()?;
    ctx.transaction(|conn| {
        let user = db::users::find_by_id(conn, &caller.user_id)?.ok_or(CoreError::Unauthenticated)?;
        if db::second_factors::has_confirmed_totp(conn, &user.id)? {
            return Err(CoreError::Conflict("an authenticator app is already set up; remove it first".into()));
        }
        let secret = TotpSecret::generate();
        db::second_factors::put_unconfirmed_totp(conn, &user.id, &keys.seal(&secret, user.id.as_str())?, ctx.now())?;
        Ok(TotpEnrolment { secret: secret.base32(), otpauth_uri: secret.otpauth_uri(user.email.as_str())? })
    })
}

/// The authenticator app the caller is adding (started, not confirmed yet), to show again.
pub fn pending_totp(
    conn: &mut DbConnection,
    keys: &SecondFactorKeys,
    user: &UserId,
) -> Result<Option<TotpEnrolment>, CoreError> {
    let Some(factor) = db::second_factors::find_totp(conn, user)?.filter(|factor| !factor.confirmed) else {
        return Ok(None);
    };
    let account = db::users::find_by_id(conn, user)?.ok_or(CoreError::Unauthenticated)?;
    let secret = keys.open(&factor.sealed_secret, user.as_str())?;
    Ok(Some(TotpEnrolment { secret: secret.base32(), otpauth_uri: secret.otpauth_uri(account.email.as_str())? }))
}

/// Confirms the app with a first code: from now on sign-in asks for a code. Returns the recovery
/// codes, shown this once.
pub fn confirm_totp(ctx: &Context<'_>, keys: &SecondFactorKeys, code: &str) -> Result<Vec<String>, CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction_with_mail(|conn| {
        let factor = db::second_factors::find_totp(conn, &caller.user_id)?
            .ok_or(CoreError::Conflict("no authenticator app is being added; start again".into()))?;
        if factor.confirmed {
            return Err(CoreError::Conflict("the authenticator app is already confirmed".into()));
        }
        let secret = keys.open(&factor.sealed_secret, caller.user_id.as_str())?;
        let step = secret.matching_step(code, now).ok_or_else(wrong_code)?;
        if !db::second_factors::accept_totp_step(conn, &caller.user_id, step, now)? {
            return Err(wrong_code());
        }
        let codes = new_recovery_codes(conn, keys, &caller.user_id, now)?;
        ctx.audit(conn, Action::SecondFactorAdded, caller.pavilion_id.as_ref(), Some("totp"))?;
        tell_owner(ctx, conn, &caller.user_id, Method::Totp, true)?;
        Ok(codes)
    })
}

fn wrong_code() -> CoreError {
    CoreError::invalid("code", "wrong_code", "is not the code your app shows now")
}

pub(crate) fn new_recovery_codes(
    conn: &mut DbConnection,
    keys: &SecondFactorKeys,
    user: &UserId,
    now: DateTime<Utc>,
) -> Result<Vec<String>, CoreError> {
    let codes = generate_recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|code| keys.hash_recovery_code(user.as_str(), code)).collect();
    db::second_factors::replace_recovery_codes(conn, user, &hashes, now)?;
    Ok(codes)
}

/// New recovery codes for an account with a second factor; the old ones stop working.
pub fn renew_recovery_codes(ctx: &Context<'_>, keys: &SecondFactorKeys) -> Result<Vec<String>, CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction(|conn| {
        if methods(conn, &caller.user_id)?.is_empty() {
            return Err(CoreError::Conflict(
                "recovery codes come with a second factor; add an authenticator app or a passkey first".into(),
            ));
        }
        let codes = new_recovery_codes(conn, keys, &caller.user_id, now)?;
        ctx.audit(conn, Action::RecoveryCodesRenewed, caller.pavilion_id.as_ref(), None)?;
        Ok(codes)
    })
}

/// Removes the caller's authenticator app and its recovery codes: sign-in no longer asks for a
/// code (a passkey, if the account has one, is still asked for).
pub fn remove_totp(ctx: &Context<'_>) -> Result<(), CoreError> {
    let caller = ctx.caller()?;
    ctx.transaction_with_mail(|conn| {
        let confirmed = db::second_factors::has_confirmed_totp(conn, &caller.user_id)?;
        if !db::second_factors::remove_totp(conn, &caller.user_id)? {
            return Err(CoreError::NotFound("authenticator app"));
        }
        forget_recovery_codes_if_alone(conn, &caller.user_id)?;
        // An app never confirmed never asked for a code: nothing the owner must hear of.
        if confirmed {
            ctx.audit(conn, Action::SecondFactorRemoved, caller.pavilion_id.as_ref(), Some("totp"))?;
            tell_owner(ctx, conn, &caller.user_id, Method::Totp, false)?;
        }
        Ok(())
    })
}

/// Deletes the account's recovery codes once it has no second factor left for them to stand in
/// for.
pub(crate) fn forget_recovery_codes_if_alone(conn: &mut DbConnection, user: &UserId) -> Result<(), CoreError> {
    if !db::second_factors::has_confirmed_totp(conn, user)? && !db::passkeys::has_any(conn, user)? {
        db::second_factors::remove_recovery_codes(conn, user)?;
    }
    Ok(())
}

/// Emails the account's owner that a second factor was added or removed, in their language.
pub(crate) fn tell_owner(
    ctx: &Context<'_>,
    conn: &mut DbConnection,
    user: &UserId,
    method: Method,
    added: bool,
) -> Result<(), CoreError> {
    let factors_left = !added && !methods(conn, user)?.is_empty();
    let user = db::users::find_by_id(conn, user)?.ok_or(CoreError::Unauthenticated)?;
    let notice = NewEmail {
        pavilion_id: user.pavilion_id.clone(),
        recipient: user.email.clone(),
        recipient_name: Some(user.name.clone()),
        locale: user.locale,
        payload: Payload::SecondFactorChangedV1 {
            method: method.as_str().to_owned(),
            added,
            changed_at: ctx.now(),
            removed_by: None,
            factors_left,
        },
    };
    db::outbox::insert(conn, ctx.now(), ctx.mail_domain(), &notice, None)?;
    Ok(())
}

/// The caller's second factors, for its account page.
pub struct Overview {
    pub totp: bool,
    pub recovery_codes_left: i64,
    pub passkeys: Vec<PasskeySummary>,
}

/// A passkey as its owner sees it.
pub struct PasskeySummary {
    pub id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<db::passkeys::StoredPasskey> for PasskeySummary {
    fn from(row: db::passkeys::StoredPasskey) -> Self {
        Self {
            id: row.id,
            name: row.name,
            created_at: row.created_at.and_utc(),
            last_used_at: row.last_used_at.map(|at| at.and_utc()),
        }
    }
}

pub fn overview(conn: &mut DbConnection, user: &UserId) -> Result<Overview, CoreError> {
    Ok(Overview {
        totp: db::second_factors::has_confirmed_totp(conn, user)?,
        recovery_codes_left: db::second_factors::recovery_codes_left(conn, user)?,
        passkeys: db::passkeys::for_user(conn, user)?.into_iter().map(PasskeySummary::from).collect(),
    })
}

/// A pavilion's admin, or the organiser, removes a member's second factor for them: the member
/// lost their phone and their recovery codes, and the admin checked out of band that it is them
/// asking. Every session of the member ends, the member is emailed, and the audit log names who
/// did it. Their own factor people remove from their account page instead.
pub fn remove_for_member(ctx: &Context<'_>, slug: &str, member: &UserId) -> Result<(), CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction_with_mail(|conn| {
        let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
        let user = db::users::find_member(conn, &scope, member)?.ok_or(CoreError::NotFound("user"))?;
        if user.id == caller.user_id {
            return Err(CoreError::Conflict("remove your own second factor from your account page".into()));
        }
        let actor = db::users::find_by_id(conn, &caller.user_id)?.ok_or(CoreError::Unauthenticated)?;
        removed_for_owner(conn, ctx.mail_domain(), now, &user, &actor.name)?;
        ctx.audit(conn, Action::SecondFactorReset, user.pavilion_id.as_ref(), Some(user.email.as_str()))
    })
}

/// The command line's way, for an organiser locked out of their own account (no other organiser
/// can sign in, or none is left who may). Audited with no actor: it is the operator's act.
pub fn remove_for_organiser(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    mail_domain: &str,
    email: &str,
) -> Result<crate::domain::User, CoreError> {
    let email = crate::domain::EmailAddress::parse(email)?;
    let (user, _) = db::users::find_organiser_by_email(conn, &email)?.ok_or(CoreError::NotFound("organiser"))?;
    removed_for_owner(conn, mail_domain, now, &user, "The operator of this deployment")?;
    super::audit::record(
        conn,
        now,
        super::audit::Entry {
            action: Action::SecondFactorReset,
            pavilion_id: None,
            actor_id: None,
            target: Some(user.email.as_str()),
            ip: None,
        },
    )?;
    Ok(user)
}

/// Removes an account's second factors (its authenticator app and its passkeys) for its owner,
/// ends its sessions and tells it.
fn removed_for_owner(
    conn: &mut DbConnection,
    mail_domain: &str,
    now: DateTime<Utc>,
    user: &crate::domain::User,
    removed_by: &str,
) -> Result<(), CoreError> {
    let had_app = db::second_factors::has_confirmed_totp(conn, &user.id)?;
    db::second_factors::remove_totp(conn, &user.id)?;
    let passkeys = db::passkeys::remove_all(conn, &user.id)?;
    db::second_factors::remove_recovery_codes(conn, &user.id)?;
    if !had_app && passkeys == 0 {
        return Err(CoreError::NotFound("second factor"));
    }
    // What the email names: "totp", "passkey", or "all" for both.
    let method = match (had_app, passkeys > 0) {
        (true, false) => Method::Totp.as_str(),
        (false, _) => Method::Passkey.as_str(),
        (true, true) => "all",
    };
    db::sessions::revoke_all_for_user(conn, &user.id, now)?;
    let notice = NewEmail {
        pavilion_id: user.pavilion_id.clone(),
        recipient: user.email.clone(),
        recipient_name: Some(user.name.clone()),
        locale: user.locale,
        payload: Payload::SecondFactorChangedV1 {
            method: method.to_owned(),
            added: false,
            changed_at: now,
            removed_by: Some(removed_by.to_owned()),
            factors_left: false,
        },
    };
    db::outbox::insert(conn, now, mail_domain, &notice, None)?;
    Ok(())
}

/// Which of these accounts (already read under the caller's authority, such as a pavilion's
/// members) have a second factor: for the accounts page's "remove" button.
pub fn which_have_one(
    conn: &mut DbConnection,
    users: &[&UserId],
) -> Result<std::collections::HashSet<String>, CoreError> {
    let ids: Vec<&str> = users.iter().map(|user| user.as_str()).collect();
    let mut owners: std::collections::HashSet<String> =
        db::second_factors::with_confirmed_totp(conn, &ids)?.into_iter().collect();
    owners.extend(db::passkeys::with_passkeys(conn, &ids)?);
    Ok(owners)
}
