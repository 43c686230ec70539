pub mod exhibitors;
