//! Searching a citizen's documents in SQL: every word of the query must appear in the
//! diacritics-folded name or in the code; filters narrow; one page comes back with the total.
//!
//! Server-side search keeps the browser's work and download small at 10,000 documents: the
//! phone receives one page, never the whole store. The folded-name column and the per-owner
//! covering indexes (migration 0010) keep each query to a scan of one citizen's index
//! entries; the page itself walks the sort's index and stops after one page of matches.

use crate::db::Value;
use crate::db::{Connection, Row};
use portal_api::document_index::DocumentIndex;
use portal_api::documents::{
    DocumentCategory, DocumentFacets, DocumentPage, DocumentQuery, DocumentSort, DocumentSummary,
    FacetCount,
};
use portal_api::{CalendarDate, fold_vietnamese};

use crate::db::DbError;

/// The columns of a [`DocumentSummary`], in the order [`summary`] reads them.
pub const SUMMARY_COLUMNS: &str = "code, name, category, issuing_agency, issued_on, valid_until";

/// Reads a row selected with [`SUMMARY_COLUMNS`].
pub fn summary(row: &Row) -> Result<DocumentSummary, crate::db::DbError> {
    let category: String = row.get(2)?;
    let issued_on: String = row.get(4)?;
    let valid_until: Option<String> = row.get(5)?;
    Ok(DocumentSummary {
        code: row.get(0)?,
        name: row.get(1)?,
        category: DocumentCategory::parse(&category).unwrap_or(DocumentCategory::Other),
        issuing_agency: row.get(3)?,
        issued_on: CalendarDate::parse_iso(&issued_on).map_err(|_| bad_date(4))?,
        valid_until: valid_until
            .map(|d| CalendarDate::parse_iso(&d).map_err(|_| bad_date(5)))
            .transpose()?,
    })
}

fn bad_date(column: usize) -> DbError {
    DbError::Decode {
        column,
        why: "not a calendar date".to_owned(),
    }
}

/// `LIKE` pattern for a word, with `%`, `_` and the escape character taken literally.
fn contains_pattern(word: &str) -> String {
    let escaped: String = word
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

/// One page of `owner`'s documents matching `query`.
pub fn search(
    connection: &Connection,
    owner: &str,
    query: &DocumentQuery,
) -> Result<DocumentPage, DbError> {
    let mut conditions = vec!["owner_id = ?".to_owned()];
    let mut values: Vec<Value> = vec![owner.to_owned().into()];
    for word in fold_vietnamese(&query.q).split_whitespace() {
        conditions
            .push(r"(name_folded LIKE ? ESCAPE '\' OR lower(code) LIKE ? ESCAPE '\')".to_owned());
        let pattern = contains_pattern(word);
        values.push(pattern.clone().into());
        values.push(pattern.into());
    }
    if let Some(category) = query.category {
        conditions.push("category = ?".to_owned());
        values.push(category.as_str().to_owned().into());
    }
    if let Some(agency) = &query.agency {
        conditions.push("issuing_agency = ?".to_owned());
        values.push(agency.clone().into());
    }
    if let Some(year) = query.year {
        conditions.push("issued_on >= ? AND issued_on < ?".to_owned());
        values.push(format!("{year:04}-01-01").into());
        values.push(format!("{:04}-01-01", year + 1).into());
    }
    let filter = conditions.join(" AND ");
    let total: u32 = connection.query_row(
        &format!("SELECT count(*) FROM documents WHERE {filter}"),
        values.clone(),
        |row| row.get(0),
    )?;
    let order = match query.sort {
        DocumentSort::Newest => "issued_on DESC, id DESC",
        DocumentSort::Oldest => "issued_on ASC, id ASC",
        DocumentSort::Name => "name_folded ASC, issued_on DESC, id",
    };
    let offset = (query.page - 1).saturating_mul(query.per_page);
    let mut page_values = values;
    page_values.push(i64::from(query.per_page).into());
    page_values.push(i64::from(offset).into());
    let mut statement = connection.prepare(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM documents WHERE {filter} ORDER BY {order} LIMIT ? OFFSET ?"
    ))?;
    let items = statement
        .query_map(page_values, summary)?
        .collect::<Result<_, _>>()?;
    Ok(DocumentPage {
        items,
        total,
        page: query.page,
        per_page: query.per_page,
        facets: facets(connection, owner)?,
    })
}

/// Every document of `owner`, in the order they came into the store: what the page searches
/// by the same rule as [`search`] (`portal_api::document_index`).
pub fn index(connection: &Connection, owner: &str) -> Result<DocumentIndex, DbError> {
    let mut statement = connection.prepare(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM documents WHERE owner_id = ? ORDER BY id"
    ))?;
    let items = statement
        .query_map([owner], summary)?
        .collect::<Result<_, _>>()?;
    Ok(DocumentIndex { items })
}

fn facets(connection: &Connection, owner: &str) -> Result<DocumentFacets, DbError> {
    let group = |sql: &str| -> Result<Vec<FacetCount>, DbError> {
        let mut statement = connection.prepare(sql)?;
        let rows = statement.query_map([owner], |row| {
            Ok(FacetCount {
                value: row.get(0)?,
                count: row.get(1)?,
            })
        })?;
        rows.collect::<Result<_, _>>()
    };
    let mut categories =
        group("SELECT category, count(*) FROM documents WHERE owner_id = ?1 GROUP BY category")?;
    // The filter lists categories in the catalogue's order, not the alphabet's.
    categories.sort_by_key(|facet| {
        DocumentCategory::ALL
            .iter()
            .position(|c| c.as_str() == facet.value)
    });
    Ok(DocumentFacets {
        categories,
        agencies: group(
            "SELECT issuing_agency, count(*) FROM documents WHERE owner_id = ?1
             GROUP BY issuing_agency ORDER BY issuing_agency",
        )?,
        years: group(
            "SELECT substr(issued_on, 1, 4) AS year, count(*) FROM documents WHERE owner_id = ?1
             GROUP BY year ORDER BY year DESC",
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_take_wildcards_literally() {
        assert_eq!(contains_pattern("100%"), r"%100\%%");
        assert_eq!(contains_pattern("a_b"), r"%a\_b%");
        assert_eq!(contains_pattern("khai"), "%khai%");
    }
}
