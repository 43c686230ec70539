//! Appends to the audit log from a handler's transaction, with the caller's address.

use crate::state::AppState;
use pavilion_core::CoreError;
use pavilion_core::db::DbConnection;
use pavilion_core::domain::{PavilionId, UserId};
use pavilion_core::services::audit::{self, Action, Entry};

pub fn record(
    conn: &mut DbConnection,
    state: &AppState,
    action: Action,
    pavilion_id: Option<&PavilionId>,
    actor_id: Option<&UserId>,
    target: Option<&str>,
    ip: Option<&str>,
) -> Result<(), CoreError> {
    audit::record(conn, state.now(), Entry { action, pavilion_id, actor_id, target, ip })
}
