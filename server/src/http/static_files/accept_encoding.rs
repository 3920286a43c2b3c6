//! Which copy of a file a browser gets, from what its `Accept-Encoding` says it can read.

/// One of the copies a file is kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Brotli: the smallest, which every current browser reads.
    Brotli,
    /// gzip, for the rest.
    Gzip,
    /// The file as built.
    Identity,
}

impl Encoding {
    /// The coding's name in `Accept-Encoding` and `Content-Encoding`.
    pub const fn token(self) -> &'static str {
        match self {
            Self::Brotli => "br",
            Self::Gzip => "gzip",
            Self::Identity => "identity",
        }
    }
}

/// The best of the `offered` compressed copies (best first) that `accept_encoding` allows:
/// the one it weighs highest, the earlier on a tie; the file as built when it allows none.
pub fn choose(
    accept_encoding: Option<&str>,
    offered: impl IntoIterator<Item = Encoding>,
) -> Encoding {
    let Some(header) = accept_encoding else {
        return Encoding::Identity;
    };
    let mut best = (Encoding::Identity, 0);
    for encoding in offered {
        let weight = weight(header, encoding.token());
        if weight > best.1 {
            best = (encoding, weight);
        }
    }
    best.0
}

/// The weight, in thousandths, the header gives `coding`: its own `q`, else that of `*`,
/// else 0 (a coding not named is not accepted).
fn weight(header: &str, coding: &str) -> u16 {
    let mut wildcard = 0;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or_default().trim();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .next()
            .map_or(1000, thousandths);
        if name.eq_ignore_ascii_case(coding) {
            return q;
        }
        if name == "*" {
            wildcard = q;
        }
    }
    wildcard
}

/// `0.5` → 500; anything unreadable counts as 0, so a garbled header gets the plain file.
fn thousandths(q: &str) -> u16 {
    q.trim()
        .parse::<f32>()
        .ok()
        .filter(|q| (0.0..=1.0).contains(q))
        // In 0..=1000 by the filter above.
        .map_or(0, |q| (q * 1000.0).round() as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: [Encoding; 2] = [Encoding::Brotli, Encoding::Gzip];

    #[test]
    fn brotli_when_the_browser_reads_it() {
        assert_eq!(
            choose(Some("gzip, deflate, br, zstd"), BOTH),
            Encoding::Brotli
        );
        assert_eq!(choose(Some("br"), BOTH), Encoding::Brotli);
        assert_eq!(choose(Some("*"), BOTH), Encoding::Brotli);
    }

    #[test]
    fn gzip_when_brotli_is_not_read_or_weighs_less() {
        assert_eq!(choose(Some("gzip, deflate"), BOTH), Encoding::Gzip);
        assert_eq!(choose(Some("br;q=0.5, gzip"), BOTH), Encoding::Gzip);
        assert_eq!(choose(Some("br;q=0, *"), BOTH), Encoding::Gzip);
        assert_eq!(choose(Some("br, gzip"), [Encoding::Gzip]), Encoding::Gzip);
    }

    #[test]
    fn the_file_as_built_otherwise() {
        assert_eq!(choose(None, BOTH), Encoding::Identity);
        assert_eq!(choose(Some("identity"), BOTH), Encoding::Identity);
        assert_eq!(choose(Some("br;q=0, gzip;q=0"), BOTH), Encoding::Identity);
        assert_eq!(choose(Some("br;q=nonsense"), BOTH), Encoding::Identity);
        assert_eq!(choose(Some("br, gzip"), []), Encoding::Identity);
    }
}
