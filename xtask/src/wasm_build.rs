//! The app's wasm, split at its lazy routes: cargo, wasm-split, wasm-bindgen and wasm-opt, into
//! one folder of `dist/` named after a hash of what it holds.
//!
//! Trunk 0.21 builds one wasm module, so every page would be in the first load; Leptos's
//! `#[lazy]` split points need the step cargo-leptos runs between cargo and wasm-bindgen. Trunk
//! still builds the rest of `dist/` (stylesheet, `boot.js`, `public/`); this writes the
//! addresses of the JS glue and the main wasm into `dist/index.html`, where `boot.js` reads
//! them.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::XtaskError;
use crate::process::{command, probe, run};

/// The app's package name as cargo writes its wasm, and the name of the JS glue.
const CRATE_FILE: &str = "citizen-portal.wasm";
const GLUE: &str = "citizen_portal";
/// The size profile of `Cargo.toml`.
const PROFILE: &str = "wasm-release";
const TARGET: &str = "wasm32-unknown-unknown";
/// How many files the app's prefetch asks for in one idle callback (see [`with_prefetch`]).
const PREFETCH_BATCH: usize = 6;
/// How many files wasm-split's loader asks for in one task when a page is opened (see
/// [`paced_loader`]).
const LOAD_BATCH: usize = 4;
/// wasm-split's loader as 0.2.4 writes it: every file a split point needs asked for at once.
const LOADER_ALL_AT_ONCE: &str = "        const parallelStuff = deps.map(d => d());
        const instantiate = fetcher();
";
/// What one more file costs a page when wasm-split's chunks are merged
/// (vendor/wasm_split_cli_support/src/merge.rs), in bytes of wasm before wasm-opt: about a
/// round trip shared by six connections on a slow mobile network, and a module to compile and
/// instantiate. Measured on the app as it was (11 split points): 131 files became 22; sign-in
/// needed 42 files and 74 KB brotli, then 4 and 61 KB; /record 61 and 122 KB, then 8 and 140.
const FILE_COST_BYTES: u64 = 4096;

/// The split points whose downloads weigh more in that merging: the pages a stranger opens
/// first on a phone (sign-in, and what a QR code or a shared link opens, with the parts they
/// load), then the kiosk's keyboard and the record, where a citizen lands once signed in.
/// Without these weights, /verify went from 79 to 124 KB to save 41 files. Verify weighs most:
/// with the app a split point of its own, its files came to 60.7 KB at 4, and 0.7 KB less at 6.
const SPLIT_WEIGHTS: &[(&str, u64)] = &[
    ("sign_in", 4),
    ("verify", 6),
    ("ed25519", 4),
    ("qr_reader", 4),
    ("shared_document", 4),
    ("kiosk_keys", 2),
    ("record", 2),
];

/// The module every chunk imports its loader from; wasm-split writes it.
const LINK_MODULE: &str = "./__wasm_split.js";
/// The placeholders in `index.html` that get the built addresses.
const META_GLUE: &str = r#"<meta name="wasm-js" content="">"#;
const META_WASM: &str = r#"<meta name="wasm-bg" content="">"#;
/// The folder's name: `app-` and 16 hex digits of the hash, which the server recognises as
/// immutable.
const FOLDER_PREFIX: &str = "app-";

/// The binaryen release whose wasm-opt npm installs (e2e/package.json). Debian's 108 writes
/// wasm that fails at start-up in Chromium (TOOLCHAIN.md), so any other is refused.
const WASM_OPT_VERSION: &str = "version 132";

/// Builds the wasm into `dist/app-<hash>/` and points `dist/index.html` at it.
pub fn build(root: &Path) -> Result<(), XtaskError> {
    let wasm_opt = probe(command(root, "wasm-opt", root).arg("--version"))
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    if !wasm_opt.contains(WASM_OPT_VERSION) {
        return Err(XtaskError::MissingTool(format!(
            "wasm-opt {WASM_OPT_VERSION} from e2e/node_modules is needed, found `{}`",
            wasm_opt.trim()
        )));
    }
    run(
        "cargo build (the app, wasm32, size profile)",
        command(root, "cargo", root).args([
            "build",
            "--package",
            "citizen-portal",
            "--target",
            TARGET,
            "--profile",
            PROFILE,
        ]),
    )?;
    // Where cargo just built it: CARGO_TARGET_DIR when set, as for every other step.
    let target_dir = crate::tools::target_dir(root);
    let input = target_dir.join(TARGET).join(PROFILE).join(CRATE_FILE);
    let staging = target_dir.join("wasm-split");
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(XtaskError::io("emptying target/wasm-split"))?;
    }
    fs::create_dir_all(&staging).map_err(XtaskError::io("creating target/wasm-split"))?;

    println!("\n==> wasm-split (lazy routes into chunks)");
    let split = split(&input, &staging)?;
    let chunks = split.split_modules;
    println!("{} chunks loaded on demand", chunks.len());
    adapt_link_module(&staging.join(LINK_MODULE), &split.prefetch_map)?;
    write_split_files(&staging.join(SPLIT_FILES_LIST), &split.prefetch_map)?;

    run(
        "wasm-bindgen",
        command(root, "wasm-bindgen", root)
            .args([
                "--target",
                "web",
                "--no-typescript",
                // The chunks call the main module's functions by their linker names.
                "--keep-lld-exports",
                "--out-name",
                GLUE,
                "--out-dir",
            ])
            .arg(&staging)
            .arg(staging.join("main.wasm")),
    )?;
    fs::remove_file(staging.join("main.wasm")).map_err(XtaskError::io("removing main.wasm"))?;

    let main_wasm = staging.join(format!("{GLUE}_bg.wasm"));
    for wasm in chunks.iter().chain([&main_wasm]) {
        optimise(root, wasm)?;
    }
    for js in [
        staging.join(format!("{GLUE}.js")),
        staging.join(LINK_MODULE),
    ] {
        minify(root, &js)?;
    }

    let folder = format!("{FOLDER_PREFIX}{}", folder_hash(&staging)?);
    let dist = root.join("dist");
    let destination = dist.join(&folder);
    fs::rename(&staging, &destination).map_err(XtaskError::io("moving the wasm into dist/"))?;
    point_index_at(&dist, &folder)
}

/// Splits `input` (linked with `--emit-relocs`, see `.cargo/config.toml`) into `main.wasm`,
/// the chunks and the link module, in `out`. Returns the chunks, and the files each split
/// point needs.
fn split(input: &Path, out: &Path) -> Result<wasm_split_cli_support::SplitWasm, XtaskError> {
    let wasm = fs::read(input).map_err(XtaskError::io(format!("reading {}", input.display())))?;
    let main_out = out.join("main.wasm");
    let glue = format!("./{GLUE}.js");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = out;
    options.main_out_path = &main_out;
    options.link_name = LINK_MODULE;
    options.main_module = &glue;
    options.file_cost_bytes = Some(FILE_COST_BYTES);
    options.split_weights = SPLIT_WEIGHTS;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|error| XtaskError::CheckFailed(format!("wasm-split: {error:#}")))?;
    match SPLIT_WEIGHTS
        .iter()
        .find(|(name, _)| !split.prefetch_map.contains_key(*name))
    {
        Some((name, _)) => Err(XtaskError::CheckFailed(format!(
            "SPLIT_WEIGHTS names {name}, which is no split point of the app"
        ))),
        None => Ok(split),
    }
}

/// The list of the files each split point needs, beside the wasm: the pre-renderer
/// (src/prerender.rs) has a signed-in page's frame preload its page's files.
const SPLIT_FILES_LIST: &str = "split-files.txt";

/// Writes [`SPLIT_FILES_LIST`]: a line per split point, its name and then its files (without
/// `.wasm`), separated by spaces, in order, so that the same build writes the same file.
fn write_split_files(
    path: &Path,
    files: &std::collections::HashMap<String, Vec<String>>,
) -> Result<(), XtaskError> {
    let files: std::collections::BTreeMap<_, _> = files.iter().collect();
    let lines: String = files
        .into_iter()
        .map(|(name, files)| format!("{name} {}\n", files.join(" ")))
        .collect();
    fs::write(path, lines).map_err(XtaskError::io(format!("writing {SPLIT_FILES_LIST}")))
}

/// Adapts wasm-split's link module to a phone's main thread: see [`paced_loader`] and
/// [`with_prefetch`].
fn adapt_link_module(
    link_module: &Path,
    files: &std::collections::HashMap<String, Vec<String>>,
) -> Result<(), XtaskError> {
    let module =
        fs::read_to_string(link_module).map_err(XtaskError::io("reading the link module"))?;
    let module = with_prefetch(&paced_loader(&module)?, files)?;
    fs::write(link_module, module).map_err(XtaskError::io("writing the link module"))
}

/// The link module with its loader asking for [`LOAD_BATCH`] files per task, the page's own
/// file first. A page needs dozens of small shared chunks (41 for sign-in), and each request
/// costs the main thread a few milliseconds on a phone: asked for all at once, in the task
/// that starts the app, they made that task Lighthouse's longest on `/sign-in` and `/verify`.
/// The later requests go out a task later, which the network does not notice.
fn paced_loader(module: &str) -> Result<String, XtaskError> {
    if !module.contains(LOADER_ALL_AT_ONCE) {
        return Err(XtaskError::CheckFailed(
            "wasm-split's loader is not the one xtask/src/wasm_build.rs paces: see paced_loader"
                .into(),
        ));
    }
    let paced = format!(
        "        // Paced by `cargo xtask build` (xtask/src/wasm_build.rs).
        const instantiate = fetcher();
        const parallelStuff = [];
        for (const dep of deps) {{
            if (parallelStuff.length > 0 && parallelStuff.length % {LOAD_BATCH} === 0) {{
                await (globalThis.scheduler?.yield?.() ?? new Promise((next) => setTimeout(next, 0)));
            }}
            parallelStuff.push(dep());
        }}
"
    );
    Ok(module.replacen(LOADER_ALL_AT_ONCE, &paced, 1))
}

/// The link module with `prefetchSplit(name)`: it has the browser fetch every file split
/// point `name` needs into its cache (`<link rel="prefetch">`, at the lowest priority),
/// without compiling them, [`PREFETCH_BATCH`] files per idle callback. The app asks for the
/// pages a citizen is likely to open next when it is idle (src/lazy_routes.rs): loading them
/// through wasm-split's own loader would also compile and instantiate each of their dozens of
/// chunks, one long task on a phone's main thread (Lighthouse's blocking time on `/` was
/// 190–280 ms with it, 95 without). Files the page has asked for already (its frame's
/// preloads, and what the loader fetched for it) are left out: from the cache they cost no
/// bytes, but a request each all the same.
fn with_prefetch(
    module: &str,
    files: &std::collections::HashMap<String, Vec<String>>,
) -> Result<String, XtaskError> {
    // Sorted, so the same build writes the same file (the folder is named by its hash).
    let files: std::collections::BTreeMap<_, _> = files.iter().collect();
    let files = serde_json::to_string(&files)
        .map_err(|error| XtaskError::CheckFailed(format!("the split files: {error}")))?;
    let mut module = module.to_owned();
    module.push_str(&format!(
        r#"
// Added by `cargo xtask build` (xtask/src/wasm_build.rs): fetches the files a split point
// needs into the browser's cache, without compiling them, a few at a time in the browser's
// idle time (asking for a resource costs the main thread about half a millisecond, more on a
// phone, and a page needs dozens of files).
const SPLIT_FILES = {files};
const PREFETCH_BATCH = {PREFETCH_BATCH};
const prefetchQueue = [];
const prefetchAsked = new Set();
const whenIdle = (work) => (globalThis.requestIdleCallback ?? ((later) => setTimeout(later, 50)))(work);
// What the page has asked for already: the files its frame preloads from the head, and what
// it has fetched (the page's own files, through the loader). Asked again, each would come
// from the cache, but as one more request all the same.
function alreadyAsked() {{
    const asked = new Set(performance.getEntriesByType("resource").map((entry) => entry.name));
    for (const link of document.querySelectorAll('link[rel="preload"]')) asked.add(link.href);
    return asked;
}}
function prefetchSome() {{
    // Offline, each file would only fail: the rest waits for the connection to come back.
    if (navigator.onLine === false) {{
        addEventListener("online", () => whenIdle(prefetchSome), {{ once: true }});
        return;
    }}
    const asked = alreadyAsked();
    for (const file of prefetchQueue.splice(0, PREFETCH_BATCH)) {{
        const href = new URL(`./${{file}}.wasm`, import.meta.url).href;
        if (asked.has(href)) continue;
        const link = document.createElement("link");
        link.rel = "prefetch";
        link.href = href;
        document.head.append(link);
    }}
    if (prefetchQueue.length > 0) whenIdle(prefetchSome);
}}
export function prefetchSplit(name) {{
    const idle = prefetchQueue.length === 0;
    for (const file of SPLIT_FILES[name] ?? []) {{
        if (prefetchAsked.has(file)) continue;
        prefetchAsked.add(file);
        prefetchQueue.push(file);
    }}
    if (idle && prefetchQueue.length > 0) whenIdle(prefetchSome);
}}
"#
    ));
    Ok(module)
}

/// terser's smallest form of a JS module the build writes: wasm-bindgen's glue (91 KB as
/// written, 11.4 KB brotli; 9.3 KB minified) and the link module, both on every first load.
/// Names the module exports, and the wasm's imports (properties of the import object), stay.
fn minify(root: &Path, js: &Path) -> Result<(), XtaskError> {
    let name = js
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    run(
        &format!("terser {name}"),
        command(root, "terser", root)
            .arg(js)
            .args(["--module", "--compress", "--mangle", "--output"])
            .arg(js),
    )
}

/// Set (to anything) for a build whose wasm keeps its functions' names, so that a profile of
/// the app in the browser says which Rust function the time went to. Larger files: never for
/// a deployment.
const KEEP_NAMES_VAR: &str = "PORTAL_WASM_NAMES";

/// wasm-opt at its smallest, as Trunk ran it before, with the features Rust's wasm32 target
/// emits (binaryen rejects them unless told).
fn optimise(root: &Path, wasm: &Path) -> Result<(), XtaskError> {
    let name = wasm
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut wasm_opt = command(root, "wasm-opt", root);
    wasm_opt.args([
        "-Oz",
        "--converge",
        "--enable-bulk-memory",
        "--enable-nontrapping-float-to-int",
        "--enable-sign-ext",
        "--enable-mutable-globals",
        "--enable-reference-types",
        "--enable-multivalue",
    ]);
    if std::env::var_os(KEEP_NAMES_VAR).is_some() {
        wasm_opt.arg("--debuginfo");
    }
    run(
        &format!("wasm-opt -Oz {name}"),
        wasm_opt.arg(wasm).arg("-o").arg(wasm),
    )
}

/// 16 hex digits of the SHA-256 of every file in `dir` (names and contents, in name order).
fn folder_hash(dir: &Path) -> Result<String, XtaskError> {
    let mut files = Vec::new();
    collect_files(dir, &mut files)?;
    files.sort();
    let mut hasher = Sha256::new();
    for file in &files {
        let relative = file.strip_prefix(dir).unwrap_or(file);
        hasher.update(relative.to_string_lossy().as_bytes());
        hasher.update(fs::read(file).map_err(XtaskError::io("hashing the wasm folder"))?);
    }
    Ok(hasher
        .finalize()
        .iter()
        .take(8)
        .map(|byte| format!("{byte:02x}"))
        .collect())
}

/// Every file under `dir`, at any depth (wasm-bindgen puts JS snippets in subfolders).
pub fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), XtaskError> {
    for entry in fs::read_dir(dir).map_err(XtaskError::io(format!("reading {}", dir.display())))? {
        let path = entry.map_err(XtaskError::io("reading a folder"))?.path();
        if path.is_dir() {
            collect_files(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

/// Fills the two meta tags `boot.js` reads, and adds preload hints so the browser fetches the
/// glue and the main wasm while it parses the page.
fn point_index_at(dist: &Path, folder: &str) -> Result<(), XtaskError> {
    let path = dist.join("index.html");
    let html = fs::read_to_string(&path).map_err(XtaskError::io("reading dist/index.html"))?;
    let glue = format!("/{folder}/{GLUE}.js");
    let wasm = format!("/{folder}/{GLUE}_bg.wasm");
    let html = fill_index(&html, &glue, &wasm).ok_or_else(|| {
        XtaskError::CheckFailed(format!(
            "index.html must hold `{META_GLUE}` and `{META_WASM}` for the built app"
        ))
    })?;
    fs::write(&path, html).map_err(XtaskError::io("writing dist/index.html"))
}

/// `html` with the placeholders filled; `None` if either is missing.
fn fill_index(html: &str, glue: &str, wasm: &str) -> Option<String> {
    if !html.contains(META_GLUE) || !html.contains(META_WASM) {
        return None;
    }
    // The glue imports the chunk loader at once; naming it here saves a round trip.
    let loader = glue.rsplit_once('/').map_or_else(
        || LINK_MODULE.trim_start_matches("./").to_owned(),
        |(folder, _)| format!("{folder}/{}", LINK_MODULE.trim_start_matches("./")),
    );
    let glue_tags = format!(
        r#"<meta name="wasm-js" content="{glue}"><link rel="modulepreload" href="{glue}"><link rel="modulepreload" href="{loader}">"#
    );
    let wasm_tags = format!(
        r#"<meta name="wasm-bg" content="{wasm}"><link rel="preload" href="{wasm}" as="fetch" type="application/wasm" crossorigin>"#
    );
    Some(
        html.replacen(META_GLUE, &glue_tags, 1)
            .replacen(META_WASM, &wasm_tags, 1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_module_gets_each_split_points_files_in_the_same_order_every_build() {
        let files = std::collections::HashMap::from([
            (
                "sign_in".to_owned(),
                vec!["chunk_2".to_owned(), "split_sign_in".to_owned()],
            ),
            (
                "account".to_owned(),
                vec!["chunk_2".to_owned(), "split_account".to_owned()],
            ),
        ]);
        let written = with_prefetch("export const loader = 1;\n", &files).unwrap();
        assert!(written.starts_with("export const loader = 1;\n"));
        assert!(written.contains(
            r#"const SPLIT_FILES = {"account":["chunk_2","split_account"],"sign_in":["chunk_2","split_sign_in"]};"#
        ));
        assert!(written.contains("export function prefetchSplit(name)"));
    }

    #[test]
    fn the_loader_asks_for_a_few_files_per_task_or_the_build_stops() {
        let module = format!(
            "const loader = async () => {{\n{LOADER_ALL_AT_ONCE}        await Promise.all(parallelStuff);\n"
        );
        let paced = paced_loader(&module).unwrap();
        assert!(!paced.contains("deps.map"));
        assert!(paced.contains(&format!("% {LOAD_BATCH} === 0")));
        assert!(paced.contains("        await Promise.all(parallelStuff);"));
        // Another wasm-split writes another loader: the build says so rather than ship it
        // unpaced.
        assert!(paced_loader("const parallelStuff = deps.map((d) => d());").is_err());
    }

    #[test]
    fn index_gets_both_addresses_and_preloads() {
        let html = format!("<head>{META_GLUE}{META_WASM}</head>");
        let filled = fill_index(&html, "/app-1/a.js", "/app-1/a_bg.wasm").unwrap();
        assert!(filled.contains(r#"<meta name="wasm-js" content="/app-1/a.js">"#));
        assert!(filled.contains(r#"<link rel="modulepreload" href="/app-1/a.js">"#));
        assert!(filled.contains(r#"<link rel="modulepreload" href="/app-1/__wasm_split.js">"#));
        assert!(filled.contains(r#"<meta name="wasm-bg" content="/app-1/a_bg.wasm">"#));
        assert!(!filled.contains(r#"content="""#));
    }

    #[test]
    fn index_without_placeholders_is_refused() {
        assert!(fill_index("<head></head>", "/a.js", "/a_bg.wasm").is_none());
        assert!(fill_index(META_GLUE, "/a.js", "/a_bg.wasm").is_none());
    }

    #[test]
    fn folder_hash_follows_content() {
        let dir = std::env::temp_dir().join(format!("xtask-hash-{}", std::process::id()));
        fs::create_dir_all(dir.join("snippets")).unwrap();
        fs::write(dir.join("a.js"), "one").unwrap();
        fs::write(dir.join("snippets/b.js"), "two").unwrap();
        let first = folder_hash(&dir).unwrap();
        assert_eq!(first.len(), 16);
        assert_eq!(first, folder_hash(&dir).unwrap());
        fs::write(dir.join("snippets/b.js"), "three").unwrap();
        assert_ne!(first, folder_hash(&dir).unwrap());
        fs::remove_dir_all(&dir).unwrap();
    }
}
