//! The public pages rendered to HTML ahead of time, natively (`--features ssr`), from the same
//! components as the app: `cargo xtask build` runs this binary on `dist/` after the app is
//! built. Each page is written into a copy of `index.html` in each language
//! (`dist/prerendered/<lang>/<page>.html`), and the server answers a page's address with it,
//! so the first screen is painted before the wasm has arrived.
//!
//! A signed-in citizen's pages are written too, under `signed-in/`, as frames: the header of
//! a signed-in citizen with a blank for the name, the page's heading and a skeleton where its
//! data will be. The server answers with them when the request carries a session cookie, and
//! the app takes the frame over once it knows the citizen, so nothing on screen moves. What
//! the citizen came for on a frame is their data, which waits for the app and the page's own
//! code: a frame names its page's files (`data-page-files`), which `boot.js` asks for beside
//! the app, once the frame has painted, rather than the app asking once it has started.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::location::RequestUrl;

use crate::app::App;
use crate::i18n::Locale;
use crate::lazy_routes::{
    APP_CHUNK, AccountRoute, DocumentListRoute, RecordRoute, RequestListRoute, SharedDocumentRoute,
    VerifyRoute,
};
use crate::session::{SIGNED_IN_MARK, SignedInFrame};
use Shows::{Skeleton, Text};

/// The pages rendered ahead of time, by address, and the file each is written to. A page of
/// the form `/shared/:token` is rendered once, with `_` for the token, which it does not show
/// before it has loaded; the server answers every `/shared/…` with it.
const PAGES: &[(&str, &str)] = &[
    ("/", "index"),
    ("/sign-in", "sign-in"),
    ("/verify", "verify"),
    ("/shared/_", "shared/_"),
];

/// The pages whose frame, as a signed-in citizen sees it, is rendered ahead of time: the
/// public ones a citizen may open signed in, and the first page of each section; with the
/// split point whose code each page needs besides the app's (home's is in the main module),
/// and what the frame shows before the citizen's data.
// A table, one page a line.
#[rustfmt::skip]
const SIGNED_IN_PAGES: &[(&str, &str, Option<&str>, Shows)] = &[
    ("/", "index", None, Text),
    ("/verify", "verify", Some(VerifyRoute::CHUNK), Text),
    ("/shared/_", "shared/_", Some(SharedDocumentRoute::CHUNK), Skeleton),
    ("/record", "record", Some(RecordRoute::CHUNK), Skeleton),
    ("/documents", "documents", Some(DocumentListRoute::CHUNK), Text),
    ("/requests", "requests", Some(RequestListRoute::CHUNK), Text),
    ("/account", "account", Some(AccountRoute::CHUNK), Text),
];

/// What a signed-in frame shows before the citizen's data, which decides when the browser
/// fetches the page's code (the app's, and its page's files).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shows {
    /// Something to read, the page's lead: its largest paint, which comes first. `boot.js`
    /// asks for the page's files with the app once the frame has painted (`data-page-files`):
    /// preloaded from the head, they held `/documents`' lead back from 1.0 s to 3.6 s in
    /// Lighthouse.
    Text,
    /// A heading over a skeleton: the largest paint is the data, which waits for the app and
    /// the page's code, so the frame's head preloads both from its first byte. Lighthouse on
    /// `/record`, median of 3: LCP 3.72 s -> 3.23, score 83 -> 88.
    Skeleton,
}

/// The list of each split point's files that `cargo xtask build` writes beside the wasm
/// (`xtask/src/wasm_build.rs`): a line per split point, its name and then its files.
const SPLIT_FILES_LIST: &str = "split-files.txt";

/// The folder of the signed-in frames, in each language's folder.
const SIGNED_IN_FOLDER: &str = "signed-in";

/// The element of `index.html` whose content the rendered app replaces.
const APP_OPEN: &str = r#"<div id="app">"#;
const APP_CLOSE: &str = "</div>\n  </body>";

/// `citizen-portal <dist>`: writes every page in every language.
pub fn main() -> ExitCode {
    let Some(dist) = std::env::args_os().nth(1) else {
        eprintln!("usage: citizen-portal <dist folder>");
        return ExitCode::FAILURE;
    };
    match write_pages(Path::new(&dist)) {
        Ok(count) => {
            println!("pre-rendered {count} pages");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("pre-rendering failed: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the pages into `dist/prerendered/`; the number written.
fn write_pages(dist: &Path) -> Result<usize, String> {
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|error| format!("reading {}/index.html: {error}", dist.display()))?;
    let split = SplitFiles::read(dist, &index)?;
    let mut count = 0;
    let signed_out = PAGES.iter().map(|&(path, file)| (path, file, None));
    let signed_in = SIGNED_IN_PAGES
        .iter()
        .map(|&(path, file, chunk, shows)| (path, file, Some((split.addresses(chunk), shows))));
    let pages: Vec<_> = signed_out.chain(signed_in).collect();
    for &locale in Locale::get_all() {
        for (path, file, frame) in &pages {
            let signed_in = frame.is_some();
            let html = render(path, locale, signed_in);
            let frame = frame
                .as_ref()
                .map(|(files, shows)| (files.as_str(), *shows));
            let page = page(&index, &html, locale, frame)?;
            let folder = dist.join("prerendered").join(locale.as_str());
            let folder = if signed_in {
                folder.join(SIGNED_IN_FOLDER)
            } else {
                folder
            };
            let target = folder.join(format!("{file}.html"));
            if let Some(folder) = target.parent() {
                std::fs::create_dir_all(folder)
                    .map_err(|error| format!("creating {}: {error}", folder.display()))?;
            }
            std::fs::write(&target, page)
                .map_err(|error| format!("writing {}: {error}", target.display()))?;
            count += 1;
        }
    }
    Ok(count)
}

/// `index.html` with the rendered app in place of its static shell, in `locale`. A signed-in
/// page's `frame` (the addresses of its page's files, from [`SplitFiles::addresses`], and
/// what it shows) is marked as such, so the app starts it as a signed-in page (`start.rs`).
fn page(
    index: &str,
    app: &str,
    locale: Locale,
    frame: Option<(&str, Shows)>,
) -> Result<String, String> {
    let start = index
        .find(APP_OPEN)
        .ok_or("index.html has no <div id=\"app\">")?
        + APP_OPEN.len();
    let end = index
        .rfind(APP_CLOSE)
        .filter(|&end| end > start)
        .ok_or("index.html's app element does not end just before </body>")?;
    // Marked, so the app knows to keep it on screen until its own page is ready.
    let mark = match frame {
        Some((files, Shows::Text)) => format!(
            r#"<div id="app" data-prerendered="{SIGNED_IN_MARK}" data-page-files="{files}">"#
        ),
        Some((_, Shows::Skeleton)) => {
            format!(r#"<div id="app" data-prerendered="{SIGNED_IN_MARK}">"#)
        }
        None => r#"<div id="app" data-prerendered>"#.to_owned(),
    };
    let html = format!(
        "{}{app}{}",
        &index[..start].replacen(APP_OPEN, &mark, 1),
        &index[end..]
    );
    let html = match frame {
        Some((files, Shows::Skeleton)) => with_preloads(&html, files),
        _ => without_preloads(&html),
    };
    Ok(html.replacen(
        r#"<html lang="vi">"#,
        &format!(r#"<html lang="{}">"#, locale.as_str()),
        1,
    ))
}

/// The files each split point needs, and where they are.
struct SplitFiles {
    /// The app's folder, as its address: `/app-<hash>`.
    folder: String,
    files: HashMap<String, Vec<String>>,
}

impl SplitFiles {
    /// Reads [`SPLIT_FILES_LIST`] in the folder of the app that `index` loads. A build without
    /// split points (Trunk's alone) has no list, and no files to preload.
    fn read(dist: &Path, index: &str) -> Result<Self, String> {
        let marker = r#"<meta name="wasm-js" content=""#;
        let folder = index
            .split_once(marker)
            .and_then(|(_, rest)| rest.split_once('"'))
            .and_then(|(glue, _)| glue.rsplit_once('/'))
            .map(|(folder, _)| folder.to_owned())
            .ok_or("index.html does not say where the app is (meta wasm-js)")?;
        let list = dist
            .join(folder.trim_start_matches('/'))
            .join(SPLIT_FILES_LIST);
        let text = match std::fs::read_to_string(&list) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(error) => return Err(format!("reading {}: {error}", list.display())),
        };
        let files = text
            .lines()
            .filter_map(|line| {
                let mut words = line.split_whitespace();
                let name = words.next()?.to_owned();
                Some((name, words.map(str::to_owned).collect()))
            })
            .collect();
        Ok(Self { folder, files })
    }

    /// The address of each file a signed-in page needs, separated by spaces: the app's
    /// ([`APP_CHUNK`]), then its page's `chunk`, each file once.
    fn addresses(&self, chunk: Option<&str>) -> String {
        let mut addresses: Vec<String> = Vec::new();
        for split in [Some(APP_CHUNK), chunk].into_iter().flatten() {
            for file in self.files.get(split).into_iter().flatten() {
                let address = format!("{}/{file}.wasm", self.folder);
                if !addresses.contains(&address) {
                    addresses.push(address);
                }
            }
        }
        addresses.join(" ")
    }
}

/// The page with index.html's preloads of the app's JS and wasm kept, and one more for each
/// of `files`, as the loader fetches them (`fetch()`, same-origin credentials), so that it
/// finds them on their way: for a frame whose largest paint waits for them ([`Shows`]).
fn with_preloads(html: &str, files: &str) -> String {
    let links: String = files
        .split_whitespace()
        .map(|file| {
            format!(
                r#"<link rel="preload" href="{file}" as="fetch" type="application/wasm" crossorigin>"#
            )
        })
        .collect();
    html.replacen("</head>", &format!("{links}</head>"), 1)
}

/// The page without index.html's preloads of the app's JS and wasm: a page that is there
/// already paints first, and `boot.js` fetches the app right after, so on a slow connection
/// the app's 190 KB do not compete with the page's own few.
fn without_preloads(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = ["<link rel=\"modulepreload\"", "<link rel=\"preload\""]
        .iter()
        .filter_map(|tag| rest.find(tag))
        .min()
    {
        out.push_str(&rest[..at]);
        rest = rest[at..].find('>').map_or("", |end| &rest[at + end + 1..]);
    }
    out.push_str(rest);
    out
}

/// The HTML of the app at `path`, in `locale`; with `signed_in`, the frame of the page as a
/// signed-in citizen sees it.
pub fn render(path: &str, locale: Locale, signed_in: bool) -> String {
    let _ = any_spawner::Executor::init_futures_executor();
    // The server's shared context: it tells the app it is not in a browser (effects do not
    // run, `is_server()` holds).
    let owner = Owner::new_root(Some(Arc::new(hydration_context::SsrSharedContext::new())));
    owner.with(|| {
        provide_context(RequestUrl::new(path));
        provide_context(locale);
        if signed_in {
            provide_context(SignedInFrame);
        }
        view! { <App /> }.to_html()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each page and the locale key of its heading.
    const HEADINGS: &[(&str, &str)] = &[
        ("/", "home"),
        ("/sign-in", "sign_in"),
        ("/verify", "verify"),
        ("/shared/_", "shared_document"),
    ];

    /// `page.<page>.title` in `locale`, from the locale files the app is compiled from.
    fn heading(locale: Locale, page: &str) -> String {
        let json = match locale {
            Locale::vi => include_str!("../locales/vi.json"),
            Locale::en => include_str!("../locales/en.json"),
        };
        let texts: serde_json::Value = serde_json::from_str(json).unwrap();
        texts["page"][page]["title"].as_str().unwrap().to_owned()
    }

    #[test]
    fn every_public_page_renders_with_its_heading_in_each_language() {
        for (path, page) in HEADINGS {
            for locale in [Locale::vi, Locale::en] {
                let html = render(path, locale, false);
                let heading = heading(locale, page);
                assert!(
                    html.contains(&format!(r#"class="app-page-heading">{heading}</h1>"#)),
                    "{path} in {locale:?}: {html}"
                );
                assert!(
                    html.contains(r#"<main id="main""#),
                    "{path}: no main landmark"
                );
                // The portal's Content-Security-Policy refuses inline styles and scripts.
                assert!(
                    !html.contains(" style=") && !html.contains("<script"),
                    "{path}: inline code"
                );
            }
        }
    }

    #[test]
    fn a_signed_in_frame_has_the_citizens_header_the_heading_and_a_skeleton() {
        for (path, page) in [("/record", "record"), ("/documents", "documents")] {
            for locale in [Locale::vi, Locale::en] {
                let html = render(path, locale, true);
                let heading = heading(locale, page);
                assert!(
                    html.contains(&format!(r#"class="app-page-heading">{heading}</h1>"#)),
                    "{path} in {locale:?}: {html}"
                );
                assert!(html.contains("app-session-menu__name--unknown"), "{path}");
                assert!(
                    html.contains(r#"href="/account""#),
                    "{path}: the account link"
                );
                assert!(
                    html.contains(r#"class="app-skeleton""#),
                    "{path}: no skeleton"
                );
                assert!(!html.contains(" style=") && !html.contains("<script"));
            }
        }
        // Signed out, the same page has no place for a citizen.
        assert!(!render("/", Locale::vi, false).contains("app-session-menu"));
    }

    #[test]
    fn the_sign_in_form_is_there_before_the_app() {
        let html = render("/sign-in", Locale::vi, false);
        assert!(html.contains(r#"id="identifier""#));
        assert!(html.contains(r#"type="password""#));
    }

    #[test]
    fn the_page_takes_the_place_of_the_static_shell_and_speaks_its_language() {
        let index = include_str!("../index.html");
        let html = page(index, "<p>app</p>", Locale::en, None).unwrap();
        assert!(html.contains(r#"<html lang="en">"#));
        assert!(html.contains(r#"<div id="app" data-prerendered><p>app</p></div>"#));
        let frame = page(index, "<p>app</p>", Locale::en, Some(("", Shows::Text))).unwrap();
        assert!(frame.contains(
            r#"<div id="app" data-prerendered="signed-in" data-page-files=""><p>app</p></div>"#
        ));
        assert!(html.contains(r#"<script data-trunk src="boot.js""#));
        assert!(!html.contains("app-loading"), "the static shell is gone");
    }

    #[test]
    fn a_signed_in_frame_has_its_pages_files_asked_for_after_its_lead_or_at_once() {
        let dist = std::env::temp_dir().join(format!("prerender-test-{}", std::process::id()));
        std::fs::create_dir_all(dist.join("app-1")).unwrap();
        std::fs::write(
            dist.join("app-1").join(SPLIT_FILES_LIST),
            "app chunk_2 split_app\nrecord chunk_2 chunk_3 split_record\nsign_in chunk_2 split_sign_in\n",
        )
        .unwrap();
        // As Trunk writes it (Trunk.toml's pattern_script).
        let index = include_str!("../index.html").replacen(
            r#"<meta name="wasm-js" content="">"#,
            r#"<meta name="wasm-js" content="/app-1/citizen_portal.js"><link rel="modulepreload" href="/app-1/citizen_portal.js">"#,
            1,
        );
        let split = SplitFiles::read(&dist, &index).unwrap();
        std::fs::remove_dir_all(&dist).unwrap();

        // The app's files, then the page's, each once.
        let files = split.addresses(Some(RecordRoute::CHUNK));
        assert_eq!(
            files,
            "/app-1/chunk_2.wasm /app-1/split_app.wasm /app-1/chunk_3.wasm /app-1/split_record.wasm"
        );
        // A frame with a lead to read paints it first: boot.js asks for the files after.
        let reads = page(
            &index,
            "<p>app</p>",
            Locale::vi,
            Some((&files, Shows::Text)),
        )
        .unwrap();
        assert!(reads.contains(&format!(
            r#"<div id="app" data-prerendered="signed-in" data-page-files="{files}"><p>app</p></div>"#
        )));
        assert!(!reads.contains("modulepreload") && !reads.contains(r#"rel="preload""#));
        // A frame of a skeleton waits for the data: its head asks for the app and the files.
        let waits = page(
            &index,
            "<p>app</p>",
            Locale::vi,
            Some((&files, Shows::Skeleton)),
        )
        .unwrap();
        assert!(waits.contains(r#"<div id="app" data-prerendered="signed-in"><p>app</p></div>"#));
        let head = &waits[..waits.find("</head>").unwrap()];
        assert!(head.contains(r#"<link rel="modulepreload" href="/app-1/citizen_portal.js">"#));
        for file in files.split(' ') {
            assert!(
                head.contains(&format!(
                    r#"<link rel="preload" href="{file}" as="fetch" type="application/wasm" crossorigin>"#
                )),
                "{file}: {head}"
            );
        }
        // Home has no split point of its own: its frame names the app's files.
        assert_eq!(
            split.addresses(None),
            "/app-1/chunk_2.wasm /app-1/split_app.wasm"
        );
    }

    #[test]
    fn the_apps_preloads_are_left_to_boot_js() {
        let head = r#"<meta name="wasm-js" content="/a.js"><link rel="modulepreload" href="/a.js"><link rel="preload" href="/a.wasm" as="fetch" crossorigin><link rel="stylesheet" href="/m.css">"#;
        assert_eq!(
            without_preloads(head),
            r#"<meta name="wasm-js" content="/a.js"><link rel="stylesheet" href="/m.css">"#
        );
    }
}
