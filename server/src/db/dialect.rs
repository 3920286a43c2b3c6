//! The one difference of SQL text between the engines that every statement meets: SQLite's
//! placeholders (`?1`, or `?` for "the next one") are PostgreSQL's `$1`.
//!
//! Other differences (types, triggers) live in each engine's own migrations, and the stores
//! use only SQL both engines accept (`ON CONFLICT`, `RETURNING`, `LIKE … ESCAPE`).

/// `sql` with SQLite placeholders written as PostgreSQL's. Quoted text, quoted names and
/// comments are left as they are.
pub fn postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    // SQLite numbers a bare `?` one past the largest number used so far.
    let mut largest = 0u32;
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == '\n' {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                let number = if digits.is_empty() {
                    largest + 1
                } else {
                    digits.parse().unwrap_or(u32::MAX)
                };
                largest = largest.max(number);
                out.push('$');
                out.push_str(&number.to_string());
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::postgres;

    #[test]
    fn numbered_and_bare_placeholders_become_dollar_numbers() {
        assert_eq!(
            postgres("SELECT a FROM t WHERE b = ?1 AND c = ?2 OR d = ?1"),
            "SELECT a FROM t WHERE b = $1 AND c = $2 OR d = $1"
        );
        assert_eq!(
            postgres("WHERE a = ? AND b LIKE ? LIMIT ? OFFSET ?"),
            "WHERE a = $1 AND b LIKE $2 LIMIT $3 OFFSET $4"
        );
        assert_eq!(postgres("?2, ?, ?1"), "$2, $3, $1");
    }

    #[test]
    fn quoted_text_names_and_comments_keep_their_question_marks() {
        assert_eq!(
            postgres("SELECT '?', \"odd?name\" FROM t -- why?\nWHERE x = ?1 ESCAPE '\\'"),
            "SELECT '?', \"odd?name\" FROM t -- why?\nWHERE x = $1 ESCAPE '\\'"
        );
    }
}
