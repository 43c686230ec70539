use crate::domain::{EmailAddress, Locale, PavilionId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a notification says, as data. Each variant is versioned: a template change that needs
/// new fields gets a new variant, so rows queued before a deploy still render.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Payload {
    /// A message an admin sends to themselves to check the pavilion's email identity.
    #[serde(rename = "test_message.v1")]
    TestMessageV1 {
        /// Name of the person who asked for it.
        requested_by: String,
    },
    /// An invitation to join a pavilion. Holds the link: never shown in the delivery log.
    #[serde(rename = "invitation.v1")]
    InvitationV1 {
        invited_by: String,
        /// `pavilion_admin` or `exhibitor`.
        role: String,
        accept_url: String,
        /// RFC 3339, shown as a date in the message.
        expires_at: DateTime<Utc>,
    },
    /// A link to choose a new password. Holds the link: never shown in the delivery log.
    #[serde(rename = "password_reset.v1")]
    PasswordResetV1 { reset_url: String, expires_at: DateTime<Utc> },
    /// To a buyer who registered: the link that confirms its address. Holds the link: never
    /// shown in the delivery log.
    #[serde(rename = "buyer_confirm_email.v1")]
    BuyerConfirmEmailV1 { confirm_url: String, expires_at: DateTime<Utc> },
    /// To the owner of a buyer account whose address registered again: the account stays as it
    /// is, and the market's site is where it signs in.
    #[serde(rename = "buyer_already_registered.v1")]
    BuyerAlreadyRegisteredV1 { site_url: String },
    /// A notice that the password changed, so an owner who did not do it can react.
    #[serde(rename = "password_changed.v1")]
    PasswordChangedV1 { changed_at: DateTime<Utc> },
    /// To a pavilion's admins: a company sent its profile for review.
    #[serde(rename = "exhibitor_submitted.v1")]
    ExhibitorSubmittedV1 { company: String, submitted_by: String, review_url: String },
    /// A notice that a second factor was added to or removed from the account, so an owner who
    /// did not do it can react.
    #[serde(rename = "second_factor_changed.v1")]
    SecondFactorChangedV1 {
        /// `totp`: an authenticator app; `passkey`; `all`: both (removed for the owner).
        method: String,
        /// Added (else removed).
        added: bool,
        changed_at: DateTime<Utc>,
        /// Who removed it for the owner (an admin, the organiser, the command line), if not the
        /// owner.
        /// Absent from messages queued before it existed (read as none); always written, as the
        /// templates read it.
        #[serde(default)]
        removed_by: Option<String>,
        /// Removed by the owner with another second factor still on the account (sign-in still
        /// asks for it). Absent from older messages: none.
        #[serde(default)]
        factors_left: bool,
    },
    /// To a company's users: their profile is approved and now public.
    #[serde(rename = "exhibitor_approved.v1")]
    ExhibitorApprovedV1 { company: String, profile_url: String },
    /// To a company's users: the pavilion asks for changes before approving.
    #[serde(rename = "changes_requested.v1")]
    ChangesRequestedV1 { company: String, comment: String, edit_url: String },
    /// A pavilion's (or the organiser's) announcement, in one language: the recipient's, or the
    /// nearest one it was written in.
    #[serde(rename = "announcement.v1")]
    AnnouncementV1 {
        title: String,
        message: String,
        /// The author's name, as the signature.
        sent_by: String,
    },
    /// To a company's people: the profile deadline is near and the profile is not done.
    #[serde(rename = "deadline_reminder.v1")]
    DeadlineReminderV1 {
        company: String,
        /// On the pavilion's clocks (`2027-03-10 18:00`), in `time_zone`.
        deadline: String,
        time_zone: String,
        days_left: i64,
        /// The profile's items still missing (`description`, `logo`, …), in the checklist's order.
        missing: Vec<String>,
        /// Not yet sent for review.
        not_submitted: bool,
        workspace_url: String,
    },
    /// To a pavilion's admins: the companies just reminded of the deadline.
    #[serde(rename = "reminder_digest.v1")]
    ReminderDigestV1 {
        deadline: String,
        time_zone: String,
        days_left: i64,
        companies: Vec<RemindedCompany>,
        companies_url: String,
    },
}

/// One company of a reminder digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemindedCompany {
    pub name: String,
    /// How many of the profile's items are missing.
    pub missing: usize,
    pub not_submitted: bool,
    /// Nobody to write to: no account and no open invitation.
    pub unreachable: bool,
}

impl Payload {
    /// Whether this message carries a one-time link (an invitation or a reset), which must not be
    /// kept once the message is delivered or given up.
    pub fn has_secret_link(&self) -> bool {
        match self {
            Payload::InvitationV1 { accept_url, .. } => !accept_url.is_empty(),
            Payload::PasswordResetV1 { reset_url, .. } => !reset_url.is_empty(),
            Payload::BuyerConfirmEmailV1 { confirm_url, .. } => !confirm_url.is_empty(),
            _ => false,
        }
    }

    /// Whether this kind of message ever carries a one-time link.
    pub fn is_link_bearing(&self) -> bool {
        matches!(
            self,
            Payload::InvitationV1 { .. } | Payload::PasswordResetV1 { .. } | Payload::BuyerConfirmEmailV1 { .. }
        )
    }

    /// The payload as kept after delivery: everything but the one-time link.
    pub fn without_secret_link(mut self) -> Self {
        match &mut self {
            Payload::InvitationV1 { accept_url: url, .. }
            | Payload::PasswordResetV1 { reset_url: url, .. }
            | Payload::BuyerConfirmEmailV1 { confirm_url: url, .. } => {
                url.clear();
            }
            _ => {}
        }
        self
    }

    /// The template folder and the `kind` column.
    pub fn kind(&self) -> &'static str {
        match self {
            Payload::TestMessageV1 { .. } => "test_message",
            Payload::InvitationV1 { .. } => "invitation",
            Payload::PasswordResetV1 { .. } => "password_reset",
            Payload::BuyerConfirmEmailV1 { .. } => "buyer_confirm_email",
            Payload::BuyerAlreadyRegisteredV1 { .. } => "buyer_already_registered",
            Payload::PasswordChangedV1 { .. } => "password_changed",
            Payload::SecondFactorChangedV1 { .. } => "second_factor_changed",
            Payload::ExhibitorSubmittedV1 { .. } => "exhibitor_submitted",
            Payload::ExhibitorApprovedV1 { .. } => "exhibitor_approved",
            Payload::ChangesRequestedV1 { .. } => "changes_requested",
            Payload::AnnouncementV1 { .. } => "announcement",
            Payload::DeadlineReminderV1 { .. } => "deadline_reminder",
            Payload::ReminderDigestV1 { .. } => "reminder_digest",
        }
    }
}

/// A notification to queue, inside the transaction of the change that causes it.
#[derive(Debug, Clone)]
pub struct NewEmail {
    pub pavilion_id: Option<PavilionId>,
    pub recipient: EmailAddress,
    pub recipient_name: Option<String>,
    pub locale: Locale,
    pub payload: Payload,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailStatus {
    /// Waiting for its next attempt.
    Pending,
    /// Claimed by a worker until its lease ends.
    Sending,
    Sent,
    /// Given up: a permanent refusal, or the last attempt failed.
    Failed,
}

impl EmailStatus {
    pub const ALL: [EmailStatus; 4] = [Self::Pending, Self::Sending, Self::Sent, Self::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == raw)
    }
}

/// One outbox row as the delivery log shows it: no body, no payload (it may hold tokens).
#[derive(Debug, Clone)]
pub struct EmailRecord {
    pub id: String,
    pub pavilion_id: Option<PavilionId>,
    pub kind: String,
    pub recipient: String,
    pub locale: Locale,
    pub status: EmailStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub message_id: String,
    pub resend_of: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// A row with what it takes to render and send it.
#[derive(Debug, Clone)]
pub struct StoredEmail {
    pub record: EmailRecord,
    pub payload: Payload,
    pub recipient_name: Option<String>,
}
