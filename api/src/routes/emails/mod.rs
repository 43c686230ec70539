pub mod list_all;
pub mod list_pavilion;
pub mod resend_any;
pub mod resend_pavilion;
pub mod send_test;

use crate::dto::email::EmailLogEntry;
use pavilion_core::CoreError;
use pavilion_core::db::DbConnection;
use pavilion_core::mail::EmailRecord;
use pavilion_core::services::pavilions;

/// Log rows with their pavilion's slug.
fn entries(conn: &mut DbConnection, records: Vec<EmailRecord>) -> Result<Vec<EmailLogEntry>, CoreError> {
    let ids: Vec<_> = records.iter().filter_map(|r| r.pavilion_id.clone()).collect();
    let slugs = pavilions::slugs_by_id(conn, &ids)?;
    Ok(records.into_iter().map(|record| EmailLogEntry::new(record, &slugs)).collect())
}
