//! Exhibitor companies and their works: tenant rows, every query scoped by pavilion.

use super::DbConnection;
use super::schema::{exhibitors, users, works};
use crate::domain::ExhibitorFilter;
use crate::domain::{EmailAddress, Exhibitor, ExhibitorId, ExhibitorStatus, Locale, PavilionId, Work, WorkId};
use crate::error::CoreError;
use crate::policy::tenancy::PavilionScope;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = exhibitors)]
struct ExhibitorRow {
    id: String,
    pavilion_id: String,
    profile: String,
    status: String,
    version: i64,
    completeness: i32,
    review_comment: Option<String>,
    edits_unlocked: bool,
    sort_name: String,
    submitted_at: Option<NaiveDateTime>,
    published_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

fn corrupt(column: &str, error: impl std::fmt::Display) -> CoreError {
    CoreError::Internal(anyhow::anyhow!("{column} holds an invalid value: {error}"))
}

impl ExhibitorRow {
    fn from_domain(exhibitor: &Exhibitor) -> Result<Self, CoreError> {
        Ok(Self {
            id: exhibitor.id.to_string(),
            pavilion_id: exhibitor.pavilion_id.to_string(),
            profile: super::documents::profile_to_text(&exhibitor.profile)?,
            status: exhibitor.status.as_str().to_owned(),
            version: exhibitor.version,
            completeness: i32::from(exhibitor.completeness),
            review_comment: exhibitor.review_comment.clone(),
            edits_unlocked: exhibitor.edits_unlocked,
            sort_name: exhibitor.profile.sort_name(),
            submitted_at: exhibitor.submitted_at.map(|t| t.naive_utc()),
            published_at: exhibitor.published_at.map(|t| t.naive_utc()),
            created_at: exhibitor.created_at.naive_utc(),
            updated_at: exhibitor.updated_at.naive_utc(),
        })
    }

    fn into_domain(self) -> Result<Exhibitor, CoreError> {
        Ok(Exhibitor {
            id: ExhibitorId::from_trusted(self.id),
            pavilion_id: PavilionId::from_trusted(self.pavilion_id),
            profile: super::documents::profile_from_text("exhibitors.profile", &self.profile)?,
            status: ExhibitorStatus::parse("status", &self.status).map_err(|e| corrupt("exhibitors.status", e))?,
            version: self.version,
            completeness: u8::try_from(self.completeness).unwrap_or(0),
            review_comment: self.review_comment,
            edits_unlocked: self.edits_unlocked,
            submitted_at: self.submitted_at.map(|t| t.and_utc()),
            published_at: self.published_at.map(|t| t.and_utc()),
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        })
    }
}

pub fn insert(conn: &mut DbConnection, exhibitor: &Exhibitor) -> Result<(), CoreError> {
    diesel::insert_into(exhibitors::table).values(ExhibitorRow::from_domain(exhibitor)?).execute(conn)?;
    Ok(())
}

/// One company of this pavilion.
pub fn find(conn: &mut DbConnection, scope: &PavilionScope, id: &ExhibitorId) -> Result<Option<Exhibitor>, CoreError> {
    exhibitors::table
        .filter(exhibitors::pavilion_id.eq(scope.id().as_str()))
        .filter(exhibitors::id.eq(id.as_str()))
        .select(ExhibitorRow::as_select())
        .first(conn)
        .optional()?
        .map(ExhibitorRow::into_domain)
        .transpose()
}

/// A page of this pavilion's companies in creation order (`limit` rows after `after_id`).
pub fn list(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    filter: &ExhibitorFilter,
    after_id: Option<&str>,
    limit: i64,
) -> Result<Vec<Exhibitor>, CoreError> {
    let mut query = exhibitors::table
        .filter(exhibitors::pavilion_id.eq(scope.id().as_str()))
        .select(ExhibitorRow::as_select())
        .order(exhibitors::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(status) = filter.status {
        query = query.filter(exhibitors::status.eq(status.as_str()));
    }
    if let Some(min) = filter.min_completeness {
        query = query.filter(exhibitors::completeness.ge(i32::from(min)));
    }
    if let Some(max) = filter.max_completeness {
        query = query.filter(exhibitors::completeness.le(i32::from(max)));
    }
    if let Some(after) = after_id {
        query = query.filter(exhibitors::id.gt(after.to_owned()));
    }
    query.load(conn)?.into_iter().map(ExhibitorRow::into_domain).collect()
}

/// Writes a changed company if it is still at `expected_version`; false if someone else wrote
/// first. The stored version becomes `expected_version + 1`.
pub fn update(conn: &mut DbConnection, exhibitor: &Exhibitor, expected_version: i64) -> Result<bool, CoreError> {
    let row = ExhibitorRow::from_domain(exhibitor)?;
    let updated = diesel::update(
        exhibitors::table
            .filter(exhibitors::pavilion_id.eq(&row.pavilion_id))
            .filter(exhibitors::id.eq(&row.id))
            .filter(exhibitors::version.eq(expected_version)),
    )
    .set((
        exhibitors::profile.eq(&row.profile),
        exhibitors::status.eq(&row.status),
        exhibitors::version.eq(expected_version + 1),
        exhibitors::completeness.eq(row.completeness),
        exhibitors::review_comment.eq(&row.review_comment),
        exhibitors::edits_unlocked.eq(row.edits_unlocked),
        exhibitors::sort_name.eq(&row.sort_name),
        exhibitors::submitted_at.eq(row.submitted_at),
        exhibitors::published_at.eq(row.published_at),
        exhibitors::updated_at.eq(row.updated_at),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// The enabled accounts of one company, to notify them.
pub fn users_of(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    exhibitor: &ExhibitorId,
) -> Result<Vec<(EmailAddress, String, Locale)>, CoreError> {
    recipients(
        users::table
            .filter(users::pavilion_id.eq(scope.id().as_str()))
            .filter(users::exhibitor_id.eq(exhibitor.as_str()))
            .filter(users::disabled_at.is_null())
            .order(users::id.asc())
            .select((users::email, users::name, users::locale))
            .load(conn)?,
    )
}

/// The enabled admins of a pavilion, to notify them.
pub fn admins_of(
    conn: &mut DbConnection,
    scope: &PavilionScope,
) -> Result<Vec<(EmailAddress, String, Locale)>, CoreError> {
    recipients(
        users::table
            .filter(users::pavilion_id.eq(scope.id().as_str()))
            .filter(users::role.eq(crate::domain::Role::PavilionAdmin.as_str()))
            .filter(users::disabled_at.is_null())
            .order(users::id.asc())
            .select((users::email, users::name, users::locale))
            .load(conn)?,
    )
}

fn recipients(rows: Vec<(String, String, String)>) -> Result<Vec<(EmailAddress, String, Locale)>, CoreError> {
    rows.into_iter()
        .map(|(email, name, locale)| {
            Ok((
                EmailAddress::parse(&email).map_err(|e| corrupt("users.email", e))?,
                name,
                Locale::parse("locale", &locale).map_err(|e| corrupt("users.locale", e))?,
            ))
        })
        .collect()
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = works)]
struct WorkRow {
    id: String,
    pavilion_id: String,
    exhibitor_id: String,
    data: String,
    version: i64,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl WorkRow {
    fn from_domain(work: &Work) -> Result<Self, CoreError> {
        Ok(Self {
            id: work.id.to_string(),
            pavilion_id: work.pavilion_id.to_string(),
            exhibitor_id: work.exhibitor_id.to_string(),
            data: super::documents::work_to_text(&work.details)?,
            version: work.version,
            created_at: work.created_at.naive_utc(),
            updated_at: work.updated_at.naive_utc(),
        })
    }

    fn into_domain(self) -> Result<Work, CoreError> {
        Ok(Work {
            id: WorkId::from_trusted(self.id),
            pavilion_id: PavilionId::from_trusted(self.pavilion_id),
            exhibitor_id: ExhibitorId::from_trusted(self.exhibitor_id),
            details: super::documents::work_from_text("works.data", &self.data)?,
            version: self.version,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        })
    }
}

pub fn insert_work(conn: &mut DbConnection, work: &Work) -> Result<(), CoreError> {
    diesel::insert_into(works::table).values(WorkRow::from_domain(work)?).execute(conn)?;
    Ok(())
}

pub fn find_work(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    exhibitor: &ExhibitorId,
    id: &WorkId,
) -> Result<Option<Work>, CoreError> {
    works::table
        .filter(works::pavilion_id.eq(scope.id().as_str()))
        .filter(works::exhibitor_id.eq(exhibitor.as_str()))
        .filter(works::id.eq(id.as_str()))
        .select(WorkRow::as_select())
        .first(conn)
        .optional()?
        .map(WorkRow::into_domain)
        .transpose()
}

/// A page of one company's works in creation order; `limit: None` loads them all.
pub fn list_works(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    exhibitor: &ExhibitorId,
    after_id: Option<&str>,
    limit: Option<i64>,
) -> Result<Vec<Work>, CoreError> {
    let mut query = works::table
        .filter(works::pavilion_id.eq(scope.id().as_str()))
        .filter(works::exhibitor_id.eq(exhibitor.as_str()))
        .select(WorkRow::as_select())
        .order(works::id.asc())
        .into_boxed();
    if let Some(after) = after_id {
        query = query.filter(works::id.gt(after.to_owned()));
    }
    if let Some(limit) = limit {
        query = query.limit(limit);
    }
    query.load(conn)?.into_iter().map(WorkRow::into_domain).collect()
}

pub fn count_works(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    exhibitor: &ExhibitorId,
) -> Result<usize, CoreError> {
    let count: i64 = works::table
        .filter(works::pavilion_id.eq(scope.id().as_str()))
        .filter(works::exhibitor_id.eq(exhibitor.as_str()))
        .count()
        .get_result(conn)?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// Works per company, for a page of companies; one grouped query.
pub fn work_counts(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    ids: &[&ExhibitorId],
) -> Result<std::collections::HashMap<ExhibitorId, usize>, CoreError> {
    let ids: Vec<&str> = ids.iter().map(|id| id.as_str()).collect();
    let rows: Vec<(String, i64)> = works::table
        .filter(works::pavilion_id.eq(scope.id().as_str()))
        .filter(works::exhibitor_id.eq_any(ids))
        .group_by(works::exhibitor_id)
        .select((works::exhibitor_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, n)| (ExhibitorId::from_trusted(id), usize::try_from(n).unwrap_or(0))).collect())
}

/// Writes a changed work if it is still at `expected_version`; false if someone else wrote first.
pub fn update_work(conn: &mut DbConnection, work: &Work, expected_version: i64) -> Result<bool, CoreError> {
    let row = WorkRow::from_domain(work)?;
    let updated = diesel::update(
        works::table
            .filter(works::pavilion_id.eq(&row.pavilion_id))
            .filter(works::exhibitor_id.eq(&row.exhibitor_id))
            .filter(works::id.eq(&row.id))
            .filter(works::version.eq(expected_version)),
    )
    .set((works::data.eq(&row.data), works::version.eq(expected_version + 1), works::updated_at.eq(row.updated_at)))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Deletes a work if it is still at `expected_version` (any version when `None`).
pub fn delete_work(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    exhibitor: &ExhibitorId,
    id: &WorkId,
    expected_version: Option<i64>,
) -> Result<bool, CoreError> {
    let mut query = diesel::delete(
        works::table
            .filter(works::pavilion_id.eq(scope.id().as_str()))
            .filter(works::exhibitor_id.eq(exhibitor.as_str()))
            .filter(works::id.eq(id.as_str())),
    )
    .into_boxed();
    if let Some(version) = expected_version {
        query = query.filter(works::version.eq(version));
    }
    Ok(query.execute(conn)? == 1)
}

/// A page of this pavilion's works, every company's, in creation order (`limit` after
/// `after_id`): what an export reads, page by page.
pub fn pavilion_works(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    after_id: Option<&str>,
    limit: i64,
) -> Result<Vec<Work>, CoreError> {
    let mut query = works::table
        .filter(works::pavilion_id.eq(scope.id().as_str()))
        .select(WorkRow::as_select())
        .order(works::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after_id {
        query = query.filter(works::id.gt(after.to_owned()));
    }
    query.load(conn)?.into_iter().map(WorkRow::into_domain).collect()
}

/// The names of these companies of this pavilion, by id (for the works of an export).
pub fn names(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    ids: &[&str],
) -> Result<std::collections::HashMap<String, crate::domain::LocalizedText>, CoreError> {
    let rows: Vec<(String, String)> = exhibitors::table
        .filter(exhibitors::pavilion_id.eq(scope.id().as_str()))
        .filter(exhibitors::id.eq_any(ids))
        .select((exhibitors::id, exhibitors::profile))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, profile)| Ok((id, super::documents::profile_from_text("exhibitors.profile", &profile)?.name)))
        .collect()
}
