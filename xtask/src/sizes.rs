//! What the app costs to download: raw, gzip and brotli bytes of every asset in `dist/`, and
//! the total a first visit downloads, held against the budget.

use std::fs;
use std::path::Path;

use crate::app_build::{brotli_bytes, gzip_bytes};
use crate::error::XtaskError;
use crate::wasm_build::collect_files;

/// Everything a first visit downloads (HTML, CSS, JS, wasm, config), brotli-compressed, must
/// stay under this, 150 KB: the first load is what every citizen on a slow phone pays.
pub const FIRST_LOAD_BUDGET_BYTES: u64 = 150_000;

/// The sizes of one asset.
struct AssetSize {
    name: String,
    raw: u64,
    gzip: u64,
    brotli: u64,
    first_load: bool,
}

/// Prints the table and returns the first-load brotli total.
pub fn report(root: &Path) -> Result<u64, XtaskError> {
    let dist = root.join("dist");
    let index = fs::read_to_string(dist.join("index.html")).map_err(XtaskError::io(
        "reading dist/index.html (run `cargo xtask build` first)",
    ))?;
    let has_home = dist.join(PRERENDERED_HOME).is_file();
    let mut files = Vec::new();
    collect_files(&dist, &mut files)?;
    let mut assets = Vec::new();
    for path in files {
        let name = path
            .strip_prefix(&dist)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".br") || name.ends_with(".gz") {
            continue;
        }
        let bytes = fs::read(&path).map_err(XtaskError::io(format!("reading {name}")))?;
        assets.push(AssetSize {
            first_load: is_first_load(&name, &index, has_home),
            raw: bytes.len() as u64,
            gzip: gzip_bytes(&bytes).len() as u64,
            brotli: brotli_bytes(&bytes).len() as u64,
            name,
        });
    }
    assets.sort_by_key(|a| std::cmp::Reverse(a.brotli));

    println!(
        "\n{:<52} {:>10} {:>10} {:>10}",
        "asset (* = first load)", "raw", "gzip", "brotli"
    );
    for a in &assets {
        let mark = if a.first_load { "*" } else { " " };
        println!(
            "{mark} {:<50} {:>10} {:>10} {:>10}",
            a.name, a.raw, a.gzip, a.brotli
        );
    }
    let first: Vec<&AssetSize> = assets.iter().filter(|a| a.first_load).collect();
    let sum = |f: fn(&AssetSize) -> u64| first.iter().map(|a| f(a)).sum::<u64>();
    let total_brotli = sum(|a| a.brotli);
    println!(
        "{:<52} {:>10} {:>10} {:>10}",
        "first load, total",
        sum(|a| a.raw),
        sum(|a| a.gzip),
        total_brotli
    );
    println!(
        "first-load budget: {} of {} bytes brotli ({:.0}%)",
        total_brotli,
        FIRST_LOAD_BUDGET_BYTES,
        total_brotli as f64 * 100.0 / FIRST_LOAD_BUDGET_BYTES as f64
    );
    if has_home {
        print_public_pages(&dist, &assets, total_brotli)?;
    }
    Ok(total_brotli)
}

/// Fails when the first load has outgrown its budget.
pub fn check_budget(total_brotli: u64) -> Result<(), XtaskError> {
    if total_brotli > FIRST_LOAD_BUDGET_BYTES {
        return Err(XtaskError::CheckFailed(format!(
            "the first load is {total_brotli} bytes brotli, over the budget of {FIRST_LOAD_BUDGET_BYTES}"
        )));
    }
    Ok(())
}

/// The public pages a visit begins on, besides home: the page rendered ahead of time, and the
/// split point whose files it loads at once.
const PUBLIC_PAGES: [(&str, &str, &str); 2] = [
    ("/sign-in", "prerendered/vi/sign-in.html", "sign_in"),
    ("/verify", "prerendered/vi/verify.html", "verify"),
];

/// Prints what a first visit to each public page downloads, brotli: the first load with that
/// page's HTML in home's place, and the files of its split point (the build's list of them,
/// `split-files.txt`, beside the wasm).
fn print_public_pages(
    dist: &Path,
    assets: &[AssetSize],
    first_load: u64,
) -> Result<(), XtaskError> {
    let brotli = |name: &str| {
        assets
            .iter()
            .find(|asset| asset.name == name)
            .map_or(0, |asset| asset.brotli)
    };
    let Some(list) = assets
        .iter()
        .find(|asset| asset.name.ends_with("/split-files.txt"))
        .map(|asset| asset.name.clone())
    else {
        return Ok(());
    };
    let folder = list.trim_end_matches("split-files.txt");
    let text =
        fs::read_to_string(dist.join(&list)).map_err(XtaskError::io("reading split-files.txt"))?;
    println!(
        "\n{:<52} {:>10} {:>10}",
        "a first visit to (brotli)", "own files", "in all"
    );
    println!("{:<52} {:>10} {:>10}", "/", 0, first_load);
    for (page, html, split) in PUBLIC_PAGES {
        let files = text
            .lines()
            .find_map(|line| line.strip_prefix(split)?.strip_prefix(' '))
            .unwrap_or_default();
        let own: u64 = files
            .split_whitespace()
            .map(|file| brotli(&format!("{folder}{file}.wasm")))
            .sum();
        let total = first_load - brotli(PRERENDERED_HOME) + brotli(html) + own;
        println!("{page:<52} {own:>10} {total:>10}");
    }
    Ok(())
}

/// The home page rendered ahead of time, which the server sends for `/` in place of
/// index.html's static shell (the most common first page, and the largest).
const PRERENDERED_HOME: &str = "prerendered/vi/index.html";

/// The first page (the pre-rendered home page where there is one, else index.html), the
/// runtime config the app fetches at start, every file index.html names (stylesheet, scripts,
/// main wasm, icon), and every script of the app's folder, which the glue imports at start.
/// Not the chunks: those load when a page needs them.
fn is_first_load(name: &str, index: &str, has_home: bool) -> bool {
    let app_script = name.starts_with("app-") && name.ends_with(".js");
    let first_page = if has_home {
        PRERENDERED_HOME
    } else {
        "index.html"
    };
    name == first_page || name == "config.json" || app_script || index.contains(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_load_is_what_index_names() {
        let index = r#"<link rel="stylesheet" href="/main-0123456789abcdef.css"><meta name="wasm-bg" content="/app_bg.wasm">"#;
        assert!(is_first_load("index.html", index, false));
        assert!(is_first_load("config.json", index, false));
        assert!(is_first_load("prerendered/vi/index.html", index, true));
        assert!(!is_first_load("index.html", index, true));
        assert!(is_first_load("main-0123456789abcdef.css", index, false));
        assert!(is_first_load("app_bg.wasm", index, false));
        assert!(!is_first_load("robots.txt", index, false));
        assert!(is_first_load(
            "app-0123456789abcdef/__wasm_split.js",
            index,
            false
        ));
        assert!(!is_first_load(
            "app-0123456789abcdef/split_record.wasm",
            index,
            false
        ));
    }

    #[test]
    fn budget_refuses_one_byte_over() {
        assert!(check_budget(FIRST_LOAD_BUDGET_BYTES).is_ok());
        assert!(check_budget(FIRST_LOAD_BUDGET_BYTES + 1).is_err());
    }
}
