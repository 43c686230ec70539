pub mod create;
pub mod get;
pub mod list;
pub mod update;

use pavilion_core::domain::Pavilion;
use pavilion_core::policy::Principal;

/// Whether the caller manages this pavilion (and so sees its email identity).
fn manages(caller: Option<&Principal>, pavilion: &Pavilion) -> bool {
    caller.is_some_and(|c| c.is_organiser() || c.administers(&pavilion.id))
}
