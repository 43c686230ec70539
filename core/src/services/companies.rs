//! A company named in a request body (an invitation into it, an account moved to it): checked
//! against the pavilion it must belong to.

use crate::db::{self, DbConnection};
use crate::domain::ExhibitorId;
use crate::error::CoreError;
use crate::policy::tenancy::PavilionScope;

/// Whether this company exists in this pavilion (invitations into a company check it).
pub(crate) fn exists(conn: &mut DbConnection, scope: &PavilionScope, id: &ExhibitorId) -> Result<bool, CoreError> {
    Ok(db::exhibitors::find(conn, scope, id)?.is_some())
}

/// An `exhibitor_id` in a request body that names no company of the pavilion.
pub(crate) fn unknown_company() -> CoreError {
    CoreError::invalid("exhibitor_id", "unknown_exhibitor", "no such exhibitor in this pavilion")
}

/// Parses a company named in a request body: a malformed id is refused exactly like an unknown one.
pub fn parse_company_reference(raw: &str) -> Result<ExhibitorId, CoreError> {
    ExhibitorId::parse(raw).map_err(|_| unknown_company())
}
