//! Rebuilds the app when a translation changes. `leptos_i18n::load_locales!()` reads
//! `locales/*.json` and this crate's `[package.metadata.leptos-i18n]` at compile time, but a
//! procedural macro cannot ask Cargo to watch files; a build script can.

fn main() {
    println!("cargo::rerun-if-changed=locales");
    println!("cargo::rerun-if-changed=Cargo.toml");
}
