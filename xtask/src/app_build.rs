//! The release build of the app, its precompressed copies, and the generated API document.

use std::fs;
use std::io::Write;
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::error::XtaskError;
use crate::process::{command, run};
use crate::{page_assets, wasm_build};

/// The extensions worth compressing: text and wasm. Images like PNG are compressed already.
const COMPRESSIBLE: [&str; 8] = [
    "html",
    "css",
    "js",
    "wasm",
    "svg",
    "json",
    "txt",
    "webmanifest",
];

/// Builds the app into `dist/`: Trunk for the page, its stylesheet and scripts (minified by
/// `page_assets`), then the wasm split at its lazy routes (`wasm_build`), and writes a `.br`
/// and a `.gz` beside each text asset, which the server sends as they are.
pub fn build_release(root: &Path) -> Result<(), XtaskError> {
    // Trunk runs cargo offline (Trunk.toml), so the crates must be in the local cache first.
    run("cargo fetch", command(root, "cargo", root).arg("fetch"))?;
    run(
        "trunk build --release",
        command(root, "trunk", root).args(["build", "--release", "--skip-version-check"]),
    )?;
    page_assets::minify(root)?;
    wasm_build::build(root)?;
    prerender(root)?;
    compress_dist(&root.join("dist"))
}

/// Renders the public pages into `dist/prerendered/` (src/prerender.rs): the same app, built
/// natively with its `ssr` feature, run on the `index.html` just built.
fn prerender(root: &Path) -> Result<(), XtaskError> {
    run(
        "pre-render the public pages",
        command(root, "cargo", root)
            .args([
                "run",
                "--quiet",
                "--package",
                "citizen-portal",
                "--no-default-features",
                "--features",
                "ssr",
                "--",
            ])
            .arg(root.join("dist")),
    )
}

/// Writes `name.br` and `name.gz` for every compressible file in `dist`, at any depth.
pub fn compress_dist(dist: &Path) -> Result<(), XtaskError> {
    let mut files = Vec::new();
    wasm_build::collect_files(dist, &mut files)?;
    for path in files {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if !path.is_file() || !COMPRESSIBLE.contains(&ext) {
            continue;
        }
        let bytes =
            fs::read(&path).map_err(XtaskError::io(format!("reading {}", path.display())))?;
        let mut br_name = path.clone().into_os_string();
        br_name.push(".br");
        fs::write(&br_name, brotli_bytes(&bytes)).map_err(XtaskError::io("writing a .br file"))?;
        let mut gz_name = path.into_os_string();
        gz_name.push(".gz");
        fs::write(&gz_name, gzip_bytes(&bytes)).map_err(XtaskError::io("writing a .gz file"))?;
    }
    Ok(())
}

/// Brotli at its best quality: the files are compressed once at build time.
pub fn brotli_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut input = bytes;
    // Writing into a Vec cannot fail, so the result carries no information.
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    out
}

/// Gzip at its best level, for browsers without brotli.
pub fn gzip_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 2), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Regenerates `docs/openapi.yaml` from the server's code (utoipa), the document the server
/// test compares against.
pub fn write_openapi(root: &Path) -> Result<(), XtaskError> {
    println!("\n==> generate docs/openapi.yaml");
    let output = command(root, "cargo", root)
        .args([
            "run",
            "--quiet",
            "--package",
            "portal-server",
            "--",
            "openapi",
        ])
        .output()
        .map_err(|source| XtaskError::NotStarted {
            program: "cargo".to_owned(),
            source,
        })?;
    if !output.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&output.stderr));
        return Err(XtaskError::StepFailed {
            step: "portal-server openapi".to_owned(),
            code: output.status.code(),
        });
    }
    fs::write(root.join("docs/openapi.yaml"), &output.stdout)
        .map_err(XtaskError::io("writing docs/openapi.yaml"))?;
    println!("docs/openapi.yaml written ({} bytes)", output.stdout.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_copies_are_smaller_for_text_and_decode_back() {
        let text = "<p>Cơ sở dữ liệu quốc gia về dân cư</p>".repeat(50);
        let br = brotli_bytes(text.as_bytes());
        let gz = gzip_bytes(text.as_bytes());
        assert!(
            br.len() < text.len() / 5,
            "brotli {} of {}",
            br.len(),
            text.len()
        );
        assert!(
            gz.len() < text.len() / 5,
            "gzip {} of {}",
            gz.len(),
            text.len()
        );

        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut br.as_slice(), &mut decoded).unwrap();
        assert_eq!(decoded, text.as_bytes());
        let mut decoded = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(gz.as_slice()),
            &mut decoded,
        )
        .unwrap();
        assert_eq!(decoded, text);
    }
}
