//! The buyers' JSON shapes.

use pavilion_core::domain::BuyerProfileInput;
use pavilion_core::services::buyers::RegistrationInput;
use serde::Deserialize;
use utoipa::ToSchema;

/// `POST /api/v1/buyers`: an account and what the buyer buys, in the works' vocabulary.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterBuyerRequest {
    pub email: String,
    pub password: String,
    /// The person's name.
    pub name: String,
    pub company: String,
    /// `distributor`, `broadcaster`, `streaming_platform`, `sales_agent`, `festival`, `producer`
    /// or `other`.
    pub company_type: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Where it buys: ISO 3166-1 alpha-2 codes or named regions (`ASIA`, `GREATER_CHINA`, …).
    pub territories: Vec<String>,
    /// What it buys: `theatrical`, `svod`, `free_tv`, … (the works' media).
    pub media: Vec<String>,
    /// The kinds of work it buys (`feature`, `series`, …); none: every kind.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// The genres it buys; none: every genre.
    #[serde(default)]
    pub genres: Vec<String>,
    pub website: Option<String>,
    /// `en` (the default), `zh-Hans` or `zh-Hant`: the language of its emails and pages.
    pub locale: Option<String>,
}

impl From<RegisterBuyerRequest> for RegistrationInput {
    fn from(request: RegisterBuyerRequest) -> Self {
        Self {
            email: request.email,
            password: request.password,
            name: request.name,
            locale: request.locale,
            profile: BuyerProfileInput {
                company: request.company,
                company_type: request.company_type,
                country: request.country,
                territories: request.territories,
                media: request.media,
                kinds: request.kinds,
                genres: request.genres,
                website: request.website,
            },
        }
    }
}

/// `POST /api/v1/buyers/verify-email`: the token of the link in the confirmation email.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyEmailRequest {
    pub token: String,
}
