pub mod list_all;
pub mod list_pavilion;
pub mod resend_any;
pub mod resend_pavilion;
pub mod send_test;
