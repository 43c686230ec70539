//! Server-rendered pages in English, Simplified and Traditional Chinese. A page calls the same
//! `core` use cases as the JSON routes (never the JSON API), and joins the route table like any
//! route. Public pages read as the public does: only published copies of active pavilions.
//!
//! The pages are grouped by the area of the site they serve, over a small shared `kernel`:

pub mod kernel;

/// The market, pavilions, companies and works as the public reads them, and the search.
pub mod public;

/// Signing in (password, second step, passkey), forgotten passwords, the links in emails, and
/// signing out.
pub mod signing_in;

/// The signed-in person's own pages: where they land, and their account.
pub mod account;

/// The organiser's pages across the market.
pub mod organiser;

/// One pavilion's pages, for its admins and the organiser.
pub mod pavilion;

/// One company's pages, for its own accounts, its pavilion's admins and the organiser.
pub mod company;
