//! The stylesheet and `boot.js` at their smallest: both are on every first load, and Trunk
//! writes them as they are in the source, comments and all (its own minifier would also
//! rewrite `index.html`, unquoting the attributes the build and the pre-rendering look for).
//! Minified here after Trunk, each with its integrity hash in `index.html` made anew: the
//! stylesheet by lightningcss (npm's, the minifier Trunk itself uses), 6.8 -> 4.5 KB brotli;
//! `boot.js` by terser, 1.9 -> 0.8 KB. `index.html`'s comments, written for who reads its
//! source, go too (0.2 KB of every page rendered ahead of time).

use std::fs;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha384};

use crate::error::XtaskError;
use crate::process::{command, run};

/// Minifies every stylesheet and script `dist/index.html` names with an integrity hash, and
/// writes the new hashes into it.
pub fn minify(root: &Path) -> Result<(), XtaskError> {
    let dist = root.join("dist");
    let index_path = dist.join("index.html");
    let mut index =
        fs::read_to_string(&index_path).map_err(XtaskError::io("reading dist/index.html"))?;
    for (file, old_hash) in hashed_assets(&index) {
        let path = dist.join(file.trim_start_matches('/'));
        if file.ends_with(".css") {
            run(
                &format!("lightningcss {file}"),
                command(root, "lightningcss", root)
                    .arg("--minify")
                    .arg(&path)
                    .arg("--output-file")
                    .arg(&path),
            )?;
        } else if file.ends_with(".js") {
            run(
                &format!("terser {file}"),
                command(root, "terser", root)
                    .arg(&path)
                    .args(["--module", "--compress", "--mangle", "--output"])
                    .arg(&path),
            )?;
        } else {
            continue;
        }
        let bytes = fs::read(&path).map_err(XtaskError::io(format!("reading {file}")))?;
        index = index.replacen(&old_hash, &integrity(&bytes), 1);
    }
    fs::write(&index_path, without_comments(&index))
        .map_err(XtaskError::io("writing dist/index.html"))
}

/// `html` without its comments.
fn without_comments(html: &str) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        kept.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => {
                rest = "";
                break;
            }
        }
    }
    kept.push_str(rest);
    kept
}

/// The address and integrity value of each tag of `html` that has both, in order.
fn hashed_assets(html: &str) -> Vec<(String, String)> {
    html.split('<')
        .filter_map(|tag| {
            let tag = tag.split('>').next()?;
            let hash = attribute(tag, "integrity")?;
            let address = attribute(tag, "href").or_else(|| attribute(tag, "src"))?;
            Some((address.to_owned(), hash.to_owned()))
        })
        .collect()
}

/// The value of attribute `name` in the text of a tag, written `name="value"`.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let length = tag[start..].find('"')?;
    Some(&tag[start..start + length])
}

/// Subresource Integrity's value for `bytes`, as Trunk writes it.
fn integrity(bytes: &[u8]) -> String {
    format!("sha384-{}", STANDARD.encode(Sha384::digest(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_trunk_wrote_with_a_hash() {
        let html = r#"<link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/main-1.css" integrity="sha384-abc"/><script src="/boot-2.js" integrity="sha384-def" type="module"></script>"#;
        assert_eq!(
            hashed_assets(html),
            [
                ("/main-1.css".to_owned(), "sha384-abc".to_owned()),
                ("/boot-2.js".to_owned(), "sha384-def".to_owned())
            ]
        );
    }

    #[test]
    fn comments_go_and_the_rest_stays() {
        assert_eq!(
            without_comments(
                "<head>\n    <!-- why -->\n    <meta charset=\"utf-8\"><!--\n more --></head>"
            ),
            "<head>\n    \n    <meta charset=\"utf-8\"></head>"
        );
        assert_eq!(without_comments("<p>no comment</p>"), "<p>no comment</p>");
    }

    #[test]
    fn the_hash_is_the_one_a_browser_checks() {
        // `printf 'body{}' | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            integrity(b"body{}"),
            "sha384-myyg/hQ74aSgjBBvVME/QXAXEkT4Y9dHbVQ5C0lIyGpldvNLJV2IWc5ElXbqLi06"
        );
    }
}
