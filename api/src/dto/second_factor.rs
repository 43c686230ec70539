//! Second factors: the sign-in challenge, finishing a sign-in, and an account's own factors.

use super::auth::TokenPairResponse;
use pavilion_core::services::second_factors::{Overview, TotpEnrolment};
use pavilion_core::services::sign_in::Challenge;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a login answers: tokens, or (for an account with a second factor) a challenge to finish
/// with `POST /api/v1/auth/second-factor`.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum LoginResponse {
    Tokens(TokenPairResponse),
    SecondFactor(SecondFactorNeeded),
}

#[derive(Serialize, ToSchema)]
pub struct SecondFactorNeeded {
    pub second_factor: ChallengeResponse,
}

/// The password was right; the sign-in finishes with a second factor.
#[derive(Serialize, ToSchema)]
pub struct ChallengeResponse {
    /// Send it back with the code. Single use.
    pub challenge: String,
    /// The ways this account may finish: `totp` (a code from an authenticator app),
    /// `recovery_code`.
    pub methods: Vec<&'static str>,
    /// Seconds the challenge stays valid.
    pub expires_in: i64,
}

impl From<Challenge> for SecondFactorNeeded {
    fn from(challenge: Challenge) -> Self {
        Self {
            second_factor: ChallengeResponse {
                challenge: challenge.token,
                methods: challenge.methods.into_iter().map(|method| method.as_str()).collect(),
                expires_in: challenge.expires_in,
            },
        }
    }
}

/// `POST /api/v1/auth/second-factor`: the challenge and exactly one of `code`, `recovery_code`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SecondFactorRequest {
    pub challenge: String,
    /// The 6 digits the authenticator app shows now.
    pub code: Option<String>,
    /// One of the account's recovery codes (`abcde-fghjk`; case, spaces and hyphen do not matter).
    pub recovery_code: Option<String>,
}

/// `POST /api/v1/me/second-factor/totp`: what to put into the authenticator app.
#[derive(Serialize, ToSchema)]
pub struct TotpEnrolmentResponse {
    /// The shared secret in base32, for typing in.
    pub secret: String,
    /// The same as an `otpauth://totp/…` address, for a QR code.
    pub otpauth_uri: String,
}

impl From<TotpEnrolment> for TotpEnrolmentResponse {
    fn from(enrolment: TotpEnrolment) -> Self {
        Self { secret: enrolment.secret, otpauth_uri: enrolment.otpauth_uri }
    }
}

/// `POST /api/v1/me/second-factor/totp/confirm`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TotpConfirmRequest {
    /// The 6 digits the app shows now.
    pub code: String,
}

/// Recovery codes, shown this once: each signs in once in place of an app's code.
#[derive(Serialize, ToSchema)]
pub struct RecoveryCodesResponse {
    pub recovery_codes: Vec<String>,
}

/// The caller's second factors.
#[derive(Serialize, ToSchema)]
pub struct SecondFactorOverview {
    /// Whether sign-in asks for an authenticator app's code.
    pub totp: bool,
    /// Unused recovery codes.
    pub recovery_codes_left: i64,
}

impl From<Overview> for SecondFactorOverview {
    fn from(overview: Overview) -> Self {
        Self { totp: overview.totp, recovery_codes_left: overview.recovery_codes_left }
    }
}
