//! A pavilion's accounts, as its admins and the organiser manage them.

use super::audit::Action;
use super::companies;
use super::context::Context;
use crate::db::{self, DbConnection};
use crate::domain::{ExhibitorId, Role, User, UserId};
use crate::error::CoreError;
use crate::policy::Principal;
use crate::policy::tenancy::Need;
use chrono::{DateTime, Utc};

pub fn list(conn: &mut DbConnection, caller: &Principal, slug: &str) -> Result<Vec<User>, CoreError> {
    let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
    db::users::list_for_pavilion(conn, &scope)
}

/// What an admin changes about an account: its role (with its company, for an exhibitor), and
/// whether it is disabled. At least one of the two.
pub struct MemberChanges {
    pub role: Option<Role>,
    /// The company of an exhibitor, as sent (a malformed id is refused like an unknown one).
    pub exhibitor_id: Option<String>,
    pub disabled: Option<bool>,
}

/// Changes an account's role and/or whether it is disabled, in one transaction, each change in
/// the audit log.
pub fn update(ctx: &Context<'_>, slug: &str, id: &UserId, changes: MemberChanges) -> Result<User, CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    if changes.disabled.is_none() && changes.role.is_none() {
        return Err(CoreError::invalid("", "required", "send `disabled`, `role` or both"));
    }
    ctx.transaction(|conn| {
        let mut user = None;
        if let Some(role) = changes.role {
            let exhibitor = changes.exhibitor_id.as_deref().map(companies::parse_company_reference).transpose()?;
            let (changed, moved) = change_role(conn, caller, now, slug, id, role, exhibitor)?;
            if moved {
                ctx.audit(conn, Action::RoleChanged, changed.pavilion_id.as_ref(), Some(changed.id.as_str()))?;
            }
            user = Some(changed);
        }
        if let Some(disabled) = changes.disabled {
            let changed = set_disabled(conn, caller, now, slug, id, disabled)?;
            let action = if disabled { Action::UserDisabled } else { Action::UserEnabled };
            ctx.audit(conn, action, changed.pavilion_id.as_ref(), Some(changed.id.as_str()))?;
            user = Some(changed);
        }
        user.ok_or_else(|| CoreError::Internal(anyhow::anyhow!("nothing to change")))
    })
}

/// Disables or re-enables an account. A disabled account's sessions end at once. An admin cannot
/// disable themselves, and a pavilion never loses its last enabled admin.
fn set_disabled(
    conn: &mut DbConnection,
    caller: &Principal,
    now: DateTime<Utc>,
    slug: &str,
    id: &UserId,
    disabled: bool,
) -> Result<User, CoreError> {
    let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
    let user = db::users::find_member(conn, &scope, id)?.ok_or(CoreError::NotFound("user"))?;
    if disabled && !user.disabled {
        if user.id == caller.user_id {
            return Err(CoreError::Conflict("you cannot disable your own account".into()));
        }
        if user.role == Role::PavilionAdmin && db::users::count_active_admins(conn, &scope)? <= 1 {
            return Err(CoreError::Conflict("this is the pavilion's last enabled admin".into()));
        }
        db::users::set_disabled(conn, &scope, &user.id, Some(now))?;
        db::sessions::revoke_all_for_user(conn, &user.id, now)?;
    } else if !disabled && user.disabled {
        db::users::set_disabled(conn, &scope, &user.id, None)?;
    }
    db::users::find_member(conn, &scope, id)?.ok_or(CoreError::NotFound("user"))
}

/// Changes an account's role: an admin becomes an exhibitor of one of the pavilion's companies,
/// or an exhibitor becomes an admin. It takes effect on the account's next request (roles are
/// read with the session). Nobody changes their own role, and a pavilion keeps its last enabled
/// admin. Returns whether anything changed.
fn change_role(
    conn: &mut DbConnection,
    caller: &Principal,
    now: DateTime<Utc>,
    slug: &str,
    id: &UserId,
    role: Role,
    exhibitor: Option<ExhibitorId>,
) -> Result<(User, bool), CoreError> {
    let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
    let user = db::users::find_member(conn, &scope, id)?.ok_or(CoreError::NotFound("user"))?;
    let exhibitor = match (role, exhibitor) {
        (Role::Organiser | Role::Buyer, _) => {
            return Err(CoreError::invalid("role", "invalid_role", "must be pavilion_admin or exhibitor"));
        }
        (Role::PavilionAdmin, Some(_)) => {
            return Err(CoreError::invalid(
                "exhibitor_id",
                "not_allowed",
                "only exhibitor accounts belong to a company",
            ));
        }
        (Role::PavilionAdmin, None) => None,
        (Role::Exhibitor, None) => {
            return Err(CoreError::invalid("exhibitor_id", "required", "an exhibitor account belongs to a company"));
        }
        (Role::Exhibitor, Some(exhibitor)) => {
            if !companies::exists(conn, &scope, &exhibitor)? {
                return Err(companies::unknown_company());
            }
            Some(exhibitor)
        }
    };
    if user.role == role && user.exhibitor_id == exhibitor {
        return Ok((user, false));
    }
    if user.id == caller.user_id {
        return Err(CoreError::Conflict("you cannot change your own role".into()));
    }
    if user.role == Role::PavilionAdmin && !user.disabled && db::users::count_active_admins(conn, &scope)? <= 1 {
        return Err(CoreError::Conflict("this is the pavilion's last enabled admin".into()));
    }
    db::users::set_role(conn, &scope, &user.id, role, exhibitor.as_ref(), now)?;
    let user = db::users::find_member(conn, &scope, id)?.ok_or(CoreError::NotFound("user"))?;
    Ok((user, true))
}
