//! The personal electronic data store (kho dữ liệu điện tử của công dân): listing, searching
//! and reading the citizen's documents.
//!
//! `GET /api/v1/documents` answers a [`DocumentPage`] for a [`DocumentQuery`];
//! `GET /api/v1/documents/{code}` a [`DocumentDetail`]; `GET /api/v1/documents/{code}/file`
//! the file itself; `POST /api/v1/documents/{code}/sync` re-synchronises the document from
//! its issuing agency and answers the new [`DocumentDetail`].

use serde::{Deserialize, Serialize};

use crate::date::CalendarDate;
use crate::error::FieldErrorCode;

/// Documents per page when the query does not say: as many as a search page usually shows
/// (GOV.UK's 20), a short scroll on a phone, and the rows a keystroke may have to build.
pub const DEFAULT_PER_PAGE: u32 = 20;
/// The highest page number any paged list accepts: far past any citizen's last page, and a
/// bound the API document can state.
pub const MAX_PAGE: u32 = 100_000;
/// Most documents one page may hold.
pub const MAX_PER_PAGE: u32 = 100;
/// Longest search text.
pub const MAX_QUERY_LEN: usize = 100;

/// What kind of paper a document is (Circular 01/2023/TT-VPCP's groups, simplified).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentCategory {
    /// Hộ tịch: birth, marriage...
    CivilStatus,
    /// Cư trú.
    Residence,
    /// Căn cước, định danh.
    Identity,
    /// Bản sao chứng thực điện tử.
    CertifiedCopy,
    /// Hồ sơ thủ tục hành chính.
    Application,
    /// Bảo hiểm y tế.
    HealthInsurance,
    /// Giấy phép lái xe.
    DrivingLicence,
    /// Văn bằng, chứng chỉ.
    Education,
    /// Bảo hiểm xã hội.
    SocialInsurance,
    /// Đất đai.
    Land,
    /// Khác.
    Other,
}

impl DocumentCategory {
    /// Every category, in the order filters list them.
    pub const ALL: [Self; 11] = [
        Self::CivilStatus,
        Self::Residence,
        Self::Identity,
        Self::CertifiedCopy,
        Self::Application,
        Self::HealthInsurance,
        Self::DrivingLicence,
        Self::Education,
        Self::SocialInsurance,
        Self::Land,
        Self::Other,
    ];

    /// The spelling in the API and the database.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CivilStatus => "civil_status",
            Self::Residence => "residence",
            Self::Identity => "identity",
            Self::CertifiedCopy => "certified_copy",
            Self::Application => "application",
            Self::HealthInsurance => "health_insurance",
            Self::DrivingLicence => "driving_licence",
            Self::Education => "education",
            Self::SocialInsurance => "social_insurance",
            Self::Land => "land",
            Self::Other => "other",
        }
    }

    /// Reads [`Self::as_str`]'s spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// The order of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentSort {
    /// Newest issue date first (the default).
    #[default]
    Newest,
    /// Oldest issue date first.
    Oldest,
    /// By name, A to Z, ignoring diacritics.
    Name,
}

impl DocumentSort {
    /// The spelling in the URL.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::Oldest => "oldest",
            Self::Name => "name",
        }
    }

    /// Reads [`Self::as_str`]'s spelling.
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Newest, Self::Oldest, Self::Name]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// A search of the data store, as the URL of `/documents` and the API's query string both
/// carry it: `?q=giay+khai+sinh&category=civil_status&agency=…&year=2020&sort=name&page=2`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentQuery {
    /// Words that must all appear in the name or code, with or without diacritics.
    pub q: String,
    /// Only this category.
    pub category: Option<DocumentCategory>,
    /// Only this issuing agency (exact name).
    pub agency: Option<String>,
    /// Only documents issued in this year.
    pub year: Option<u16>,
    /// The order.
    pub sort: DocumentSort,
    /// The page, from 1.
    pub page: u32,
    /// Documents per page.
    pub per_page: u32,
}

impl DocumentQuery {
    /// Reads the query parameters as given (name, value), with the reason for each one that
    /// is wrong, keyed by the parameter's name. Unknown parameters are ignored, so links
    /// with tracking parameters still work.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, std::collections::BTreeMap<String, FieldErrorCode>> {
        let mut query = Self {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            ..Self::default()
        };
        let mut errors = std::collections::BTreeMap::new();
        let mut fail = |name: &str, code| {
            errors.insert(name.to_owned(), code);
        };
        for (name, value) in pairs {
            let value = value.trim();
            match name {
                "q" if value.chars().count() > MAX_QUERY_LEN => fail(name, FieldErrorCode::TooLong),
                "q" => query.q = value.to_owned(),
                "category" if value.is_empty() => {}
                "category" => match DocumentCategory::parse(value) {
                    Some(category) => query.category = Some(category),
                    None => fail(name, FieldErrorCode::InvalidFormat),
                },
                "agency" if value.is_empty() => {}
                "agency" => query.agency = Some(value.to_owned()),
                "year" if value.is_empty() => {}
                "year" => match value.parse::<u16>() {
                    Ok(year) if (1900..=2100).contains(&year) => query.year = Some(year),
                    _ => fail(name, FieldErrorCode::InvalidFormat),
                },
                "sort" if value.is_empty() => {}
                "sort" => match DocumentSort::parse(value) {
                    Some(sort) => query.sort = sort,
                    None => fail(name, FieldErrorCode::InvalidFormat),
                },
                "page" => match value.parse::<u32>() {
                    Ok(page) if (1..=MAX_PAGE).contains(&page) => query.page = page,
                    _ => fail(name, FieldErrorCode::InvalidFormat),
                },
                "per_page" => match value.parse::<u32>() {
                    Ok(n) if (1..=MAX_PER_PAGE).contains(&n) => query.per_page = n,
                    _ => fail(name, FieldErrorCode::InvalidFormat),
                },
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }
}

impl DocumentQuery {
    /// The parameters that differ from the defaults, in a fixed order, for the page's
    /// address and the API's query string alike; [`Self::from_pairs`] reads them back.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.q.trim().is_empty() {
            pairs.push(("q", self.q.trim().to_owned()));
        }
        if let Some(category) = self.category {
            pairs.push(("category", category.as_str().to_owned()));
        }
        if let Some(agency) = &self.agency {
            pairs.push(("agency", agency.clone()));
        }
        if let Some(year) = self.year {
            pairs.push(("year", year.to_string()));
        }
        if self.sort != DocumentSort::default() {
            pairs.push(("sort", self.sort.as_str().to_owned()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if self.per_page != DEFAULT_PER_PAGE {
            pairs.push(("per_page", self.per_page.to_string()));
        }
        pairs
    }
}

/// One document in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentSummary {
    /// The document code (mã số giấy tờ), unique in the citizen's store.
    pub code: String,
    /// The document name (tên giấy tờ).
    pub name: String,
    /// Its category.
    pub category: DocumentCategory,
    /// The issuing agency.
    pub issuing_agency: String,
    /// Date of issue.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub issued_on: CalendarDate,
    /// Valid until, for papers that expire.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub valid_until: Option<CalendarDate>,
}

/// How many documents have one value of a filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacetCount {
    /// The value, as the query parameter spells it.
    pub value: String,
    /// Documents with it.
    pub count: u32,
}

/// The values each filter can take in the citizen's store, with their counts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentFacets {
    /// Categories present.
    pub categories: Vec<FacetCount>,
    /// Issuing agencies present, A to Z.
    pub agencies: Vec<FacetCount>,
    /// Years of issue present, newest first.
    pub years: Vec<FacetCount>,
}

/// One page of a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentPage {
    /// The documents on this page.
    pub items: Vec<DocumentSummary>,
    /// Documents matching the search, on all pages.
    pub total: u32,
    /// This page, from 1.
    pub page: u32,
    /// Documents per page.
    pub per_page: u32,
    /// The filters' values over the whole store.
    pub facets: DocumentFacets,
}

/// One event in a document's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentEvent {
    /// When (RFC 3339, UTC, or a date for the issue).
    pub at: String,
    /// What happened: `issued`, `added`, `synced`, `uploaded`, `shared`, `share_revoked`.
    pub kind: String,
    /// Details, e.g. the procedure or the agency.
    pub note: Option<String>,
}

/// A document with everything the store holds about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentDetail {
    /// The list fields.
    #[serde(flatten)]
    pub summary: DocumentSummary,
    /// The administrative procedure it came from, if any.
    pub procedure: Option<String>,
    /// The file's name, for downloads.
    pub file_name: String,
    /// The file's media type, e.g. `application/pdf`.
    pub content_type: String,
    /// A link to the file in the issuing agency's system, when the store holds a link
    /// instead of the file; the app marks it as leaving the portal.
    pub external_url: Option<String>,
    /// When it was last synchronised from its issuing agency (RFC 3339, UTC).
    pub synced_at: String,
    /// Its history, oldest first.
    pub history: Vec<DocumentEvent>,
}

/// Shortest life of a share link, in hours.
pub const MIN_SHARE_HOURS: u32 = 1;
/// Longest life of a share link, in hours (7 days).
pub const MAX_SHARE_HOURS: u32 = 7 * 24;

/// `POST /api/v1/documents/{code}/shares`: share the document through a link for a while.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateDocumentShare {
    /// Hours the link works, 1 to 168.
    pub valid_hours: u32,
    /// Also send the link by SMS to the phone of the citizen's own account, and to no other
    /// number: how a citizen at a kiosk, where nothing is downloaded, takes a file away.
    /// Only where the deployment offers it (`share_by_sms` in `/config.json`).
    #[serde(default)]
    pub send_by_sms: bool,
}

impl CreateDocumentShare {
    /// Keyed `valid_hours`.
    pub fn validate(&self) -> Result<(), std::collections::BTreeMap<String, FieldErrorCode>> {
        if (MIN_SHARE_HOURS..=MAX_SHARE_HOURS).contains(&self.valid_hours) {
            Ok(())
        } else {
            Err([("valid_hours".to_owned(), FieldErrorCode::InvalidFormat)].into())
        }
    }
}

/// A link to one document, as the owner's list shows it. The link's secret is not here: the
/// server keeps only its hash, so it is shown once, in [`CreatedDocumentShare`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentShare {
    /// Identifies the share, to revoke it.
    pub id: String,
    /// When it was made (RFC 3339, UTC).
    pub created_at: String,
    /// When it stops working (RFC 3339, UTC).
    pub expires_at: String,
    /// Whether the citizen revoked it.
    pub revoked: bool,
}

/// The answer to making a link: the link as listed, and its secret, shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedDocumentShare {
    /// The link as the owner's list will show it.
    #[serde(flatten)]
    pub share: DocumentShare,
    /// The link's secret; the page is `/shared/{token}`. Never answered again.
    pub token: String,
    /// With `send_by_sms`: the phone the link was sent to, masked as on the sign-in page
    /// (`09•• ••• 678`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_sent_to: Option<String>,
}

/// `GET /api/v1/shared-documents/{token}`: what someone holding the link sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharedDocument {
    /// The document's list fields.
    #[serde(flatten)]
    pub summary: DocumentSummary,
    /// The procedure it came from.
    pub procedure: Option<String>,
    /// The file's name.
    pub file_name: String,
    /// Until when the link works (RFC 3339, UTC).
    pub link_expires_at: String,
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_query_round_trips_through_its_pairs_and_defaults_are_left_out() {
        let query = DocumentQuery {
            q: "giay khai sinh".to_owned(),
            category: Some(DocumentCategory::CivilStatus),
            agency: Some("Ủy ban nhân dân phường Yên Hòa".to_owned()),
            year: Some(2020),
            sort: DocumentSort::Name,
            page: 3,
            per_page: 20,
        };
        let pairs = query.to_pairs();
        let read = DocumentQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str()))).unwrap();
        assert_eq!(read, query);
        let default = DocumentQuery::from_pairs([]).unwrap();
        assert!(default.to_pairs().is_empty());
    }

    use super::*;

    #[test]
    fn an_empty_query_string_gives_the_defaults() {
        let query = DocumentQuery::from_pairs([]).unwrap();
        assert_eq!(query.page, 1);
        assert_eq!(query.per_page, DEFAULT_PER_PAGE);
        assert_eq!(query.sort, DocumentSort::Newest);
        assert!(query.q.is_empty() && query.category.is_none());
    }

    #[test]
    fn reads_every_parameter_and_ignores_unknown_ones() {
        let query = DocumentQuery::from_pairs([
            ("q", " giay khai sinh "),
            ("category", "civil_status"),
            ("agency", "Sở Tư pháp"),
            ("year", "2020"),
            ("sort", "name"),
            ("page", "3"),
            ("per_page", "20"),
            ("utm_source", "zalo"),
        ])
        .unwrap();
        assert_eq!(query.q, "giay khai sinh");
        assert_eq!(query.category, Some(DocumentCategory::CivilStatus));
        assert_eq!(query.agency.as_deref(), Some("Sở Tư pháp"));
        assert_eq!(query.year, Some(2020));
        assert_eq!(query.sort, DocumentSort::Name);
        assert_eq!((query.page, query.per_page), (3, 20));
    }

    #[test]
    fn names_each_bad_parameter() {
        let long = "a".repeat(MAX_QUERY_LEN + 1);
        let errors = DocumentQuery::from_pairs([
            ("q", long.as_str()),
            ("category", "passport"),
            ("year", "twenty"),
            ("sort", "random"),
            ("page", "0"),
            ("per_page", "1000"),
        ])
        .unwrap_err();
        assert_eq!(errors["q"], FieldErrorCode::TooLong);
        for name in ["category", "year", "sort", "page", "per_page"] {
            assert_eq!(errors[name], FieldErrorCode::InvalidFormat, "{name}");
        }
    }

    #[test]
    fn categories_round_trip() {
        for category in DocumentCategory::ALL {
            assert_eq!(DocumentCategory::parse(category.as_str()), Some(category));
            let json = serde_json::to_string(&category).unwrap();
            assert_eq!(json, format!("\"{}\"", category.as_str()));
        }
    }
}
