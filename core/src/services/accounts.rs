//! Accounts and sessions: bootstrap organisers, log in, rotate refresh tokens, log out, and turn
//! an access token back into a principal.

use super::audit::Action;
use super::context::Context;
use crate::auth::constant_time_eq;
use crate::auth::passkeys::RelyingParty;
use crate::auth::second_factor::SecondFactorKeys;
use crate::auth::{self, FormTokens, HashedPassword, RefreshToken, SigningKey, TokenIssuer, TokenPair};
use crate::db::{self, DbConnection};
use crate::domain::{EmailAddress, Locale, Password, Role, SessionId, SessionKind, Slug, User, UserId};
use crate::error::CoreError;
use crate::policy::Principal;
use chrono::{DateTime, Utc};

/// What authentication needs besides the database: the token signer, the session lifetime and
/// the form tokens of browser sessions.
pub struct Authenticator {
    pub tokens: TokenIssuer,
    pub session_ttl: chrono::Duration,
    pub forms: FormTokens,
    /// Seals authenticator secrets and hashes recovery codes.
    pub second_factors: SecondFactorKeys,
    /// Checks passkeys, for the site `PAVILION_PUBLIC_URL` names.
    pub passkeys: RelyingParty,
    /// Organisers must add a second factor (`PAVILION_REQUIRE_SECOND_FACTOR`).
    pub organisers_need_second_factor: bool,
}

impl Authenticator {
    pub fn new(key: &SigningKey, settings: &crate::config::Settings) -> Self {
        Self {
            tokens: TokenIssuer::new(key, settings.access_token_ttl()),
            session_ttl: settings.session_ttl(),
            forms: FormTokens::new(key),
            second_factors: SecondFactorKeys::derive(key),
            passkeys: RelyingParty::for_public_url(&settings.public_url),
            organisers_need_second_factor: settings.require_second_factor,
        }
    }
}

/// How a user who just proved who they are is handed their session: an API client gets an
/// access and a refresh token ([`ForApi`]), a browser one opaque cookie ([`ForBrowser`]).
pub trait SessionOpener {
    type Credential;
    const KIND: SessionKind;
    fn authenticator(&self) -> &Authenticator;
    /// The credential for the session just stored, whose secret is `token`.
    fn credential(&self, token: RefreshToken, user: &User, now: DateTime<Utc>) -> Result<Self::Credential, CoreError>;
}

/// Sessions of API clients.
pub struct ForApi<'a>(pub &'a Authenticator);

impl SessionOpener for ForApi<'_> {
    type Credential = TokenPair;
    const KIND: SessionKind = SessionKind::Api;

    fn authenticator(&self) -> &Authenticator {
        self.0
    }

    fn credential(&self, token: RefreshToken, user: &User, now: DateTime<Utc>) -> Result<TokenPair, CoreError> {
        let (access_token, expires_in) = self.0.tokens.issue(&user.id, &token.session_id, now)?;
        Ok(TokenPair { access_token, expires_in, refresh_token: token.expose() })
    }
}

/// Sessions of browsers.
pub struct ForBrowser<'a>(pub &'a Authenticator);

/// What a browser holds for its session: the cookie's value (`{session id}.{secret}`; only the
/// secret's hash is stored).
pub struct BrowserSession {
    pub cookie: String,
    pub session_id: SessionId,
}

impl SessionOpener for ForBrowser<'_> {
    type Credential = BrowserSession;
    const KIND: SessionKind = SessionKind::Browser;

    fn authenticator(&self) -> &Authenticator {
        self.0
    }

    fn credential(&self, token: RefreshToken, _: &User, _: DateTime<Utc>) -> Result<BrowserSession, CoreError> {
        Ok(BrowserSession { cookie: token.expose(), session_id: token.session_id })
    }
}

pub use super::context::ClientInfo;

/// Creates an organiser account (the bootstrap path of a new deployment). Hashing is slow:
/// call from a blocking context.
pub fn create_organiser(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    email: &str,
    name: &str,
    password: &str,
) -> Result<User, CoreError> {
    let mut violations = crate::error::Violations::new();
    let email = violations.check(EmailAddress::parse(email));
    let name = violations.check(clean_name(name));
    let context: Vec<&str> =
        [email.as_ref().map(EmailAddress::as_str), name.as_deref()].into_iter().flatten().collect();
    let password = violations.check(Password::parse(password, &context));
    violations.into_result()?;
    let (Some(email), Some(name), Some(password)) = (email, name, password) else {
        return Err(CoreError::Internal(anyhow::anyhow!("validated fields missing")));
    };
    if db::users::organiser_exists(conn, &email)? {
        return Err(CoreError::Conflict("an organiser with this email already exists".into()));
    }
    let hash = auth::hash_password(&password)?;
    let user = User {
        id: UserId::generate(),
        pavilion_id: None,
        email,
        name,
        role: Role::Organiser,
        exhibitor_id: None,
        locale: Locale::En,
        disabled: false,
        created_at: now,
    };
    db::users::insert(conn, &user, hash.as_str())?;
    Ok(user)
}

pub(crate) fn clean_name(name: &str) -> Result<String, CoreError> {
    let name = crate::domain::clean_line("name", name, 100)?;
    if name.is_empty() {
        return Err(CoreError::invalid("name", "required", "must not be empty"));
    }
    Ok(name)
}

/// Who is trying to log in, looked up before the slow password check so that no database
/// connection is held while argon2 runs. `None` inside: no such account.
pub struct LoginCandidate(Option<(User, String)>);

/// Where someone signs in: the organisers' page, or one pavilion's (by the slug in its address).
#[derive(Debug, Clone)]
pub enum SignInAt {
    Organisers,
    Pavilion(String),
    /// The buyers' door: accounts of the whole market with the role `buyer`.
    Buyers,
}

impl SignInAt {
    pub fn slug(&self) -> Option<&str> {
        match self {
            Self::Organisers | Self::Buyers => None,
            Self::Pavilion(slug) => Some(slug),
        }
    }
}

/// Where an account signs in: the organisers' page, or its pavilion's.
pub fn sign_in_place(conn: &mut DbConnection, user: &User) -> Result<SignInAt, CoreError> {
    Ok(match &user.pavilion_id {
        None if user.role == Role::Buyer => SignInAt::Buyers,
        None => SignInAt::Organisers,
        Some(id) => SignInAt::Pavilion(
            db::pavilions::find_by_id(conn, id)?.ok_or(CoreError::NotFound("pavilion"))?.slug.to_string(),
        ),
    })
}

/// The account behind an email where it signs in. An unknown pavilion is one more way to be
/// wrong, with the same answer after the same work.
pub fn find_candidate(conn: &mut DbConnection, at: &SignInAt, email: &str) -> Result<LoginCandidate, CoreError> {
    let Ok(email) = EmailAddress::parse(email) else { return Ok(LoginCandidate(None)) };
    Ok(LoginCandidate(match at {
        SignInAt::Organisers => db::users::find_organiser_by_email(conn, &email)?,
        // A buyer whose address is not confirmed yet is no candidate: the same refusal as a
        // wrong password, after the same work.
        SignInAt::Buyers => match db::users::find_buyer_by_email(conn, &email)? {
            Some((user, hash))
                if db::buyers::status(conn, &user.id)? != Some(crate::domain::BuyerStatus::Unconfirmed) =>
            {
                Some((user, hash))
            }
            _ => None,
        },
        SignInAt::Pavilion(slug) => match super::pavilions::sign_in_scope(conn, slug)? {
            Some(scope) => db::users::find_member_by_email(conn, &scope, &email)?,
            None => None,
        },
    }))
}

/// The slow, CPU-bound half of a login: one argon2 verification whatever the case (unknown
/// account, wrong password, disabled account), and the same `Unauthenticated` for all of them.
pub fn check_password(candidate: LoginCandidate, password: &str) -> Result<User, CoreError> {
    let password = Password::unchecked(password);
    let Some((user, hash)) = candidate.0 else {
        auth::verify_against_dummy(&password)?;
        return Err(CoreError::Unauthenticated);
    };
    if !auth::verify_password(&password, &hash)? || user.disabled {
        return Err(CoreError::Unauthenticated);
    }
    Ok(user)
}

/// Opens a session for a user who just proved who they are (login, accepted invitation, reset).
pub fn start_session<O: SessionOpener>(
    conn: &mut DbConnection,
    opener: &O,
    now: DateTime<Utc>,
    user: &User,
    client: ClientInfo,
) -> Result<O::Credential, CoreError> {
    let authenticator = opener.authenticator();
    let session_id = SessionId::generate();
    let refresh = RefreshToken::generate(session_id.clone());
    db::sessions::insert(
        conn,
        db::sessions::NewSession {
            id: &session_id,
            user_id: &user.id,
            pavilion_id: user.pavilion_id.as_ref(),
            refresh_token_hash: refresh.hash(),
            now,
            expires_at: now + authenticator.session_ttl,
            user_agent: client.user_agent.map(|ua| ua.chars().take(256).collect()),
            ip: client.ip,
            kind: O::KIND,
        },
    )?;
    opener.credential(refresh, user, now)
}

/// Exchanges a refresh token for a new pair. The presented token stops working at once.
/// Presenting the token that was rotated away last means two parties hold this session's
/// tokens (one of them stole it): the whole session ends. Run it outside a transaction, so that
/// revocation persists although the call fails.
pub fn refresh(
    conn: &mut DbConnection,
    authenticator: &Authenticator,
    now: DateTime<Utc>,
    presented: &str,
) -> Result<TokenPair, CoreError> {
    let presented = RefreshToken::parse(presented)?;
    let session = db::sessions::find_live(conn, &presented.session_id, now)?
        .filter(|session| session.kind == SessionKind::Api)
        .ok_or(CoreError::Unauthenticated)?;
    let presented_hash = presented.hash();
    if !constant_time_eq(presented_hash.as_bytes(), session.refresh_token_hash.as_bytes()) {
        let reused = session
            .previous_refresh_token_hash
            .is_some_and(|previous| constant_time_eq(presented_hash.as_bytes(), previous.as_bytes()));
        if reused {
            tracing::warn!(session_id = %presented.session_id, "a rotated-away refresh token was presented; session revoked");
            db::sessions::revoke(conn, &presented.session_id, now)?;
        }
        return Err(CoreError::Unauthenticated);
    }
    let next = RefreshToken::generate(presented.session_id.clone());
    let won = db::sessions::rotate(
        conn,
        &presented.session_id,
        &presented_hash,
        &next.hash(),
        now,
        now + authenticator.session_ttl,
    )?;
    if !won {
        return Err(CoreError::Unauthenticated);
    }
    let (access_token, expires_in) = authenticator.tokens.issue(&session.user_id, &presented.session_id, now)?;
    Ok(TokenPair { access_token, expires_in, refresh_token: next.expose() })
}

/// Turns a bearer token into a principal: valid signature and claims, and a live session.
pub fn authenticate(
    conn: &mut DbConnection,
    authenticator: &Authenticator,
    now: DateTime<Utc>,
    access_token: &str,
) -> Result<Principal, CoreError> {
    let claims = authenticator.tokens.verify(access_token, now)?;
    let session_id = SessionId::from_trusted(claims.sid);
    let session = db::sessions::find_live(conn, &session_id, now)?.ok_or(CoreError::Unauthenticated)?;
    if session.user_id.as_str() != claims.sub || session.kind != SessionKind::Api {
        return Err(CoreError::Unauthenticated);
    }
    Ok(Principal {
        second_factor_missing: second_factor_missing(&session, authenticator.organisers_need_second_factor),
        user_id: session.user_id,
        session_id,
        role: session.role,
        pavilion_id: session.pavilion_id,
        exhibitor_id: session.exhibitor_id,
    })
}

/// Whether the session's account must add a second factor first: organisers when the deployment
/// requires it, a pavilion's admins or exhibitors when their pavilion does.
fn second_factor_missing(session: &db::sessions::LiveSession, organisers_need_one: bool) -> bool {
    let required = match session.role {
        Role::Organiser => organisers_need_one,
        role => session.pavilion_requires.of(role),
    };
    required && !session.has_second_factor
}

/// How often a browser session's "last used" time is brought up to date.
const BROWSER_TOUCH_EVERY_MINUTES: i64 = 5;

/// Turns a browser's session cookie into a principal: a live browser session whose secret
/// matches. Anything else is `Unauthenticated`, and an API refresh token is no cookie.
pub fn authenticate_browser(
    conn: &mut DbConnection,
    authenticator: &Authenticator,
    now: DateTime<Utc>,
    cookie: &str,
) -> Result<Principal, CoreError> {
    let presented = RefreshToken::parse(cookie)?;
    let session = db::sessions::find_live(conn, &presented.session_id, now)?
        .filter(|session| session.kind == SessionKind::Browser)
        .ok_or(CoreError::Unauthenticated)?;
    if !constant_time_eq(presented.hash().as_bytes(), session.refresh_token_hash.as_bytes()) {
        return Err(CoreError::Unauthenticated);
    }
    db::sessions::touch(conn, &presented.session_id, now, chrono::Duration::minutes(BROWSER_TOUCH_EVERY_MINUTES))?;
    Ok(Principal {
        second_factor_missing: second_factor_missing(&session, authenticator.organisers_need_second_factor),
        user_id: session.user_id,
        session_id: presented.session_id,
        role: session.role,
        pavilion_id: session.pavilion_id,
        exhibitor_id: session.exhibitor_id,
    })
}

/// Ends the caller's session: its access and refresh tokens stop working at once.
pub fn logout(ctx: &Context<'_>) -> Result<(), CoreError> {
    let caller = ctx.caller()?;
    ctx.transaction(|conn| db::sessions::revoke(conn, &caller.session_id, ctx.now()))
}

/// The caller's own account and the slug of its pavilion.
pub fn me(conn: &mut DbConnection, caller: &Principal) -> Result<(User, Option<Slug>), CoreError> {
    let user = db::users::find_by_id(conn, &caller.user_id)?.ok_or(CoreError::Unauthenticated)?;
    let slug = match &user.pavilion_id {
        Some(id) => Some(db::pavilions::find_by_id(conn, id)?.ok_or(CoreError::NotFound("pavilion"))?.slug),
        None => None,
    };
    Ok((user, slug))
}

/// The caller's own account and its pavilion, for the pages that say who is signed in.
pub fn whoami(
    conn: &mut DbConnection,
    caller: &Principal,
) -> Result<(User, Option<crate::domain::Pavilion>), CoreError> {
    let user = db::users::find_by_id(conn, &caller.user_id)?.ok_or(CoreError::Unauthenticated)?;
    let pavilion = match &user.pavilion_id {
        Some(id) => Some(db::pavilions::find_by_id(conn, id)?.ok_or(CoreError::NotFound("pavilion"))?),
        None => None,
    };
    Ok((user, pavilion))
}

/// The caller changes its own name and/or language.
pub fn update_profile(
    ctx: &Context<'_>,
    name: Option<&str>,
    locale: Option<&str>,
) -> Result<(User, Option<Slug>), CoreError> {
    let caller = ctx.caller()?;
    ctx.transaction(|conn| {
        let (user, slug) = me(conn, caller)?;
        let mut violations = crate::error::Violations::new();
        let name = name.map(|name| violations.check(clean_name(name)));
        let locale = locale.map(|locale| violations.check(Locale::parse("locale", locale)));
        violations.into_result()?;
        let name = name.flatten().unwrap_or(user.name);
        let locale = locale.flatten().unwrap_or(user.locale);
        db::users::update_profile(conn, &caller.user_id, &name, locale, ctx.now())?;
        me(conn, caller).map(|(user, _)| (user, slug))
    })
}

/// A password change checked by `check_password_change`, for the hashing pool.
pub struct PasswordChange {
    stored: String,
    current: Password,
    new: Password,
}

/// The first half of a password change, read-only and cheap: the new password must be acceptable.
pub fn check_password_change(
    conn: &mut DbConnection,
    caller: &Principal,
    current: &str,
    new: &str,
) -> Result<PasswordChange, CoreError> {
    let (user, _) = me(conn, caller)?;
    let stored = db::users::password_hash(conn, &caller.user_id)?.ok_or(CoreError::Unauthenticated)?;
    let new = Password::parse(new, &[user.email.as_str(), &user.name])
        .map_err(|error| rename_field(error, "password", "new_password"))?;
    Ok(PasswordChange { stored, current: Password::unchecked(current), new })
}

/// The slow half, on the hashing pool: the current password must match; then the new one is
/// hashed. Returns the hash it replaces with the new one, for `change_password`.
pub fn hash_password_change(change: PasswordChange) -> Result<(String, HashedPassword), CoreError> {
    if !auth::verify_password(&change.current, &change.stored)? {
        return Err(CoreError::invalid("current_password", "wrong_password", "is not your current password"));
    }
    Ok((change.stored, auth::hash_password(&change.new)?))
}

/// Stores the new password and ends every other session; the one making the change stays. If
/// the password changed since it was checked (a reset, another session), the caller proved a
/// password that is no longer current, and nothing is written.
pub fn change_password(ctx: &Context<'_>, replaced: &str, new: &HashedPassword) -> Result<(), CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction(|conn| {
        if db::users::password_hash(conn, &caller.user_id)?.as_deref() != Some(replaced) {
            return Err(CoreError::Conflict("the password was changed meanwhile; try again".into()));
        }
        db::users::set_password_hash(conn, &caller.user_id, new.as_str(), now)?;
        db::sessions::revoke_others(conn, &caller.user_id, &caller.session_id, now)?;
        ctx.audit(conn, Action::PasswordChanged, caller.pavilion_id.as_ref(), None)
    })
}

fn rename_field(error: CoreError, from: &str, to: &str) -> CoreError {
    match error {
        CoreError::Validation(mut fields) => {
            for field in &mut fields {
                if field.field == from {
                    field.field = to.to_owned();
                }
            }
            CoreError::Validation(fields)
        }
        other => other,
    }
}

/// The caller's live sessions.
/// One live session, as the account page lists it.
pub use crate::db::sessions::SessionInfo;

pub fn list_sessions(
    conn: &mut DbConnection,
    caller: &Principal,
    now: DateTime<Utc>,
) -> Result<Vec<SessionInfo>, CoreError> {
    db::sessions::list_live_for_user(conn, &caller.user_id, now)
}

/// Ends one of the caller's own sessions; another user's session is simply not found.
pub fn revoke_session(ctx: &Context<'_>, id: &SessionId) -> Result<(), CoreError> {
    let caller = ctx.caller()?;
    ctx.transaction(|conn| {
        if db::sessions::revoke_own(conn, &caller.user_id, id.as_str(), ctx.now())? {
            Ok(())
        } else {
            Err(CoreError::NotFound("session"))
        }
    })
}

/// A failed login, in the audit log of the pavilion it was tried at (when it exists).
pub fn record_failed_login(ctx: &Context<'_>, slug: Option<&str>, email: &str) -> Result<(), CoreError> {
    ctx.transaction(|conn| {
        let scope = match slug {
            Some(slug) => super::pavilions::sign_in_scope(conn, slug)?,
            None => None,
        };
        let target: String = email.trim().chars().take(254).collect();
        ctx.audit_by(conn, None, Action::LoginFailed, scope.as_ref().map(|scope| scope.id()), Some(&target))
    })
}
