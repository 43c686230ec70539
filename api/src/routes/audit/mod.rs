pub mod list_all;
pub mod list_pavilion;

use crate::dto::audit::{AuditEntry, AuditPage};
use pavilion_core::CoreError;
use pavilion_core::db::{DbConnection, audit::AuditEvent};
use pavilion_core::services::{Page, pavilions};

fn page(conn: &mut DbConnection, page: Page<AuditEvent>) -> Result<AuditPage, CoreError> {
    let ids: Vec<_> = page.items.iter().filter_map(|e| e.pavilion_id.clone()).collect();
    let slugs = pavilions::slugs_by_id(conn, &ids)?;
    Ok(AuditPage {
        items: page.items.into_iter().map(|e| AuditEntry::new(e, &slugs)).collect(),
        next_cursor: page.next_cursor,
    })
}
