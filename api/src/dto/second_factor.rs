//! Second factors: the sign-in challenge, finishing a sign-in, and an account's own factors.

use super::auth::TokenPairResponse;
use chrono::{DateTime, Utc};
use pavilion_core::services::passkeys::{Ceremony, PasskeyAdded, PasskeySummary};
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
    /// The ways this account may finish: `passkey`, `totp` (a code from an authenticator app),
    /// `recovery_code`.
    pub methods: Vec<&'static str>,
    /// Seconds the challenge stays valid.
    pub expires_in: i64,
    /// For an account with passkeys: the options for `navigator.credentials.get`
    /// (`{publicKey: …}`); send its answer back as `passkey`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub passkey: Option<serde_json::Value>,
}

impl From<Challenge> for SecondFactorNeeded {
    fn from(challenge: Challenge) -> Self {
        Self {
            second_factor: ChallengeResponse {
                challenge: challenge.token,
                methods: challenge.offer.methods.into_iter().map(|method| method.as_str()).collect(),
                expires_in: challenge.expires_in,
                passkey: challenge.offer.passkey,
            },
        }
    }
}

/// `POST /api/v1/auth/second-factor`: the challenge and exactly one of `code`, `recovery_code`,
/// `passkey`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SecondFactorRequest {
    pub challenge: String,
    /// The 6 digits the authenticator app shows now.
    pub code: Option<String>,
    /// One of the account's recovery codes (`abcde-fghjk`; case, spaces and hyphen do not matter).
    pub recovery_code: Option<String>,
    /// What `navigator.credentials.get` answered to the challenge's `passkey` options: a
    /// `PublicKeyCredential` as JSON, its binary fields in base64url.
    #[schema(value_type = Option<Object>)]
    pub passkey: Option<serde_json::Value>,
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
    /// The account's passkeys, oldest first.
    pub passkeys: Vec<PasskeyResponse>,
}

impl From<Overview> for SecondFactorOverview {
    fn from(overview: Overview) -> Self {
        Self {
            totp: overview.totp,
            recovery_codes_left: overview.recovery_codes_left,
            passkeys: overview.passkeys.into_iter().map(PasskeyResponse::from).collect(),
        }
    }
}

/// One of the account's passkeys.
#[derive(Serialize, ToSchema)]
pub struct PasskeyResponse {
    pub id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<PasskeySummary> for PasskeyResponse {
    fn from(passkey: PasskeySummary) -> Self {
        Self { id: passkey.id, name: passkey.name, created_at: passkey.created_at, last_used_at: passkey.last_used_at }
    }
}

/// A passkey just added; with the account's new recovery codes, shown this once, when it had
/// none left (its first second factor, say).
#[derive(Serialize, ToSchema)]
pub struct PasskeyAddedResponse {
    #[serde(flatten)]
    pub passkey: PasskeyResponse,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovery_codes: Option<Vec<String>>,
}

impl From<PasskeyAdded> for PasskeyAddedResponse {
    fn from(added: PasskeyAdded) -> Self {
        Self { passkey: PasskeyResponse::from(added.passkey), recovery_codes: added.recovery_codes }
    }
}

/// A passkey ceremony started: hand `options` to `navigator.credentials.create` (adding one) or
/// `.get` (signing in), its binary fields decoded from base64url, and send the answer back with
/// `ceremony`, within 5 minutes, once.
#[derive(Serialize, ToSchema)]
pub struct PasskeyCeremonyResponse {
    pub ceremony: String,
    /// `{publicKey: …}`, as WebAuthn names its members.
    #[schema(value_type = Object)]
    pub options: serde_json::Value,
}

impl From<Ceremony> for PasskeyCeremonyResponse {
    fn from(ceremony: Ceremony) -> Self {
        Self { ceremony: ceremony.token, options: ceremony.options }
    }
}

/// `POST /api/v1/me/second-factor/passkeys/confirm`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasskeyConfirmRequest {
    pub ceremony: String,
    /// What the owner calls it ("YubiKey", "Work laptop"), up to 60 characters.
    pub name: String,
    /// What `navigator.credentials.create` answered, as JSON, its binary fields in base64url.
    #[schema(value_type = Object)]
    pub credential: serde_json::Value,
}

/// `PATCH /api/v1/me/second-factor/passkeys/{id}`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasskeyRenameRequest {
    pub name: String,
}

/// `POST /api/v1/auth/passkey`: where the sign-in is (a pavilion's slug; absent for the
/// organisers).
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PasskeySignInStart {
    pub pavilion: Option<String>,
}

/// `POST /api/v1/auth/passkey/finish`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasskeySignInFinish {
    pub ceremony: String,
    /// What `navigator.credentials.get` answered, as JSON, its binary fields in base64url.
    #[schema(value_type = Object)]
    pub credential: serde_json::Value,
}
