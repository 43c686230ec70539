//! A pavilion's accounts, as its admins and the organiser manage them.

use crate::db::{self, DbConnection};
use crate::domain::{ExhibitorId, Role, User, UserId};
use crate::error::CoreError;
use crate::policy::{self, Principal};
use chrono::{DateTime, Utc};

pub fn list(conn: &mut DbConnection, caller: &Principal, slug: &str) -> Result<Vec<User>, CoreError> {
    let pavilion = super::pavilions::find(conn, slug)?;
    policy::authorize_manage_pavilion(caller, &pavilion)?;
    db::users::list_for_pavilion(conn, &pavilion.id)
}

/// Disables or re-enables an account. A disabled account's sessions end at once. An admin cannot
/// disable themselves, and a pavilion never loses its last enabled admin.
pub fn set_disabled(
    conn: &mut DbConnection,
    caller: &Principal,
    now: DateTime<Utc>,
    slug: &str,
    id: &UserId,
    disabled: bool,
) -> Result<User, CoreError> {
    let pavilion = super::pavilions::find(conn, slug)?;
    policy::authorize_manage_pavilion(caller, &pavilion)?;
    let user = db::users::find_member(conn, &pavilion.id, id)?.ok_or(CoreError::NotFound("user"))?;
    if disabled && !user.disabled {
        if user.id == caller.user_id {
            return Err(CoreError::Conflict("you cannot disable your own account".into()));
        }
        if user.role == Role::PavilionAdmin && db::users::count_active_admins(conn, &pavilion.id)? <= 1 {
            return Err(CoreError::Conflict("this is the pavilion's last enabled admin".into()));
        }
        db::users::set_disabled(conn, &pavilion.id, &user.id, Some(now))?;
        db::sessions::revoke_all_for_user(conn, &user.id, now)?;
    } else if !disabled && user.disabled {
        db::users::set_disabled(conn, &pavilion.id, &user.id, None)?;
    }
    db::users::find_member(conn, &pavilion.id, id)?.ok_or(CoreError::NotFound("user"))
}

/// Changes an account's role: an admin becomes an exhibitor of one of the pavilion's companies,
/// or an exhibitor becomes an admin. It takes effect on the account's next request (roles are
/// read with the session). Nobody changes their own role, and a pavilion keeps its last enabled
/// admin. Returns whether anything changed.
pub fn change_role(
    conn: &mut DbConnection,
    caller: &Principal,
    now: DateTime<Utc>,
    slug: &str,
    id: &UserId,
    role: Role,
    exhibitor: Option<ExhibitorId>,
) -> Result<(User, bool), CoreError> {
    let pavilion = super::pavilions::find(conn, slug)?;
    policy::authorize_manage_pavilion(caller, &pavilion)?;
    let user = db::users::find_member(conn, &pavilion.id, id)?.ok_or(CoreError::NotFound("user"))?;
    let exhibitor = match (role, exhibitor) {
        (Role::Organiser, _) => {
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
            if !super::exhibitors::exists(conn, &pavilion, &exhibitor)? {
                return Err(super::exhibitors::unknown_company());
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
    if user.role == Role::PavilionAdmin && !user.disabled && db::users::count_active_admins(conn, &pavilion.id)? <= 1 {
        return Err(CoreError::Conflict("this is the pavilion's last enabled admin".into()));
    }
    db::users::set_role(conn, &pavilion.id, &user.id, role, exhibitor.as_ref(), now)?;
    let user = db::users::find_member(conn, &pavilion.id, id)?.ok_or(CoreError::NotFound("user"))?;
    Ok((user, true))
}
