//! Typed addresses of the workspace: a page is named by its area, its objects and its tab
//! (`Href::pavilion(lang, "hangzhou", PavilionTab::Accounts)`), never assembled by hand, so a
//! renamed address changes in one place.

use crate::pages::kernel::lang::PageLang;

/// The pages of one pavilion's workspace, in the order of its tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PavilionTab {
    Overview,
    Companies,
    Invitations,
    Accounts,
    Settings,
    Announcements,
    Emails,
    Audit,
}

impl PavilionTab {
    pub const ALL: [PavilionTab; 8] = [
        Self::Overview,
        Self::Companies,
        Self::Invitations,
        Self::Accounts,
        Self::Settings,
        Self::Announcements,
        Self::Emails,
        Self::Audit,
    ];

    /// The address after the pavilion's: `/accounts`, or nothing for its overview.
    pub fn path(self) -> &'static str {
        match self {
            Self::Overview => "",
            Self::Companies => "/companies",
            Self::Invitations => "/invitations",
            Self::Accounts => "/accounts",
            Self::Settings => "/settings",
            Self::Announcements => "/announcements",
            Self::Emails => "/emails",
            Self::Audit => "/audit",
        }
    }

    /// The key of its label in the catalogs.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Overview => "pavilion-tab-overview",
            Self::Companies => "pavilion-tab-companies",
            Self::Invitations => "pavilion-tab-invitations",
            Self::Accounts => "pavilion-tab-accounts",
            Self::Settings => "pavilion-tab-settings",
            Self::Announcements => "pavilion-tab-announcements",
            Self::Emails => "pavilion-tab-emails",
            Self::Audit => "pavilion-tab-audit",
        }
    }
}

/// The pages of one company's workspace, in the order of its tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompanyTab {
    Home,
    Profile,
    Works,
    Preview,
}

impl CompanyTab {
    pub const ALL: [CompanyTab; 4] = [Self::Home, Self::Profile, Self::Works, Self::Preview];

    /// The address after the company's: `/profile`, or nothing for its home.
    pub fn path(self) -> &'static str {
        match self {
            Self::Home => "",
            Self::Profile => "/profile",
            Self::Works => "/works",
            Self::Preview => "/preview",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Home => "company-tab-home",
            Self::Profile => "company-tab-profile",
            Self::Works => "company-tab-works",
            Self::Preview => "company-tab-preview",
        }
    }
}

/// Addresses of the workspace, in a page's language.
pub struct Href;

impl Href {
    /// Where a signed-in person lands.
    pub fn workspace(lang: PageLang) -> String {
        format!("/{}/workspace", lang.path())
    }

    /// The person's own account page.
    pub fn account(lang: PageLang) -> String {
        format!("/{}/workspace/account", lang.path())
    }

    /// A page of a pavilion's workspace.
    pub fn pavilion(lang: PageLang, slug: &str, tab: PavilionTab) -> String {
        format!("/{}/workspace/pavilions/{slug}{}", lang.path(), tab.path())
    }

    /// A page of a company's workspace.
    pub fn company(lang: PageLang, slug: &str, id: &str, tab: CompanyTab) -> String {
        format!("/{}/workspace/pavilions/{slug}/companies/{id}{}", lang.path(), tab.path())
    }
}
