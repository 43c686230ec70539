//! Accounts. Organiser accounts have no pavilion; pavilion accounts are looked up only together
//! with their pavilion.

use super::DbConnection;
use super::schema::users;
use crate::domain::{EmailAddress, ExhibitorId, Locale, PavilionId, Role, User, UserId};
use crate::error::CoreError;
use crate::policy::tenancy::PavilionScope;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
struct UserRow {
    id: String,
    pavilion_id: Option<String>,
    email: String,
    name: String,
    role: String,
    locale: String,
    password_hash: String,
    disabled_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    exhibitor_id: Option<String>,
}

impl UserRow {
    fn into_domain(self) -> Result<(User, String), CoreError> {
        let invalid = |column: &str| CoreError::Internal(anyhow::anyhow!("users.{column} holds an invalid value"));
        let user = User {
            id: UserId::from_trusted(self.id),
            pavilion_id: self.pavilion_id.map(PavilionId::from_trusted),
            email: EmailAddress::parse(&self.email).map_err(|_| invalid("email"))?,
            name: self.name,
            role: Role::from_stored(&self.role).ok_or_else(|| invalid("role"))?,
            locale: Locale::parse("locale", &self.locale).map_err(|_| invalid("locale"))?,
            exhibitor_id: self.exhibitor_id.map(ExhibitorId::from_trusted),
            disabled: self.disabled_at.is_some(),
            created_at: self.created_at.and_utc(),
        };
        Ok((user, self.password_hash))
    }
}

/// An organiser and its password hash, by email. By its role, not by its lack of a pavilion:
/// buyers have none either.
pub fn find_organiser_by_email(
    conn: &mut DbConnection,
    email: &EmailAddress,
) -> Result<Option<(User, String)>, CoreError> {
    users::table
        .filter(users::role.eq(Role::Organiser.as_str()))
        .filter(users::email.eq(email.as_str()))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .map(UserRow::into_domain)
        .transpose()
}

/// A buyer and its password hash, by email.
pub fn find_buyer_by_email(conn: &mut DbConnection, email: &EmailAddress) -> Result<Option<(User, String)>, CoreError> {
    users::table
        .filter(users::role.eq(Role::Buyer.as_str()))
        .filter(users::email.eq(email.as_str()))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .map(UserRow::into_domain)
        .transpose()
}

pub fn organiser_exists(conn: &mut DbConnection, email: &EmailAddress) -> Result<bool, CoreError> {
    let count: i64 = users::table
        .filter(users::role.eq(Role::Organiser.as_str()))
        .filter(users::email.eq(email.as_str()))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

pub fn insert(conn: &mut DbConnection, user: &User, password_hash: &str) -> Result<(), CoreError> {
    let now = user.created_at.naive_utc();
    let row = UserRow {
        id: user.id.to_string(),
        pavilion_id: user.pavilion_id.as_ref().map(ToString::to_string),
        email: user.email.to_string(),
        name: user.name.clone(),
        role: user.role.as_str().to_owned(),
        locale: user.locale.as_str().to_owned(),
        password_hash: password_hash.to_owned(),
        disabled_at: None,
        created_at: now,
        updated_at: now,
        exhibitor_id: user.exhibitor_id.as_ref().map(ToString::to_string),
    };
    diesel::insert_into(users::table).values(row).execute(conn)?;
    Ok(())
}

/// The account behind a session; the caller already holds a live session for it.
pub fn find_by_id(conn: &mut DbConnection, id: &UserId) -> Result<Option<User>, CoreError> {
    users::table
        .find(id.as_str())
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .map(|row| row.into_domain().map(|(user, _)| user))
        .transpose()
}

/// A pavilion's admin or exhibitor and its password hash, by email, within that pavilion.
pub fn find_member_by_email(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    email: &EmailAddress,
) -> Result<Option<(User, String)>, CoreError> {
    users::table
        .filter(users::pavilion_id.eq(scope.id().as_str()))
        .filter(users::email.eq(email.as_str()))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .map(UserRow::into_domain)
        .transpose()
}

pub fn member_exists(conn: &mut DbConnection, scope: &PavilionScope, email: &EmailAddress) -> Result<bool, CoreError> {
    let count: i64 = users::table
        .filter(users::pavilion_id.eq(scope.id().as_str()))
        .filter(users::email.eq(email.as_str()))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Changes the caller's own name and language.
pub fn update_profile(
    conn: &mut DbConnection,
    id: &UserId,
    name: &str,
    locale: Locale,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), CoreError> {
    diesel::update(users::table.find(id.as_str()))
        .set((users::name.eq(name), users::locale.eq(locale.as_str()), users::updated_at.eq(now.naive_utc())))
        .execute(conn)?;
    Ok(())
}

/// The password hash of an account, to check a current password.
pub fn password_hash(conn: &mut DbConnection, id: &UserId) -> Result<Option<String>, CoreError> {
    Ok(users::table.find(id.as_str()).select(users::password_hash).first(conn).optional()?)
}

/// Sets a new password hash.
pub fn set_password_hash(
    conn: &mut DbConnection,
    user: &UserId,
    hash: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), CoreError> {
    diesel::update(users::table.find(user.as_str()))
        .set((users::password_hash.eq(hash), users::updated_at.eq(now.naive_utc())))
        .execute(conn)?;
    Ok(())
}

/// This pavilion's accounts, in creation order.
pub fn list_for_pavilion(conn: &mut DbConnection, scope: &PavilionScope) -> Result<Vec<User>, CoreError> {
    users::table
        .filter(users::pavilion_id.eq(scope.id().as_str()))
        .order(users::id.asc())
        .select(UserRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|row| row.into_domain().map(|(user, _)| user))
        .collect()
}

/// One account of this pavilion.
pub fn find_member(conn: &mut DbConnection, scope: &PavilionScope, id: &UserId) -> Result<Option<User>, CoreError> {
    users::table
        .filter(users::pavilion_id.eq(scope.id().as_str()))
        .filter(users::id.eq(id.as_str()))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .map(|row| row.into_domain().map(|(user, _)| user))
        .transpose()
}

/// Disables (with the time) or re-enables an account of this pavilion.
pub fn set_disabled(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    id: &UserId,
    disabled_at: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<(), CoreError> {
    diesel::update(users::table.filter(users::pavilion_id.eq(scope.id().as_str())).filter(users::id.eq(id.as_str())))
        .set(users::disabled_at.eq(disabled_at.map(|t| t.naive_utc())))
        .execute(conn)?;
    Ok(())
}

/// Gives an account of this pavilion another role (and company, for exhibitors).
pub fn set_role(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    id: &UserId,
    role: Role,
    exhibitor: Option<&crate::domain::ExhibitorId>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), CoreError> {
    diesel::update(users::table.filter(users::pavilion_id.eq(scope.id().as_str())).filter(users::id.eq(id.as_str())))
        .set((
            users::role.eq(role.as_str()),
            users::exhibitor_id.eq(exhibitor.map(|e| e.as_str().to_owned())),
            users::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Enabled admins of the pavilion.
pub fn count_active_admins(conn: &mut DbConnection, scope: &PavilionScope) -> Result<i64, CoreError> {
    Ok(users::table
        .filter(users::pavilion_id.eq(scope.id().as_str()))
        .filter(users::role.eq(Role::PavilionAdmin.as_str()))
        .filter(users::disabled_at.is_null())
        .count()
        .get_result(conn)?)
}
