use chrono::{DateTime, Utc};
use pavilion_core::CoreError;
use pavilion_core::domain::Invitation;
use pavilion_core::domain::{EmailAddress, Locale, Role};
use pavilion_core::error::Violations;
use pavilion_core::services::companies;
use pavilion_core::services::invitations::InviteCommand;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `POST /api/v1/pavilions/{slug}/invitations`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateInvitationRequest {
    pub email: String,
    /// `pavilion_admin` or `exhibitor`.
    pub role: String,
    /// The company an exhibitor joins (required with `role: exhibitor`).
    pub exhibitor_id: Option<String>,
    /// Language of the invitation email and the new account: `en`, `zh-Hans` or `zh-Hant`.
    pub locale: Option<String>,
}

impl TryFrom<CreateInvitationRequest> for InviteCommand {
    type Error = CoreError;

    fn try_from(dto: CreateInvitationRequest) -> Result<Self, CoreError> {
        let mut v = Violations::new();
        let email = v.check(EmailAddress::parse(&dto.email));
        let role = v.check(match dto.role.as_str() {
            "pavilion_admin" => Ok(Role::PavilionAdmin),
            "exhibitor" => Ok(Role::Exhibitor),
            _ => Err(CoreError::invalid("role", "invalid_role", "must be pavilion_admin or exhibitor")),
        });
        let locale = dto.locale.and_then(|l| v.check(Locale::parse("locale", &l)));
        if role == Some(Role::Exhibitor) && dto.exhibitor_id.is_none() {
            v.push(pavilion_core::error::FieldError::new(
                "exhibitor_id",
                "required",
                "an exhibitor invitation names the company",
            ));
        }
        let exhibitor_id = dto.exhibitor_id.and_then(|raw| v.check(companies::parse_company_reference(&raw)));
        v.into_result()?;
        let (Some(email), Some(role)) = (email, role) else {
            return Err(CoreError::Internal(anyhow::anyhow!("validated fields missing")));
        };
        Ok(InviteCommand { email, role, exhibitor_id, locale })
    }
}

/// An open invitation. The token is never shown: it travels only in the email.
#[derive(Serialize, ToSchema)]
pub struct InvitationResponse {
    pub id: String,
    pub email: String,
    pub role: &'static str,
    pub exhibitor_id: Option<String>,
    pub locale: &'static str,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl From<Invitation> for InvitationResponse {
    fn from(invitation: Invitation) -> Self {
        Self {
            id: invitation.id,
            email: invitation.email.to_string(),
            role: invitation.role.as_str(),
            exhibitor_id: invitation.exhibitor_id.map(|id| id.to_string()),
            locale: invitation.locale.as_str(),
            created_at: invitation.created_at,
            expires_at: invitation.expires_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct InvitationList {
    pub items: Vec<InvitationResponse>,
}

/// `POST /api/v1/invitations/accept`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitationRequest {
    /// The last part of the link `{PUBLIC_URL}/invite/{token}`.
    pub token: String,
    pub name: String,
    pub password: String,
}
