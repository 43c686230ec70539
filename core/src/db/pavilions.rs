//! Pavilion rows. Looking a pavilion up by slug is how a request finds its tenant, so these are
//! the only queries that take no pavilion argument.

use super::DbConnection;
use super::schema::{pavilions, users};
use crate::domain::{
    BrandColor, EmailAddress, LocalizedText, Pavilion, PavilionId, PavilionStatus, ReminderDays, SecondFactorRequired,
    Slug, TimeZone,
};
use crate::error::CoreError;
use crate::policy::tenancy::MarketScope;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashMap;

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = pavilions, treat_none_as_null = true)]
struct PavilionRow {
    id: String,
    slug: String,
    name: String,
    region: String,
    host_association: String,
    description: String,
    location: Option<String>,
    contact_email: Option<String>,
    brand_color: Option<String>,
    logo_url: Option<String>,
    sender_name: Option<String>,
    reply_to: Option<String>,
    email_footer: String,
    profile_deadline: Option<NaiveDateTime>,
    status: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    reminder_days: String,
    time_zone: String,
    second_factor_admins: bool,
    second_factor_exhibitors: bool,
}

fn to_json(text: &LocalizedText) -> Result<String, CoreError> {
    Ok(serde_json::to_string(text).map_err(anyhow::Error::new)?)
}

fn from_json(column: &str, raw: &str) -> Result<LocalizedText, CoreError> {
    serde_json::from_str(raw)
        .map_err(|e| CoreError::Internal(anyhow::anyhow!("pavilions.{column} is not a localized text: {e}")))
}

fn stored<T>(column: &str, result: Result<T, CoreError>) -> Result<T, CoreError> {
    result.map_err(|e| CoreError::Internal(anyhow::anyhow!("pavilions.{column} holds an invalid value: {e}")))
}

impl PavilionRow {
    fn from_domain(p: &Pavilion) -> Result<Self, CoreError> {
        Ok(Self {
            id: p.id.to_string(),
            slug: p.slug.to_string(),
            name: to_json(&p.name)?,
            region: to_json(&p.region)?,
            host_association: to_json(&p.host_association)?,
            description: to_json(&p.description)?,
            location: p.location.clone(),
            contact_email: p.contact_email.as_ref().map(ToString::to_string),
            brand_color: p.brand_color.as_ref().map(|c| c.as_str().to_owned()),
            logo_url: p.logo_url.clone(),
            sender_name: p.sender_name.clone(),
            reply_to: p.reply_to.as_ref().map(ToString::to_string),
            email_footer: to_json(&p.email_footer)?,
            profile_deadline: p.profile_deadline.map(|t| t.naive_utc()),
            status: p.status.as_str().to_owned(),
            created_at: p.created_at.naive_utc(),
            updated_at: p.updated_at.naive_utc(),
            reminder_days: serde_json::to_string(&p.reminder_days).map_err(anyhow::Error::new)?,
            time_zone: p.time_zone.name().to_owned(),
            second_factor_admins: p.second_factor.admins,
            second_factor_exhibitors: p.second_factor.exhibitors,
        })
    }

    fn into_domain(self) -> Result<Pavilion, CoreError> {
        Ok(Pavilion {
            id: PavilionId::from_trusted(self.id),
            slug: stored("slug", Slug::parse(&self.slug))?,
            name: from_json("name", &self.name)?,
            region: from_json("region", &self.region)?,
            host_association: from_json("host_association", &self.host_association)?,
            description: from_json("description", &self.description)?,
            location: self.location,
            contact_email: self.contact_email.map(|e| stored("contact_email", EmailAddress::parse(&e))).transpose()?,
            brand_color: self.brand_color.map(|c| stored("brand_color", BrandColor::parse(&c))).transpose()?,
            logo_url: self.logo_url,
            sender_name: self.sender_name,
            reply_to: self.reply_to.map(|e| stored("reply_to", EmailAddress::parse(&e))).transpose()?,
            email_footer: from_json("email_footer", &self.email_footer)?,
            profile_deadline: self.profile_deadline.map(|t| t.and_utc()),
            status: stored("status", PavilionStatus::parse(&self.status))?,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
            reminder_days: stored(
                "reminder_days",
                serde_json::from_str::<Vec<i64>>(&self.reminder_days)
                    .map_err(|e| CoreError::Internal(e.into()))
                    .and_then(|days| ReminderDays::parse(&days)),
            )?,
            time_zone: stored("time_zone", TimeZone::parse(&self.time_zone))?,
            second_factor: SecondFactorRequired {
                admins: self.second_factor_admins,
                exhibitors: self.second_factor_exhibitors,
            },
        })
    }
}

pub fn find_by_slug(conn: &mut DbConnection, slug: &Slug) -> Result<Option<Pavilion>, CoreError> {
    pavilions::table
        .filter(pavilions::slug.eq(slug.as_str()))
        .select(PavilionRow::as_select())
        .first(conn)
        .optional()?
        .map(PavilionRow::into_domain)
        .transpose()
}

pub fn slug_exists(conn: &mut DbConnection, slug: &Slug) -> Result<bool, CoreError> {
    let count: i64 = pavilions::table.filter(pavilions::slug.eq(slug.as_str())).count().get_result(conn)?;
    Ok(count > 0)
}

pub fn insert(conn: &mut DbConnection, pavilion: &Pavilion) -> Result<(), CoreError> {
    diesel::insert_into(pavilions::table).values(PavilionRow::from_domain(pavilion)?).execute(conn)?;
    Ok(())
}

/// Writes every column of an already-loaded and modified pavilion.
pub fn update(conn: &mut DbConnection, pavilion: &Pavilion) -> Result<(), CoreError> {
    let updated = diesel::update(pavilions::table.find(pavilion.id.as_str()))
        .set(PavilionRow::from_domain(pavilion)?)
        .execute(conn)?;
    if updated == 1 { Ok(()) } else { Err(CoreError::NotFound("pavilion")) }
}

/// One page in slug order, after `after_slug`; `only_active` for the public listing.
pub fn list(
    conn: &mut DbConnection,
    only_active: bool,
    after_slug: Option<&str>,
    limit: i64,
) -> Result<Vec<Pavilion>, CoreError> {
    let mut query =
        pavilions::table.select(PavilionRow::as_select()).order(pavilions::slug.asc()).limit(limit).into_boxed();
    if only_active {
        query = query.filter(pavilions::status.eq(PavilionStatus::Active.as_str()));
    }
    if let Some(after) = after_slug {
        query = query.filter(pavilions::slug.gt(after.to_owned()));
    }
    query.load(conn)?.into_iter().map(PavilionRow::into_domain).collect()
}

/// Every pavilion, in slug order: the market overview's rows (the organiser's).
pub fn all(conn: &mut DbConnection, _market: &MarketScope) -> Result<Vec<Pavilion>, CoreError> {
    pavilions::table
        .select(PavilionRow::as_select())
        .order(pavilions::slug.asc())
        .load(conn)?
        .into_iter()
        .map(PavilionRow::into_domain)
        .collect()
}

/// Accounts per pavilion, for the organiser's overview; one grouped query for a whole page.
pub fn member_counts(
    conn: &mut DbConnection,
    _market: &MarketScope,
    ids: &[PavilionId],
) -> Result<HashMap<PavilionId, i64>, CoreError> {
    let ids: Vec<&str> = ids.iter().map(PavilionId::as_str).collect();
    let rows: Vec<(Option<String>, i64)> = users::table
        .filter(users::pavilion_id.eq_any(ids))
        .group_by(users::pavilion_id)
        .select((users::pavilion_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(id, count)| Some((PavilionId::from_trusted(id?), count))).collect())
}

/// The pavilion an account belongs to.
pub fn find_by_id(conn: &mut DbConnection, id: &PavilionId) -> Result<Option<Pavilion>, CoreError> {
    pavilions::table
        .find(id.as_str())
        .select(PavilionRow::as_select())
        .first(conn)
        .optional()?
        .map(PavilionRow::into_domain)
        .transpose()
}

/// The slugs of these pavilions, by id (labels for oversight lists).
pub fn slugs_by_id(conn: &mut DbConnection, ids: &[PavilionId]) -> Result<HashMap<PavilionId, String>, CoreError> {
    let ids: Vec<&str> = ids.iter().map(PavilionId::as_str).collect();
    let rows: Vec<(String, String)> =
        pavilions::table.filter(pavilions::id.eq_any(ids)).select((pavilions::id, pavilions::slug)).load(conn)?;
    Ok(rows.into_iter().map(|(id, slug)| (PavilionId::from_trusted(id), slug)).collect())
}
