//! The audit log: who did what, where, to whom, when, from which address. Use cases append to
//! it through their context; `audit_log` reads it back.

use crate::db::{self, DbConnection};
use crate::domain::{AuditEvent, PavilionId, UserId};
use crate::error::CoreError;
use chrono::{DateTime, Utc};

/// Every action the log knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    LoginSucceeded,
    LoginFailed,
    InvitationSent,
    InvitationAccepted,
    InvitationRevoked,
    PasswordResetRequested,
    PasswordResetCompleted,
    PasswordChanged,
    UserDisabled,
    UserEnabled,
    RoleChanged,
    PavilionCreated,
    PavilionUpdated,
    ExhibitorCreated,
    ExhibitorSubmitted,
    ExhibitorApproved,
    ExhibitorChangesRequested,
    ExhibitorUnlocked,
    ExhibitorsImported,
    AnnouncementSent,
    RemindersSent,
    SecondFactorAdded,
    SecondFactorRemoved,
    SecondFactorFailed,
    RecoveryCodeUsed,
    RecoveryCodesRenewed,
    SecondFactorReset,
    BuyerRegistered,
    BuyerEmailConfirmed,
}

impl Action {
    pub const ALL: [Action; 29] = [
        Self::LoginSucceeded,
        Self::LoginFailed,
        Self::InvitationSent,
        Self::InvitationAccepted,
        Self::InvitationRevoked,
        Self::PasswordResetRequested,
        Self::PasswordResetCompleted,
        Self::PasswordChanged,
        Self::UserDisabled,
        Self::UserEnabled,
        Self::RoleChanged,
        Self::PavilionCreated,
        Self::PavilionUpdated,
        Self::ExhibitorCreated,
        Self::ExhibitorSubmitted,
        Self::ExhibitorApproved,
        Self::ExhibitorChangesRequested,
        Self::ExhibitorUnlocked,
        Self::ExhibitorsImported,
        Self::AnnouncementSent,
        Self::RemindersSent,
        Self::SecondFactorAdded,
        Self::SecondFactorRemoved,
        Self::SecondFactorFailed,
        Self::RecoveryCodeUsed,
        Self::RecoveryCodesRenewed,
        Self::SecondFactorReset,
        Self::BuyerRegistered,
        Self::BuyerEmailConfirmed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::LoginSucceeded => "login_succeeded",
            Self::LoginFailed => "login_failed",
            Self::InvitationSent => "invitation_sent",
            Self::InvitationAccepted => "invitation_accepted",
            Self::InvitationRevoked => "invitation_revoked",
            Self::PasswordResetRequested => "password_reset_requested",
            Self::BuyerRegistered => "buyer_registered",
            Self::BuyerEmailConfirmed => "buyer_email_confirmed",
            Self::PasswordResetCompleted => "password_reset_completed",
            Self::PasswordChanged => "password_changed",
            Self::UserDisabled => "user_disabled",
            Self::UserEnabled => "user_enabled",
            Self::RoleChanged => "role_changed",
            Self::PavilionCreated => "pavilion_created",
            Self::PavilionUpdated => "pavilion_updated",
            Self::ExhibitorCreated => "exhibitor_created",
            Self::ExhibitorSubmitted => "exhibitor_submitted",
            Self::ExhibitorApproved => "exhibitor_approved",
            Self::ExhibitorChangesRequested => "exhibitor_changes_requested",
            Self::ExhibitorUnlocked => "exhibitor_unlocked",
            Self::ExhibitorsImported => "exhibitors_imported",
            Self::AnnouncementSent => "announcement_sent",
            Self::RemindersSent => "reminders_sent",
            Self::SecondFactorAdded => "second_factor_added",
            Self::SecondFactorRemoved => "second_factor_removed",
            Self::SecondFactorFailed => "second_factor_failed",
            Self::RecoveryCodeUsed => "recovery_code_used",
            Self::RecoveryCodesRenewed => "recovery_codes_renewed",
            Self::SecondFactorReset => "second_factor_reset",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, CoreError> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str() == raw)
            .ok_or_else(|| CoreError::invalid("action", "invalid_action", "is not an action of the audit log"))
    }
}

/// An event to append.
pub struct Entry<'a> {
    pub action: Action,
    pub pavilion_id: Option<&'a PavilionId>,
    pub actor_id: Option<&'a UserId>,
    pub target: Option<&'a str>,
    pub ip: Option<&'a str>,
}

pub fn record(conn: &mut DbConnection, now: DateTime<Utc>, entry: Entry<'_>) -> Result<(), CoreError> {
    db::audit::insert(
        conn,
        &AuditEvent {
            id: uuid::Uuid::now_v7().to_string(),
            pavilion_id: entry.pavilion_id.cloned(),
            actor_id: entry.actor_id.cloned(),
            action: entry.action.as_str().to_owned(),
            // A failed login's target is whatever a stranger typed: kept, but never a control
            // character (PostgreSQL refuses NUL in text, and a log reader should see no tricks).
            target: entry.target.map(crate::domain::printable),
            ip: entry.ip.map(crate::domain::printable),
            created_at: now,
        },
    )
}
