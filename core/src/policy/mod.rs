//! Authorization as pure functions over (principal, action, resource). Extractors authenticate;
//! these decide. Tenancy rule: a resource of another pavilion is reported as absent (404), never
//! as forbidden, so its existence does not leak.

pub mod tenancy;

use crate::domain::{ExhibitorId, Pavilion, PavilionId, PavilionStatus, Role, SessionId, UserId};
use crate::error::CoreError;

/// Who is calling, as established from a live session.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user_id: UserId,
    pub session_id: SessionId,
    pub role: Role,
    /// The pavilion the account belongs to; `None` for organisers.
    pub pavilion_id: Option<PavilionId>,
    /// The company of an exhibitor account.
    pub exhibitor_id: Option<ExhibitorId>,
    /// The account must add a second factor (its role requires one) and has none yet: it may
    /// only do that, until it has.
    pub second_factor_missing: bool,
}

impl Principal {
    pub fn is_organiser(&self) -> bool {
        self.role == Role::Organiser
    }

    /// An admin of this very pavilion.
    pub fn administers(&self, pavilion: &PavilionId) -> bool {
        self.role == Role::PavilionAdmin && self.pavilion_id.as_ref() == Some(pavilion)
    }

    /// Any account of this pavilion (admin or exhibitor).
    pub fn belongs_to(&self, pavilion: &PavilionId) -> bool {
        self.pavilion_id.as_ref() == Some(pavilion)
    }
}

/// The public sees active pavilions; the organiser sees all; a pavilion's own accounts see it in
/// any state.
pub fn can_view_pavilion(caller: Option<&Principal>, pavilion: &Pavilion) -> bool {
    pavilion.status == PavilionStatus::Active
        || caller.is_some_and(|caller| caller.is_organiser() || caller.belongs_to(&pavilion.id))
}

/// Reading a pavilion: invisible ones are simply not found.
pub fn authorize_view_pavilion(caller: Option<&Principal>, pavilion: &Pavilion) -> Result<(), CoreError> {
    if can_view_pavilion(caller, pavilion) { Ok(()) } else { Err(CoreError::NotFound("pavilion")) }
}

pub fn authorize_create_pavilion(caller: &Principal) -> Result<(), CoreError> {
    if caller.is_organiser() { Ok(()) } else { Err(CoreError::Forbidden) }
}

/// Who may change what: the organiser anything; the pavilion's admins everything but its
/// status and slug (activating and archiving are the organiser's decisions).
pub fn authorize_update_pavilion(
    caller: &Principal,
    pavilion: &Pavilion,
    changes_status_or_slug: bool,
) -> Result<(), CoreError> {
    if caller.is_organiser() {
        return Ok(());
    }
    authorize_manage_pavilion(caller, pavilion)?;
    if changes_status_or_slug { Err(CoreError::Forbidden) } else { Ok(()) }
}

/// Managing a pavilion (its page, accounts, invitations, email identity and delivery log): the
/// organiser and the pavilion's admins. Its own exhibitors lack the role (403); to anyone of
/// another pavilion these are another tenant's objects, so they do not exist (404), even when
/// the pavilion itself is public.
pub fn authorize_manage_pavilion(caller: &Principal, pavilion: &Pavilion) -> Result<(), CoreError> {
    if caller.is_organiser() || caller.administers(&pavilion.id) {
        Ok(())
    } else if caller.belongs_to(&pavilion.id) {
        Err(CoreError::Forbidden)
    } else {
        Err(CoreError::NotFound("pavilion"))
    }
}

/// Who may invite whom: the organiser anyone; a pavilion's admins further admins and
/// exhibitors of their own pavilion.
pub fn authorize_invite(caller: &Principal, pavilion: &Pavilion, _role: Role) -> Result<(), CoreError> {
    authorize_manage_pavilion(caller, pavilion)
}

/// How a caller stands towards one company.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompanyEditor {
    /// The organiser or an admin of the company's pavilion.
    Pavilion,
    /// One of the company's own accounts: bound by the pavilion's deadline.
    Company,
}

/// Who may read a company's working copy and change it: the organiser, the pavilion's admins and
/// the company's own accounts. Another company of the same pavilion lacks the role (403); anyone
/// of another pavilion finds nothing (404).
pub fn authorize_edit_company(
    caller: &Principal,
    pavilion: &Pavilion,
    exhibitor: &ExhibitorId,
) -> Result<CompanyEditor, CoreError> {
    if caller.is_organiser() || caller.administers(&pavilion.id) {
        Ok(CompanyEditor::Pavilion)
    } else if caller.belongs_to(&pavilion.id) && caller.exhibitor_id.as_ref() == Some(exhibitor) {
        Ok(CompanyEditor::Company)
    } else if caller.belongs_to(&pavilion.id) {
        Err(CoreError::Forbidden)
    } else {
        Err(CoreError::NotFound("exhibitor"))
    }
}

/// Whether a caller reads a company's working copy (else the published one).
pub fn can_edit_company(caller: Option<&Principal>, pavilion: &Pavilion, exhibitor: &ExhibitorId) -> bool {
    caller.is_some_and(|caller| authorize_edit_company(caller, pavilion, exhibitor).is_ok())
}

/// Oversight across pavilions is the organiser's.
pub fn authorize_oversight(caller: &Principal) -> Result<(), CoreError> {
    if caller.is_organiser() { Ok(()) } else { Err(CoreError::Forbidden) }
}

/// Whether head counts and other oversight figures are shown.
pub fn can_see_oversight_figures(caller: Option<&Principal>) -> bool {
    caller.is_some_and(Principal::is_organiser)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{LocalizedText, Slug};

    fn pavilion(id: &str, status: PavilionStatus) -> Pavilion {
        let now = chrono::DateTime::UNIX_EPOCH;
        Pavilion {
            id: PavilionId::from_trusted(id.into()),
            slug: Slug::parse("hz").unwrap(),
            name: LocalizedText::default(),
            region: LocalizedText::default(),
            host_association: LocalizedText::default(),
            description: LocalizedText::default(),
            location: None,
            contact_email: None,
            brand_color: None,
            logo_url: None,
            sender_name: None,
            reply_to: None,
            email_footer: LocalizedText::default(),
            profile_deadline: None,
            reminder_days: Default::default(),
            second_factor: Default::default(),
            time_zone: Default::default(),
            status,
            created_at: now,
            updated_at: now,
        }
    }

    fn principal(role: Role, pavilion: Option<&str>) -> Principal {
        Principal {
            user_id: UserId::from_trusted("u".into()),
            session_id: SessionId::from_trusted("s".into()),
            role,
            pavilion_id: pavilion.map(|p| PavilionId::from_trusted(p.into())),
            exhibitor_id: None,
            second_factor_missing: false,
        }
    }

    /// roles × actions × tenant, as a table: (caller, pavilion status, view, edit fields, edit status)
    #[test]
    fn pavilion_policy_table() {
        let organiser = principal(Role::Organiser, None);
        let admin_a = principal(Role::PavilionAdmin, Some("A"));
        let exhibitor_a = principal(Role::Exhibitor, Some("A"));
        let admin_b = principal(Role::PavilionAdmin, Some("B"));
        // A buyer belongs to no pavilion, as the organiser does, and holds none of its powers.
        let buyer = principal(Role::Buyer, None);
        type Outcome = Result<(), &'static str>;
        let ok: Outcome = Ok(());
        type Case<'a> = (&'a str, Option<&'a Principal>, PavilionStatus, Outcome, Outcome, Outcome);
        let cases: Vec<Case<'_>> = vec![
            ("anonymous/draft", None, PavilionStatus::Draft, Err("404"), Err("-"), Err("-")),
            ("anonymous/active", None, PavilionStatus::Active, ok, Err("-"), Err("-")),
            ("organiser/draft", Some(&organiser), PavilionStatus::Draft, ok, ok, ok),
            ("admin A/draft A", Some(&admin_a), PavilionStatus::Draft, ok, ok, Err("403")),
            ("exhibitor A/active A", Some(&exhibitor_a), PavilionStatus::Active, ok, Err("403"), Err("403")),
            ("admin B/draft A", Some(&admin_b), PavilionStatus::Draft, Err("404"), Err("404"), Err("404")),
            ("admin B/active A", Some(&admin_b), PavilionStatus::Active, ok, Err("404"), Err("404")),
            ("buyer/draft A", Some(&buyer), PavilionStatus::Draft, Err("404"), Err("404"), Err("404")),
            ("buyer/active A", Some(&buyer), PavilionStatus::Active, ok, Err("404"), Err("404")),
        ];
        let code = |result: Result<(), CoreError>| -> Outcome {
            match result {
                Ok(()) => Ok(()),
                Err(CoreError::NotFound(_)) => Err("404"),
                Err(CoreError::Forbidden) => Err("403"),
                Err(other) => panic!("unexpected {other}"),
            }
        };
        assert!(matches!(authorize_oversight(&buyer), Err(CoreError::Forbidden)), "a buyer oversees nothing");
        assert!(!buyer.is_organiser());
        for (name, caller, status, view, edit, edit_status) in cases {
            let pav = pavilion("A", status);
            assert_eq!(code(authorize_view_pavilion(caller, &pav)), view, "{name}: view");
            if let Some(caller) = caller {
                assert_eq!(code(authorize_update_pavilion(caller, &pav, false)), edit, "{name}: edit");
                assert_eq!(code(authorize_update_pavilion(caller, &pav, true)), edit_status, "{name}: status");
            }
        }
    }
}
