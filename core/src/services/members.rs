//! A pavilion's accounts, as its admins and the organiser manage them.

use crate::db::{self, DbConnection};
use crate::domain::{Role, User};
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
    id: &str,
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
