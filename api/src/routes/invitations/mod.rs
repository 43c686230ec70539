pub mod accept;
pub mod create;
pub mod list;
pub mod revoke;
