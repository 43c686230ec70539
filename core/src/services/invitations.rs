//! Bringing people into a pavilion: invite by email, accept with a single-use link.

use super::audit::Action;
use super::context::Context;
use crate::auth::{HashedPassword, hash_link_token, link_token};
use crate::db::{self, DbConnection};
use crate::domain::{EmailAddress, ExhibitorId, Invitation, InvitationId, Locale, Password, Role, User, UserId};
use crate::error::{CoreError, Violations};
use crate::mail::{NewEmail, Payload};
use crate::policy::Principal;
use crate::policy::tenancy::{self, Access, Need, PavilionScope};
use crate::services::accounts::{SessionOpener, start_session};
use crate::services::companies;
use chrono::{DateTime, Utc};

/// A validated invitation request.
pub struct InviteCommand {
    pub email: EmailAddress,
    pub role: Role,
    pub exhibitor_id: Option<ExhibitorId>,
    /// The invitee's language; the pavilion's default (`en`) when not given.
    pub locale: Option<Locale>,
}

/// Invites someone into the pavilion and queues the email with the link, in one transaction.
/// Re-inviting an address replaces its open invitation (the old link stops working).
pub fn invite(ctx: &Context<'_>, slug: &str, command: InviteCommand) -> Result<Invitation, CoreError> {
    let caller = ctx.caller()?;
    ctx.transaction_with_mail(|conn| {
        let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Invite(command.role))?;
        invite_in(conn, ctx, &scope, command)
    })
}

/// [`invite`] inside another use case's transaction (a new company's first account), in a
/// pavilion the caller manages; the caller wakes the mail worker.
pub(crate) fn invite_in(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    scope: &PavilionScope,
    command: InviteCommand,
) -> Result<Invitation, CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    if scope.access() != Access::Manage {
        return Err(CoreError::Forbidden);
    }
    match (command.role, &command.exhibitor_id) {
        (Role::Exhibitor, Some(exhibitor)) => {
            if !companies::exists(conn, scope, exhibitor)? {
                return Err(companies::unknown_company());
            }
        }
        (Role::Exhibitor, None) => {
            return Err(CoreError::invalid("exhibitor_id", "required", "an exhibitor account belongs to a company"));
        }
        (_, Some(_)) => {
            return Err(CoreError::invalid(
                "exhibitor_id",
                "not_allowed",
                "only exhibitor accounts belong to a company",
            ));
        }
        (_, None) => {}
    }
    if db::users::member_exists(conn, scope, &command.email)? {
        return Err(CoreError::Conflict("this address already has an account in this pavilion".into()));
    }
    let inviter = db::users::find_by_id(conn, &caller.user_id)?.ok_or(CoreError::Unauthenticated)?;
    db::invitations::revoke_open_for(conn, scope, &command.email, now)?;
    let (token, token_hash) = link_token();
    let invitation = Invitation {
        id: uuid::Uuid::now_v7().to_string(),
        pavilion_id: scope.id().clone(),
        email: command.email,
        role: command.role,
        exhibitor_id: command.exhibitor_id,
        locale: command.locale.unwrap_or_default(),
        invited_by: inviter.id.clone(),
        created_at: now,
        expires_at: now + chrono::Duration::hours(ctx.settings().invitation_ttl_hours),
        accepted_at: None,
        revoked_at: None,
    };
    db::invitations::insert(conn, &invitation, &token_hash)?;
    ctx.audit(conn, Action::InvitationSent, Some(scope.id()), Some(invitation.email.as_str()))?;
    let email = NewEmail {
        pavilion_id: Some(scope.id().clone()),
        recipient: invitation.email.clone(),
        recipient_name: None,
        locale: invitation.locale,
        payload: Payload::InvitationV1 {
            invited_by: inviter.name,
            role: invitation.role.as_str().to_owned(),
            accept_url: format!("{}/invite/{token}", ctx.public_url()),
            expires_at: invitation.expires_at,
        },
    };
    db::outbox::insert(conn, now, ctx.mail_domain(), &email, None)?;
    Ok(invitation)
}

/// Open invitations of a pavilion, for its admins and the organiser.
pub fn list_open(
    conn: &mut DbConnection,
    caller: &Principal,
    now: DateTime<Utc>,
    slug: &str,
) -> Result<Vec<Invitation>, CoreError> {
    let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
    db::invitations::list_open(conn, &scope, now)
}

/// Sends an open invitation again: a fresh link to the same address, for the same role, company
/// and language; the old link stops working.
pub fn resend(ctx: &Context<'_>, slug: &str, id: &InvitationId) -> Result<Invitation, CoreError> {
    let caller = ctx.caller()?;
    let invitation = ctx.transaction(|conn| {
        list_open(conn, caller, ctx.now(), slug)?
            .into_iter()
            .find(|invitation| invitation.id == id.as_str())
            .ok_or(CoreError::NotFound("invitation"))
    })?;
    let command = InviteCommand {
        email: invitation.email,
        role: invitation.role,
        exhibitor_id: invitation.exhibitor_id,
        locale: Some(invitation.locale),
    };
    invite(ctx, slug, command)
}

pub fn revoke(ctx: &Context<'_>, slug: &str, id: &InvitationId) -> Result<(), CoreError> {
    let caller = ctx.caller()?;
    ctx.transaction(|conn| {
        let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
        if !db::invitations::revoke(conn, &scope, id, ctx.now())? {
            return Err(CoreError::NotFound("invitation"));
        }
        ctx.audit(conn, Action::InvitationRevoked, Some(scope.id()), Some(id.as_str()))
    })
}

/// What an invitee chose, checked by `check_acceptance`: a clean name, and a password for the
/// hashing pool.
pub struct Acceptance {
    pub name: String,
    pub password: Password,
}

/// The first half of accepting, read-only and cheap: the link must still work, the name and
/// password must be acceptable, and the address must not have an account there yet. Its result
/// goes to the hashing pool, then to `accept`.
pub fn check_acceptance(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    token: &str,
    name: &str,
    password: &str,
) -> Result<Acceptance, CoreError> {
    let invitation = usable_invitation(conn, now, token)?;
    let mut violations = Violations::new();
    let name = violations.check(super::accounts::clean_name(name));
    let context: Vec<&str> = [Some(invitation.email.as_str()), name.as_deref()].into_iter().flatten().collect();
    let password = violations.check(Password::parse(password, &context));
    violations.into_result()?;
    let (Some(name), Some(password)) = (name, password) else {
        return Err(CoreError::Internal(anyhow::anyhow!("validated fields missing")));
    };
    ensure_no_account_yet(conn, &invitation)?;
    Ok(Acceptance { name, password })
}

/// Accepts an invitation: creates the account with the name from `check_acceptance` and the
/// password hashed after it, and logs it in. The link is checked again: it may have been used,
/// revoked or expired in the meantime. Used, revoked and expired links are `Gone`, each with its
/// own code.
pub fn accept<O: SessionOpener>(
    ctx: &Context<'_>,
    opener: &O,
    token: &str,
    name: String,
    password: &HashedPassword,
) -> Result<(O::Credential, User), CoreError> {
    let now = ctx.now();
    ctx.transaction(|conn| {
        let invitation = usable_invitation(conn, now, token)?;
        ensure_no_account_yet(conn, &invitation)?;
        if !db::invitations::accept(conn, &invitation.id, now)? {
            return Err(invitation_used());
        }
        let user = User {
            id: UserId::generate(),
            pavilion_id: Some(invitation.pavilion_id),
            email: invitation.email,
            name,
            role: invitation.role,
            exhibitor_id: invitation.exhibitor_id,
            locale: invitation.locale,
            disabled: false,
            created_at: now,
        };
        db::users::insert(conn, &user, password.as_str())?;
        let credential = start_session(conn, opener, now, &user, ctx.client().clone())?;
        let (pavilion, email) = (user.pavilion_id.as_ref(), Some(user.email.as_str()));
        ctx.audit_by(conn, Some(&user.id), Action::InvitationAccepted, pavilion, email)?;
        Ok((credential, user))
    })
}

/// What the invitation page shows before the invitee chooses a name and password.
pub struct InvitationPreview {
    pub pavilion: crate::domain::Pavilion,
    pub role: crate::domain::Role,
    pub email: crate::domain::EmailAddress,
    pub expires_at: DateTime<Utc>,
}

/// The invitation behind a link, for its page: used, withdrawn and expired links are `Gone` as
/// when accepting, so the page can say what to do next.
pub fn preview(conn: &mut DbConnection, now: DateTime<Utc>, token: &str) -> Result<InvitationPreview, CoreError> {
    let invitation = usable_invitation(conn, now, token)?;
    let pavilion =
        db::pavilions::find_by_id(conn, &invitation.pavilion_id)?.ok_or(CoreError::NotFound("invitation"))?;
    Ok(InvitationPreview {
        pavilion,
        role: invitation.role,
        email: invitation.email,
        expires_at: invitation.expires_at,
    })
}

/// The invitation behind a token, if it can still be accepted.
fn usable_invitation(conn: &mut DbConnection, now: DateTime<Utc>, token: &str) -> Result<Invitation, CoreError> {
    let invitation =
        db::invitations::find_by_token_hash(conn, &hash_link_token(token))?.ok_or(CoreError::NotFound("invitation"))?;
    if invitation.accepted_at.is_some() {
        return Err(invitation_used());
    }
    if invitation.revoked_at.is_some() {
        return Err(CoreError::Gone {
            code: "invitation_revoked",
            message: "this invitation was withdrawn or replaced by a newer one".into(),
        });
    }
    if invitation.expires_at <= now {
        return Err(CoreError::Gone {
            code: "invitation_expired",
            message: "this invitation has expired; ask for a new one".into(),
        });
    }
    Ok(invitation)
}

/// The pavilion the link invites into: its token proved the right to act there.
fn ensure_no_account_yet(conn: &mut DbConnection, invitation: &Invitation) -> Result<(), CoreError> {
    let pavilion =
        db::pavilions::find_by_id(conn, &invitation.pavilion_id)?.ok_or(CoreError::NotFound("invitation"))?;
    if db::users::member_exists(conn, &tenancy::for_link(pavilion), &invitation.email)? {
        return Err(CoreError::Conflict("this address already has an account in this pavilion".into()));
    }
    Ok(())
}

fn invitation_used() -> CoreError {
    CoreError::Gone { code: "invitation_used", message: "this invitation was already accepted".into() }
}
