//! The built app (`dist/`), read into memory once at start-up: every file by its path, with
//! its compressed copies, type, entity tag and caching rule. Answering a file is then a
//! lookup, with no file opened, no metadata read and nothing compressed per request.
//!
//! The price: a rebuilt app is served after the server restarts, as a deployment does anyway.

use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use axum::body::Bytes;
use axum::http::HeaderValue;

use super::asset::Asset;
use super::names::is_hashed_asset;
use super::page_marks::PageMarks;

/// For files whose name carries a content hash: they never change, so browsers keep them.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For everything else: the browser may keep a copy but asks every time whether it changed,
/// so a new release reaches every kiosk on its next load.
pub const REVALIDATE: &str = "no-cache";

/// The copies the release build writes beside a file (`xtask/src/app_build.rs`).
const BROTLI_SUFFIX: &str = ".br";
const GZIP_SUFFIX: &str = ".gz";

/// Every file of the built app, by its URL path (`/index.html`, `/app-<hash>/x.wasm`).
#[derive(Debug, Default)]
pub struct BuiltApp {
    files: HashMap<String, Asset>,
    /// Written on every page's `<html>` as it is read.
    marks: PageMarks,
}

/// Why the built app could not be read.
#[derive(Debug)]
pub struct DistError {
    /// The file or folder that could not be read.
    pub path: PathBuf,
    /// What the system said.
    pub source: std::io::Error,
}

impl fmt::Display for DistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read the built app at {}: {}",
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for DistError {}

impl BuiltApp {
    /// Reads every file under `dist`, each page with `marks` on its `<html>`; none when there
    /// is no such folder (the app is not built, and the API still answers).
    pub fn load(dist: &Path, marks: PageMarks) -> Result<Self, DistError> {
        let mut app = Self {
            files: HashMap::new(),
            marks,
        };
        if dist.is_dir() {
            app.add_folder(dist, "")?;
        }
        Ok(app)
    }

    /// The file at a URL path.
    pub fn file(&self, path: &str) -> Option<&Asset> {
        self.files.get(path)
    }

    /// index.html, which every route of the single-page app answers with.
    pub fn index(&self) -> Option<&Asset> {
        self.file("/index.html")
    }

    fn add_folder(&mut self, folder: &Path, url_prefix: &str) -> Result<(), DistError> {
        let unreadable = |source| DistError {
            path: folder.to_owned(),
            source,
        };
        for entry in std::fs::read_dir(folder).map_err(unreadable)? {
            let path = entry.map_err(unreadable)?.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                // A name that is not UTF-8 cannot be asked for in a URL we answer.
                continue;
            };
            let url = format!("{url_prefix}/{name}");
            if path.is_dir() {
                self.add_folder(&path, &url)?;
            } else if !is_a_copy(&path) {
                self.files
                    .insert(url.clone(), read_asset(&path, &url, &self.marks)?);
            }
        }
        Ok(())
    }
}

/// `x.js.br` beside `x.js` is a copy of it, served as `x.js`; a `.gz` alone is a file.
fn is_a_copy(path: &Path) -> bool {
    let name = path.to_string_lossy();
    [BROTLI_SUFFIX, GZIP_SUFFIX]
        .iter()
        .filter_map(|suffix| name.strip_suffix(suffix))
        .any(|original| Path::new(original).is_file())
}

fn read_asset(path: &Path, url: &str, marks: &PageMarks) -> Result<Asset, DistError> {
    let read = |path: &Path| {
        std::fs::read(path)
            .map(Bytes::from)
            .map_err(|source| DistError {
                path: path.to_owned(),
                source,
            })
    };
    let read_copy = |suffix: &str| {
        let mut copy = path.as_os_str().to_owned();
        copy.push(suffix);
        let copy = PathBuf::from(copy);
        copy.is_file().then(|| read(&copy)).transpose()
    };
    let mut bytes = read(path)?;
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let (mut brotli, mut gzip) = (read_copy(BROTLI_SUFFIX)?, read_copy(GZIP_SUFFIX)?);
    if mime == mime_guess::mime::TEXT_HTML
        && let Some(marked) = std::str::from_utf8(&bytes)
            .ok()
            .and_then(|page| marks.apply(page))
    {
        // The build's copies are of the page without the marks: made again below.
        bytes = Bytes::from(marked);
        (brotli, gzip) = (None, None);
    }
    // A folder not made by the release build (or the tests' little one) has no copies: make
    // them now, once, rather than compress the file again for every browser.
    // Kept only when smaller: a tiny file grows when compressed.
    if brotli.is_none() && gzip.is_none() && worth_compressing(&mime) {
        let smaller = |copy: &Bytes| copy.len() < bytes.len();
        brotli = brotli_bytes(&bytes).filter(smaller);
        gzip = gzip_bytes(&bytes).filter(smaller);
    }
    let cache_control = if is_hashed_asset(url) {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    let content_type = HeaderValue::from_str(mime.as_ref())
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    Ok(Asset::new(
        content_type,
        HeaderValue::from_static(cache_control),
        bytes,
        brotli,
        gzip,
    ))
}

/// Text, scripts, wasm and SVG shrink; photos and fonts are compressed already.
fn worth_compressing(mime: &mime_guess::Mime) -> bool {
    mime.type_() == mime_guess::mime::TEXT
        || matches!(
            mime.subtype().as_str(),
            "javascript" | "json" | "wasm" | "xml" | "manifest+json"
        )
        || mime.suffix().is_some_and(|s| s == mime_guess::mime::XML)
}

/// Brotli at quality 9: near the build's 11 in size, at a fraction of its time, so that a
/// debug build of the wasm does not hold up the start.
fn brotli_bytes(bytes: &[u8]) -> Option<Bytes> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 9,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).ok()?;
    Some(Bytes::from(out))
}

fn gzip_bytes(bytes: &[u8]) -> Option<Bytes> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok().map(Bytes::from)
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, Method, header};

    use super::*;

    fn dist() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        };
        write("index.html", b"<!doctype html><title>portal</title>");
        write("app-0123456789abcdef/main.js", b"built");
        write("app-0123456789abcdef/main.js.br", b"br");
        write("style.css", "body { color: black; } ".repeat(20).as_bytes());
        write("photo.png", &[0x89, b'P', b'N', b'G'].repeat(50));
        write("archive.tar.gz", b"a real gzip file");
        write("robots.txt", b"User-agent: *");
        dir
    }

    fn answer(app: &BuiltApp, path: &str, accept: &str) -> axum::response::Response {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, accept.parse().unwrap());
        app.file(path).unwrap().respond(&Method::GET, &headers)
    }

    #[test]
    fn reads_every_file_by_its_url_with_the_copies_beside_it() {
        let dir = dist();
        let app = BuiltApp::load(dir.path(), PageMarks::default()).unwrap();
        assert!(app.index().is_some());
        assert!(app.file("/app-0123456789abcdef/main.js.br").is_none());
        assert!(app.file("/archive.tar.gz").is_some());

        let script = answer(&app, "/app-0123456789abcdef/main.js", "br");
        assert_eq!(script.headers()[header::CONTENT_ENCODING], "br");
        let cache = script.headers()[header::CACHE_CONTROL].to_str().unwrap();
        assert!(cache.contains("immutable"));
        assert!(
            script.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .contains("javascript")
        );
    }

    #[test]
    fn text_without_copies_is_compressed_once_and_photos_never() {
        let dir = dist();
        let app = BuiltApp::load(dir.path(), PageMarks::default()).unwrap();
        let style = answer(&app, "/style.css", "gzip");
        assert_eq!(style.headers()[header::CONTENT_ENCODING], "gzip");
        assert_eq!(style.headers()[header::CACHE_CONTROL], "no-cache");
        let photo = answer(&app, "/photo.png", "br, gzip");
        assert!(!photo.headers().contains_key(header::CONTENT_ENCODING));
        // Too short to shrink: the copies would be larger than the file.
        let robots = answer(&app, "/robots.txt", "br, gzip");
        assert!(!robots.headers().contains_key(header::CONTENT_ENCODING));
    }

    #[tokio::test]
    async fn a_page_is_sent_with_the_marks_and_so_is_its_compressed_copy() {
        let dir = dist();
        let page = format!("<html lang=\"vi\">{}</html>", "<p>Trang chủ</p>".repeat(40));
        std::fs::write(dir.path().join("home.html"), &page).unwrap();
        // The build's copy, of the page without the marks.
        std::fs::write(
            dir.path().join("home.html.br"),
            brotli_bytes(page.as_bytes()).unwrap(),
        )
        .unwrap();
        let mut config = portal_api::ClientConfig::kiosk();
        config.print_paper = portal_api::PrintPaper::Receipt80mm;
        let app = BuiltApp::load(dir.path(), PageMarks::of(&config)).unwrap();
        let marked = r#"<html data-print-paper="receipt-80mm" data-kiosk lang="vi">"#;
        for accept in ["br", "identity"] {
            let response = answer(&app, "/home.html", accept);
            let compressed = response.headers().contains_key(header::CONTENT_ENCODING);
            assert_eq!(compressed, accept == "br");
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            let mut sent = body.to_vec();
            if compressed {
                sent.clear();
                brotli::BrotliDecompress(&mut &body[..], &mut sent).unwrap();
            }
            assert!(
                String::from_utf8(sent).unwrap().starts_with(marked),
                "{accept}"
            );
        }
        // Only pages: a style sheet is what the build wrote.
        let style = answer(&app, "/style.css", "identity");
        let body = axum::body::to_bytes(style.into_body(), usize::MAX).await;
        assert!(body.unwrap().starts_with(b"body { color: black; }"));
    }

    #[test]
    fn no_folder_is_an_app_with_no_files() {
        let app = BuiltApp::load(Path::new("/no/such/dist"), PageMarks::default()).unwrap();
        assert!(app.index().is_none());
    }
}
