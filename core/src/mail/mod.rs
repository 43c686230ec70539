//! Email: what a notification is (a typed payload in an outbox row), how it is rendered (embedded
//! templates, the recipient's locale, the pavilion's branding), how it travels (SMTP or `.eml`
//! files). The worker that delivers the outbox is `mail_worker`: it reads the database, which
//! this module's types are stored in.

mod message;
pub mod render;
pub mod transport;

pub use message::{EmailRecord, EmailStatus, NewEmail, Payload, RemindedCompany, StoredEmail};
