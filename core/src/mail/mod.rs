//! Email: what a notification is (a typed payload in an outbox row), how it is rendered (embedded
//! templates, the recipient's locale, the pavilion's branding), how it travels (SMTP or `.eml`
//! files) and the worker that delivers the outbox.

mod message;
pub mod render;
pub mod transport;
pub mod worker;

pub use message::{EmailRecord, EmailStatus, NewEmail, Payload, StoredEmail};
