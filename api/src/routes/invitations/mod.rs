pub mod accept;
pub mod create;
pub mod list;
pub mod revoke;

use crate::state::AppState;
use pavilion_core::services::invitations::InviteSettings;

pub(crate) fn invite_settings(state: &AppState) -> InviteSettings<'_> {
    InviteSettings {
        public_url: &state.settings.public_url,
        mail_domain: state.settings.mail_domain(),
        ttl: chrono::Duration::hours(state.settings.invitation_ttl_hours),
    }
}
