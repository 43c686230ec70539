//! Tenancy as a capability. Every query of one pavilion's data takes a [`PavilionScope`], and
//! every query across pavilions a [`MarketScope`]; both are made only here, after the principal
//! was checked against the pavilion, so a query of the wrong tenant does not compile rather than
//! depending on each use case remembering a check.
//!
//! Code outside this module cannot build a scope by hand:
//!
//! ```compile_fail
//! use pavilion_core::policy::tenancy::{Access, PavilionScope};
//! fn forge(pavilion: pavilion_core::domain::Pavilion) -> PavilionScope {
//!     PavilionScope { pavilion, access: Access::Manage }
//! }
//! ```
//!
//! nor a market-wide one:
//!
//! ```compile_fail
//! let everything = pavilion_core::policy::tenancy::MarketScope(());
//! ```
//!
//! and the functions that make them are not visible outside `core`:
//!
//! ```compile_fail
//! fn oversee(organiser: &pavilion_core::policy::Principal) {
//!     let everything = pavilion_core::policy::tenancy::market(organiser);
//! }
//! ```

use super::{CompanyEditor, Principal};
use crate::domain::{ExhibitorId, Pavilion, PavilionId, Role, Slug};
use crate::error::CoreError;

/// What a caller wants to do in a pavilion; each need is checked by its rule in [`super`].
#[derive(Debug, Clone, Copy)]
pub enum Need {
    /// Read what the caller may see of it: the public an active pavilion, its own accounts and
    /// the organiser any.
    View,
    /// Manage it: its accounts, invitations, companies, email identity and logs.
    Manage,
    /// Change its page; changing its status or slug is the organiser's.
    Settings { status_or_slug: bool },
    /// Invite someone with this role.
    Invite(Role),
}

/// How the scope was obtained: what its holder was found allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads what the caller may see.
    View,
    /// Manages the pavilion (the organiser, or one of its admins).
    Manage,
    /// Acts for one of its companies (see [`CompanyScope`]).
    Company,
    /// Looks up an account to sign in or send a reset link: nobody is signed in yet, and the
    /// answer never leaves the use case except as "signed in" or the same silence for all.
    SignIn,
    /// Acts on a one-time link (an invitation) whose token proved the right.
    Link,
    /// Deployment maintenance by the operator (the upload sweep).
    System,
}

/// One pavilion, with what its holder may do in it.
#[derive(Debug, Clone)]
pub struct PavilionScope {
    pavilion: Pavilion,
    access: Access,
}

impl PavilionScope {
    pub fn pavilion(&self) -> &Pavilion {
        &self.pavilion
    }

    pub fn id(&self) -> &PavilionId {
        &self.pavilion.id
    }

    pub fn slug(&self) -> &Slug {
        &self.pavilion.slug
    }

    pub fn access(&self) -> Access {
        self.access
    }

    pub fn into_pavilion(self) -> Pavilion {
        self.pavilion
    }
}

/// One company of a pavilion, for someone who may edit it.
#[derive(Debug, Clone)]
pub struct CompanyScope {
    pavilion: PavilionScope,
    company: ExhibitorId,
    editor: CompanyEditor,
}

impl CompanyScope {
    pub fn pavilion(&self) -> &PavilionScope {
        &self.pavilion
    }

    pub fn company(&self) -> &ExhibitorId {
        &self.company
    }

    /// Whether the editor acts for the pavilion or is the company itself (bound by the deadline).
    pub fn editor(&self) -> CompanyEditor {
        self.editor
    }
}

/// How a caller stands towards one company: as an editor (its working copy), or as a reader of
/// what is published.
pub enum CompanyAccess {
    Edit(CompanyScope),
    Read(PavilionScope),
}

/// Every pavilion at once: the organiser's oversight.
#[derive(Debug)]
pub struct MarketScope(());

/// The one check behind every scope of a pavilion: `caller` against `pavilion` for `need`.
pub(crate) fn authorize(
    caller: Option<&Principal>,
    pavilion: Pavilion,
    need: Need,
) -> Result<PavilionScope, CoreError> {
    let access = match need {
        Need::View => {
            super::authorize_view_pavilion(caller, &pavilion)?;
            Access::View
        }
        Need::Manage | Need::Settings { .. } | Need::Invite(_) => {
            // Someone signed out finds no managed pavilion, as the public finds no draft.
            let caller = caller.ok_or(CoreError::Unauthenticated)?;
            match need {
                Need::Settings { status_or_slug } => {
                    super::authorize_update_pavilion(caller, &pavilion, status_or_slug)?
                }
                Need::Invite(role) => super::authorize_invite(caller, &pavilion, role)?,
                _ => super::authorize_manage_pavilion(caller, &pavilion)?,
            }
            Access::Manage
        }
    };
    Ok(PavilionScope { pavilion, access })
}

/// An editor's hold on one company: the organiser, the pavilion's admins, the company's own
/// accounts.
pub(crate) fn authorize_company(
    caller: &Principal,
    pavilion: Pavilion,
    company: &ExhibitorId,
) -> Result<CompanyScope, CoreError> {
    let editor = super::authorize_edit_company(caller, &pavilion, company)?;
    let access = if editor == CompanyEditor::Pavilion { Access::Manage } else { Access::Company };
    Ok(CompanyScope { pavilion: PavilionScope { pavilion, access }, company: company.clone(), editor })
}

/// An editor's hold on one company if the caller is one, else a reader's hold on its pavilion.
pub(crate) fn company_access(
    caller: Option<&Principal>,
    pavilion: Pavilion,
    company: &ExhibitorId,
) -> Result<CompanyAccess, CoreError> {
    if let Some(caller) = caller
        && super::authorize_edit_company(caller, &pavilion, company).is_ok()
    {
        return authorize_company(caller, pavilion, company).map(CompanyAccess::Edit);
    }
    authorize(caller, pavilion, Need::View).map(CompanyAccess::Read)
}

/// The pavilion someone signs in to (or asks a reset link for), whatever its state: the lookup
/// of the account happens before anyone is signed in.
pub(crate) fn for_sign_in(pavilion: Pavilion) -> PavilionScope {
    PavilionScope { pavilion, access: Access::SignIn }
}

/// The pavilion of a one-time link whose token was found valid.
pub(crate) fn for_link(pavilion: Pavilion) -> PavilionScope {
    PavilionScope { pavilion, access: Access::Link }
}

/// The pavilion of a stored upload, for the operator's sweep.
pub(crate) fn for_system(pavilion: Pavilion) -> PavilionScope {
    PavilionScope { pavilion, access: Access::System }
}

/// One pavilion reached through the organiser's hold on the whole market (an announcement to
/// every pavilion).
pub(crate) fn within_market(_market: &MarketScope, pavilion: Pavilion) -> PavilionScope {
    PavilionScope { pavilion, access: Access::Manage }
}

/// Oversight of every pavilion: the organiser's alone.
pub(crate) fn market(caller: &Principal) -> Result<MarketScope, CoreError> {
    super::authorize_oversight(caller)?;
    Ok(MarketScope(()))
}
