//! Buyers of the whole market: registration, which answers the same whether or not the address
//! has an account (its owner is told by email instead), and the link that confirms the address.
//! Until confirmed, a buyer account does not sign in; once confirmed it waits for the organiser.

use super::audit::Action;
use super::context::Context;
use crate::auth::{HashedPassword, hash_link_token, link_token};
use crate::db;
use crate::domain::{BuyerProfile, BuyerProfileInput, BuyerStatus, EmailAddress, Locale, Password, Role, User, UserId};
use crate::error::{CoreError, Violations};
use crate::mail::{NewEmail, Payload};

/// How long a confirmation link works.
pub const CONFIRMATION_TTL_HOURS: i64 = 24;

/// What a registration holds once its fields are checked (its password, checked too, goes to
/// the hashing pool before [`register`]).
pub struct Registration {
    pub email: EmailAddress,
    pub name: String,
    pub locale: Locale,
    pub profile: BuyerProfile,
}

/// A registration as typed.
pub struct RegistrationInput {
    pub email: String,
    pub password: String,
    pub name: String,
    pub locale: Option<String>,
    pub profile: BuyerProfileInput,
}

/// Checks every field at once, each problem naming its field; reads nothing, so it says nothing
/// of whether the address has an account.
pub fn check_registration(input: RegistrationInput) -> Result<(Registration, Password), CoreError> {
    let mut violations = Violations::new();
    let email = violations.check(EmailAddress::parse_field("email", &input.email));
    let name = violations.check(super::accounts::clean_name(&input.name));
    let locale = match input.locale.as_deref() {
        None | Some("") => Some(Locale::En),
        Some(raw) => violations.check(Locale::parse("locale", raw)),
    };
    let profile = match BuyerProfile::parse(input.profile) {
        Ok(profile) => Some(profile),
        Err(CoreError::Validation(errors)) => {
            errors.into_iter().for_each(|error| violations.push(error));
            None
        }
        Err(other) => return Err(other),
    };
    let context: Vec<&str> =
        [email.as_ref().map(EmailAddress::as_str), name.as_deref()].into_iter().flatten().collect();
    let password = violations.check(Password::parse(&input.password, &context));
    violations.into_result()?;
    let (Some(email), Some(name), Some(locale), Some(profile), Some(password)) =
        (email, name, locale, profile, password)
    else {
        return Err(CoreError::Internal(anyhow::anyhow!("validated fields missing")));
    };
    Ok((Registration { email, name, locale, profile }, password))
}

/// Registers a buyer: a new address gets an account (unconfirmed) and the link that confirms it;
/// an address whose account is still unconfirmed gets a new link; one with a confirmed account
/// gets an email saying so, and nothing changes. The caller cannot tell them apart.
pub fn register(ctx: &Context<'_>, registration: Registration, password: &HashedPassword) -> Result<(), CoreError> {
    let Registration { email, name, locale, profile } = registration;
    let registered = ctx.transaction_with_mail(|conn| {
        let now = ctx.now();
        if let Some((owner, _)) = db::users::find_buyer_by_email(conn, &email)? {
            // An account whose address was never confirmed gets a new link (the first may have
            // expired); any other is told that it exists, and stays as it is.
            if db::buyers::status(conn, &owner.id)? == Some(BuyerStatus::Unconfirmed) {
                return send_confirmation(ctx, conn, &owner);
            }
            let notice = NewEmail {
                pavilion_id: None,
                recipient: owner.email.clone(),
                recipient_name: Some(owner.name.clone()),
                locale: owner.locale,
                payload: Payload::BuyerAlreadyRegisteredV1 { site_url: format!("{}/", ctx.public_url()) },
            };
            return db::outbox::insert(conn, now, ctx.mail_domain(), &notice, None).map(|_| ());
        }
        let user = User {
            id: UserId::generate(),
            pavilion_id: None,
            email,
            name,
            role: Role::Buyer,
            exhibitor_id: None,
            locale,
            disabled: false,
            created_at: now,
        };
        db::users::insert(conn, &user, password.as_str())?;
        db::buyers::insert(conn, &user.id, BuyerStatus::Unconfirmed, &profile, now)?;
        send_confirmation(ctx, conn, &user)?;
        ctx.audit_by(conn, Some(&user.id), Action::BuyerRegistered, None, Some(user.email.as_str()))
    });
    match registered {
        // Two registrations of one new address at once: the unique key on buyers' addresses let
        // one in, whose link is on its way; the other answers as any registration does.
        Err(CoreError::Conflict(_)) => Ok(()),
        other => other,
    }
}

/// A link that confirms `user`'s address, by email in its language.
fn send_confirmation(ctx: &Context<'_>, conn: &mut db::DbConnection, user: &User) -> Result<(), CoreError> {
    let now = ctx.now();
    let (token, token_hash) = link_token();
    let expires_at = now + chrono::Duration::hours(CONFIRMATION_TTL_HOURS);
    db::buyers::insert_confirmation(conn, &user.id, &token_hash, now, expires_at)?;
    let confirmation = NewEmail {
        pavilion_id: None,
        recipient: user.email.clone(),
        recipient_name: Some(user.name.clone()),
        locale: user.locale,
        payload: Payload::BuyerConfirmEmailV1 {
            confirm_url: format!("{}/verify-email/{token}", ctx.public_url()),
            expires_at,
        },
    };
    db::outbox::insert(conn, now, ctx.mail_domain(), &confirmation, None).map(|_| ())
}

/// Confirms a buyer's address with the link from its email: the account then waits for the
/// organiser (`pending`). A used link is `Gone` (`confirmation_used`), an expired one too
/// (`confirmation_expired`); one never issued is not found.
pub fn confirm_email(ctx: &Context<'_>, token: &str) -> Result<(), CoreError> {
    let token_hash = hash_link_token(token);
    ctx.transaction(|conn| {
        let now = ctx.now();
        let link = db::buyers::find_confirmation(conn, &token_hash)?.ok_or(CoreError::NotFound("confirmation link"))?;
        if link.used {
            return Err(CoreError::Gone { code: "confirmation_used", message: "this link was used already".into() });
        }
        if link.expires_at <= now {
            return Err(CoreError::Gone {
                code: "confirmation_expired",
                message: "this link has expired; register again for a new one".into(),
            });
        }
        if !db::buyers::use_confirmation(conn, &token_hash, now)? {
            return Err(CoreError::Gone { code: "confirmation_used", message: "this link was used already".into() });
        }
        db::buyers::move_status(conn, &link.user_id, BuyerStatus::Unconfirmed, BuyerStatus::Pending, now)?;
        ctx.audit_by(conn, Some(&link.user_id), Action::BuyerEmailConfirmed, None, None)
    })
}
