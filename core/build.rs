fn main() {
    // The migrations are embedded by `embed_migrations!`, which cannot see a new folder appear.
    println!("cargo:rerun-if-changed=../migrations");
}
