//! The multipart forms' schemas, for the document only: the handlers read the parts one by
//! one (`routes::documents::read_upload`, `routes::requests::read_answer`), so no Rust type
//! of the API crate stands for them. The rules of their text fields come from `rules.rs`.

use portal_api::documents::DocumentCategory;
use utoipa::ToSchema;

/// `POST /api/v1/documents` as multipart form data. Any other part is refused.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The name the citizen gives the document.
    name: String,
    /// Its category.
    category: DocumentCategory,
    /// The PDF with the citizen's digital signature, at most 10 MB.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// `POST /api/v1/requests/{id}/answer` as multipart form data. Any other part is refused.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct AnswerForm {
    /// The answer.
    text: String,
    /// A PDF, JPEG or PNG, at most 10 MB; an empty part counts as none.
    #[schema(value_type = Option<String>, format = Binary)]
    file: Option<Vec<u8>>,
}
