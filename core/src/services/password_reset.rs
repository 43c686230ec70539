//! Forgotten passwords: a single-use link by email, valid one hour. Requests answer the same
//! whether or not the account exists; confirming ends every session of the account.

use super::audit::Action;
use super::context::Context;
use crate::auth::{HashedPassword, hash_link_token, link_token};
use crate::db::{self, DbConnection};
use crate::domain::{EmailAddress, Password, User};
use crate::error::CoreError;
use crate::mail::{NewEmail, Payload};
use chrono::{DateTime, Utc};

/// How long a reset link works.
pub const RESET_TTL_MINUTES: i64 = 60;

/// A pavilion account asks for a link. Unknown pavilions and addresses queue nothing, silently;
/// only requests for real accounts reach the audit log (it is the admins', not a way to probe).
pub fn request_for_pavilion_member(ctx: &Context<'_>, slug: &str, email: &str) -> Result<(), CoreError> {
    ctx.transaction_with_mail(|conn| {
        let scope = super::pavilions::sign_in_scope(conn, slug)?;
        let found = match (scope, EmailAddress::parse(email)) {
            (Some(scope), Ok(email)) => db::users::find_member_by_email(conn, &scope, &email)?,
            _ => None,
        };
        send_link(conn, ctx, found.map(|(user, _)| user))
    })
}

/// An organiser asks for a link.
pub fn request_for_organiser(ctx: &Context<'_>, email: &str) -> Result<(), CoreError> {
    ctx.transaction_with_mail(|conn| {
        let found = match EmailAddress::parse(email) {
            Ok(email) => db::users::find_organiser_by_email(conn, &email)?,
            Err(_) => None,
        };
        send_link(conn, ctx, found.map(|(user, _)| user))
    })
}

/// A buyer asks for a link.
pub fn request_for_buyer(ctx: &Context<'_>, email: &str) -> Result<(), CoreError> {
    ctx.transaction_with_mail(|conn| {
        let found = match EmailAddress::parse(email) {
            Ok(email) => db::users::find_buyer_by_email(conn, &email)?,
            Err(_) => None,
        };
        send_link(conn, ctx, found.map(|(user, _)| user))
    })
}

fn send_link(conn: &mut DbConnection, ctx: &Context<'_>, user: Option<User>) -> Result<(), CoreError> {
    let now = ctx.now();
    let Some(user) = user.filter(|user| !user.disabled) else {
        return Ok(());
    };
    let (token, token_hash) = link_token();
    let expires_at = now + chrono::Duration::minutes(RESET_TTL_MINUTES);
    db::password_resets::insert(conn, &user.id, &token_hash, now, expires_at)?;
    let email = NewEmail {
        pavilion_id: user.pavilion_id.clone(),
        recipient: user.email.clone(),
        recipient_name: Some(user.name.clone()),
        locale: user.locale,
        payload: Payload::PasswordResetV1 { reset_url: format!("{}/reset/{token}", ctx.public_url()), expires_at },
    };
    db::outbox::insert(conn, now, ctx.mail_domain(), &email, None)?;
    ctx.audit_by(conn, None, Action::PasswordResetRequested, user.pavilion_id.as_ref(), Some(user.email.as_str()))
}

/// The account a reset link is for, for its page; a link that no longer works is `Gone` with
/// the reason, as when confirming.
pub fn check_link(conn: &mut DbConnection, now: DateTime<Utc>, token: &str) -> Result<EmailAddress, CoreError> {
    usable_link(conn, now, token).map(|(_, user)| user.email)
}

/// The first half of confirming, read-only and cheap: the link must still work and the new
/// password must be acceptable. Its result goes to the hashing pool, then to `confirm`.
pub fn check_new_password(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    token: &str,
    password: &str,
) -> Result<Password, CoreError> {
    let (_, user) = usable_link(conn, now, token)?;
    Password::parse(password, &[user.email.as_str(), &user.name])
}

/// Sets the new password (hashed after `check_new_password`), ends every session of the account
/// and sends a notice. The link is checked again: it may have been used in the meantime.
pub fn confirm(ctx: &Context<'_>, token: &str, new_password: &HashedPassword) -> Result<User, CoreError> {
    let now = ctx.now();
    ctx.transaction_with_mail(|conn| {
        let (link, user) = usable_link(conn, now, token)?;
        if !db::password_resets::consume(conn, &link, now)? {
            return Err(link_used());
        }
        db::users::set_password_hash(conn, &user.id, new_password.as_str(), now)?;
        db::sessions::revoke_all_for_user(conn, &user.id, now)?;
        let notice = NewEmail {
            pavilion_id: user.pavilion_id.clone(),
            recipient: user.email.clone(),
            recipient_name: Some(user.name.clone()),
            locale: user.locale,
            payload: Payload::PasswordChangedV1 { changed_at: now },
        };
        db::outbox::insert(conn, now, ctx.mail_domain(), &notice, None)?;
        let (pavilion, email) = (user.pavilion_id.as_ref(), Some(user.email.as_str()));
        ctx.audit_by(conn, Some(&user.id), Action::PasswordResetCompleted, pavilion, email)?;
        Ok(user)
    })
}

/// The link behind a token and its account, if the link can still be used.
fn usable_link(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    token: &str,
) -> Result<(db::password_resets::ResetLink, User), CoreError> {
    let link = db::password_resets::find_by_token_hash(conn, &hash_link_token(token))?
        .ok_or(CoreError::NotFound("password reset link"))?;
    if link.used {
        return Err(link_used());
    }
    if link.replaced {
        return Err(CoreError::Gone {
            code: "reset_link_replaced",
            message: "a newer link was sent after this one; use the link in the latest email".into(),
        });
    }
    if link.expires_at <= now {
        return Err(CoreError::Gone {
            code: "reset_link_expired",
            message: "this link has expired; ask for a new one".into(),
        });
    }
    let user = db::users::find_by_id(conn, &link.user_id)?.ok_or(CoreError::NotFound("password reset link"))?;
    Ok((link, user))
}

fn link_used() -> CoreError {
    CoreError::Gone { code: "reset_link_used", message: "this link was already used; ask for a new one".into() }
}
