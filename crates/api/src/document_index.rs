//! The citizen's document list kept in the page and searched there, by the same rule as the
//! server's SQL (`server/src/documents/search.rs`): every word of the query, diacritics
//! folded, in the folded name or the code; the filters; the three orders; one page; the
//! filters' counts over the whole store.
//!
//! Why in the page: a keystroke answered from memory is painted in the frame it was typed
//! in, on any network and offline, where a request per keystroke costs a round trip each
//! (on a phone's 3G, hundreds of milliseconds). The list is fetched once per visit
//! (`GET /api/v1/document-index`); a store of a few dozen papers, the usual one, is a few
//! kilobytes, and even 10,000 documents are less than one search's pages and facets sent a
//! dozen times. The server keeps its own search (`GET /api/v1/documents`) for other clients,
//! and its tests hold the two rules equal.

use serde::{Deserialize, Serialize};

use crate::documents::{
    DocumentCategory, DocumentFacets, DocumentPage, DocumentQuery, DocumentSort, DocumentSummary,
    FacetCount,
};
use crate::search::fold_vietnamese;

/// `GET /api/v1/document-index`: every document in the citizen's store, in the order they
/// came into it (which breaks ties between documents of the same day, as the server does).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentIndex {
    /// The documents, oldest addition first.
    pub items: Vec<DocumentSummary>,
}

/// A document with the forms of its name and code that a search compares.
#[derive(Debug)]
struct Entry {
    summary: DocumentSummary,
    folded_name: String,
    lowered_code: String,
}

/// A [`DocumentIndex`] made ready to search: each order worked out once, so a keystroke only
/// walks the list.
#[derive(Debug)]
pub struct SearchableDocuments {
    entries: Vec<Entry>,
    newest: Vec<usize>,
    oldest: Vec<usize>,
    by_name: Vec<usize>,
    facets: DocumentFacets,
}

impl SearchableDocuments {
    /// Prepares `index` for searching.
    pub fn new(index: DocumentIndex) -> Self {
        let entries: Vec<Entry> = index
            .items
            .into_iter()
            .map(|summary| Entry {
                folded_name: fold_vietnamese(&summary.name),
                lowered_code: summary.code.to_ascii_lowercase(),
                summary,
            })
            .collect();
        let positions = || (0..entries.len()).collect::<Vec<_>>();
        let mut oldest = positions();
        oldest.sort_by_key(|&i| entries[i].summary.issued_on);
        let mut newest = positions();
        newest.sort_by(|&a, &b| {
            let (a_doc, b_doc) = (&entries[a].summary, &entries[b].summary);
            b_doc.issued_on.cmp(&a_doc.issued_on).then(b.cmp(&a))
        });
        let mut by_name = positions();
        by_name.sort_by(|&a, &b| {
            let (a_doc, b_doc) = (&entries[a], &entries[b]);
            a_doc
                .folded_name
                .cmp(&b_doc.folded_name)
                .then(b_doc.summary.issued_on.cmp(&a_doc.summary.issued_on))
                .then(a.cmp(&b))
        });
        let facets = facets(&entries);
        Self {
            entries,
            newest,
            oldest,
            by_name,
            facets,
        }
    }

    /// The filters' values over the whole store, as every page of a search carries them.
    pub fn facets(&self) -> &DocumentFacets {
        &self.facets
    }

    /// The page of documents that `query` asks for, as `GET /api/v1/documents` answers it.
    pub fn search(&self, query: &DocumentQuery) -> DocumentPage {
        let folded = fold_vietnamese(&query.q);
        let words: Vec<&str> = folded.split_whitespace().collect();
        let order = match query.sort {
            DocumentSort::Newest => &self.newest,
            DocumentSort::Oldest => &self.oldest,
            DocumentSort::Name => &self.by_name,
        };
        let per_page = query.per_page.max(1) as usize;
        let first = (query.page.max(1) as usize - 1).saturating_mul(per_page);
        let mut total = 0_usize;
        let mut items = Vec::new();
        for entry in order.iter().map(|&i| &self.entries[i]) {
            if !matches(entry, &words, query) {
                continue;
            }
            if total >= first && items.len() < per_page {
                items.push(entry.summary.clone());
            }
            total += 1;
        }
        DocumentPage {
            items,
            total: u32::try_from(total).unwrap_or(u32::MAX),
            page: query.page,
            per_page: query.per_page,
            facets: self.facets.clone(),
        }
    }
}

/// Whether `entry` answers every word and every filter of `query`.
fn matches(entry: &Entry, words: &[&str], query: &DocumentQuery) -> bool {
    let summary = &entry.summary;
    query.category.is_none_or(|c| summary.category == c)
        && query
            .agency
            .as_ref()
            .is_none_or(|a| summary.issuing_agency == *a)
        && query.year.is_none_or(|y| summary.issued_on.year() == y)
        && words
            .iter()
            .all(|word| entry.folded_name.contains(word) || entry.lowered_code.contains(word))
}

/// The filters' values over the whole store: categories in the catalogue's order, agencies
/// A to Z (by their bytes, as the server's SQL orders them), years newest first.
fn facets(entries: &[Entry]) -> DocumentFacets {
    use std::collections::BTreeMap;
    let mut categories: BTreeMap<DocumentCategory, u32> = BTreeMap::new();
    let mut agencies: BTreeMap<&str, u32> = BTreeMap::new();
    let mut years: BTreeMap<u16, u32> = BTreeMap::new();
    for entry in entries {
        let summary = &entry.summary;
        *categories.entry(summary.category).or_default() += 1;
        *agencies.entry(&summary.issuing_agency).or_default() += 1;
        *years.entry(summary.issued_on.year()).or_default() += 1;
    }
    let count = |value: String, count: u32| FacetCount { value, count };
    DocumentFacets {
        // The enum's order is the catalogue's (`DocumentCategory::ALL`).
        categories: categories
            .into_iter()
            .map(|(c, n)| count(c.as_str().to_owned(), n))
            .collect(),
        agencies: agencies
            .into_iter()
            .map(|(a, n)| count(a.to_owned(), n))
            .collect(),
        years: years
            .into_iter()
            .rev()
            .map(|(y, n)| count(format!("{y:04}"), n))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CalendarDate;

    fn doc(
        code: &str,
        name: &str,
        category: DocumentCategory,
        agency: &str,
        issued: &str,
    ) -> DocumentSummary {
        DocumentSummary {
            code: code.to_owned(),
            name: name.to_owned(),
            category,
            issuing_agency: agency.to_owned(),
            issued_on: CalendarDate::parse_iso(issued).unwrap_or_else(|_| panic!("{issued}")),
            valid_until: None,
        }
    }

    fn store() -> SearchableDocuments {
        use DocumentCategory::*;
        SearchableDocuments::new(DocumentIndex {
            items: vec![
                doc(
                    "GKS-2001-000001",
                    "Giấy khai sinh",
                    CivilStatus,
                    "UBND phường Bến Nghé",
                    "2001-05-02",
                ),
                doc(
                    "XNCT-2024-000002",
                    "Giấy xác nhận thông tin về cư trú",
                    Residence,
                    "Công an phường Bến Nghé",
                    "2024-03-01",
                ),
                doc(
                    "GPLX-2024-000003",
                    "Giấy phép lái xe hạng B",
                    DrivingLicence,
                    "Sở Giao thông vận tải",
                    "2024-03-01",
                ),
                doc(
                    "BS-2019-000004",
                    "Bản sao giấy khai sinh",
                    CertifiedCopy,
                    "UBND phường Bến Nghé",
                    "2019-11-20",
                ),
            ],
        })
    }

    fn query(pairs: &[(&str, &str)]) -> DocumentQuery {
        DocumentQuery::from_pairs(pairs.iter().copied()).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn codes(page: &DocumentPage) -> Vec<&str> {
        page.items.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn every_word_folded_in_the_name_or_the_code() {
        let store = store();
        let page = store.search(&query(&[("q", "giay KHAI")]));
        assert_eq!(codes(&page), ["BS-2019-000004", "GKS-2001-000001"]);
        assert_eq!(page.total, 2);
        assert_eq!(
            codes(&store.search(&query(&[("q", "gplx 2024")]))),
            ["GPLX-2024-000003"]
        );
        assert_eq!(
            codes(&store.search(&query(&[("q", "cư trú")]))),
            ["XNCT-2024-000002"]
        );
        assert!(
            store
                .search(&query(&[("q", "khai hộ chiếu")]))
                .items
                .is_empty()
        );
    }

    #[test]
    fn newest_first_with_the_later_addition_first_on_the_same_day_and_the_other_orders() {
        let store = store();
        let all = store.search(&query(&[]));
        assert_eq!(
            codes(&all),
            [
                "GPLX-2024-000003",
                "XNCT-2024-000002",
                "BS-2019-000004",
                "GKS-2001-000001"
            ]
        );
        let oldest = store.search(&query(&[("sort", "oldest")]));
        assert_eq!(
            codes(&oldest),
            [
                "GKS-2001-000001",
                "BS-2019-000004",
                "XNCT-2024-000002",
                "GPLX-2024-000003"
            ]
        );
        let by_name = store.search(&query(&[("sort", "name")]));
        assert_eq!(
            codes(&by_name),
            [
                "BS-2019-000004",
                "GKS-2001-000001",
                "GPLX-2024-000003",
                "XNCT-2024-000002"
            ]
        );
    }

    #[test]
    fn filters_narrow_and_pages_split_what_is_left() {
        let store = store();
        let filtered = store.search(&query(&[
            ("agency", "UBND phường Bến Nghé"),
            ("year", "2019"),
        ]));
        assert_eq!(codes(&filtered), ["BS-2019-000004"]);
        assert_eq!(
            codes(&store.search(&query(&[("category", "residence")]))),
            ["XNCT-2024-000002"]
        );
        let second = store.search(&query(&[("per_page", "3"), ("page", "2")]));
        assert_eq!(
            (codes(&second), second.total, second.page),
            (vec!["GKS-2001-000001"], 4, 2)
        );
        assert!(store.search(&query(&[("page", "9")])).items.is_empty());
    }

    #[test]
    fn the_filters_count_the_whole_store_whatever_the_search() {
        let facets = store().search(&query(&[("q", "khai")])).facets;
        let pairs = |f: &[FacetCount]| {
            f.iter()
                .map(|c| (c.value.clone(), c.count))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            pairs(&facets.years),
            [("2024".into(), 2), ("2019".into(), 1), ("2001".into(), 1)]
        );
        assert_eq!(pairs(&facets.categories)[0], ("civil_status".into(), 1));
        assert_eq!(facets.categories.len(), 4);
        assert_eq!(
            pairs(&facets.agencies),
            [
                ("Công an phường Bến Nghé".into(), 1),
                ("Sở Giao thông vận tải".into(), 1),
                ("UBND phường Bến Nghé".into(), 2)
            ]
        );
    }
}
