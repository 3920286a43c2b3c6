//! Where the data lives, as `--database` names it: a file path, or a PostgreSQL URL.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// A database to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite file, created with its directory if missing.
    Sqlite(PathBuf),
    /// A PostgreSQL server and database, as a `postgres://` URL.
    Postgres(String),
}

impl FromStr for Location {
    type Err = std::convert::Infallible;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(
            if value.starts_with("postgres://") || value.starts_with("postgresql://") {
                Self::Postgres(value.to_owned())
            } else {
                Self::Sqlite(PathBuf::from(value))
            },
        )
    }
}

impl fmt::Display for Location {
    /// The location for logs: a URL's password is left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "{}", path.display()),
            Self::Postgres(url) => match (url.find("://"), url.rfind('@')) {
                (Some(scheme), Some(at)) if at > scheme => {
                    let user_info = &url[scheme + 3..at];
                    let user = user_info.split(':').next().unwrap_or_default();
                    write!(f, "{}{user}@{}", &url[..scheme + 3], &url[at + 1..])
                }
                _ => f.write_str(url),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_postgres_and_anything_else_a_file() {
        assert_eq!(
            "postgres://u@h/db".parse::<Location>().unwrap(),
            Location::Postgres("postgres://u@h/db".to_owned())
        );
        assert_eq!(
            "./data/portal.sqlite3".parse::<Location>().unwrap(),
            Location::Sqlite(PathBuf::from("./data/portal.sqlite3"))
        );
    }

    #[test]
    fn a_password_never_reaches_the_logs() {
        let location: Location = "postgresql://portal:s3cret@db:5432/portal".parse().unwrap();
        assert_eq!(location.to_string(), "postgresql://portal@db:5432/portal");
    }
}
