//! The rules the server applies to what it is sent, written into the document from the API
//! crate's own constants: lengths, ranges, patterns, required lists. A client generated
//! from the document then refuses what the server would refuse, and the numbers cannot drift
//! from the code, since both are the same constants.
//!
//! utoipa's field attributes take only literal numbers, which would be a second copy of each
//! limit; this table is the one place the document learns them.

use portal_api::auth::{CODE_PATTERN, IDENTIFIER_MAX_LEN, PASSWORD_MAX_LEN};
use portal_api::documents::{
    MAX_PAGE, MAX_PER_PAGE, MAX_QUERY_LEN, MAX_SHARE_HOURS, MIN_SHARE_HOURS,
};
use portal_api::kiosk::KIOSK_TEXT_MAX_LEN;
use portal_api::requests::{
    CONTACT_EMAIL_MAX_LEN, CONTACT_PHONE_MAX_LEN, CORRECTION_FIELD_MAX_LEN, POLICE_OFFICE_MAX_LEN,
    PURPOSE_MAX_LEN, TEXT_MAX_LEN,
};
use portal_api::share::{MAX_VALID_MINUTES, MIN_VALID_MINUTES};
use portal_api::text::NOT_BLANK_PATTERN;
use portal_api::upload::MAX_UPLOAD_NAME_CHARS;
use utoipa::Number;
use utoipa::openapi::schema::{Object, Schema};
use utoipa::openapi::{OpenApi, RefOr};

/// What a string, number or list must be.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Not blank (see `portal_api::text`), at most `max` characters.
    Text { max: usize },
    /// From `min` to `max` characters, blank allowed (a password, a draft's unfinished answer).
    Length { min: usize, max: usize },
    /// A whole number from `min` to `max`.
    Range { min: usize, max: usize },
    /// Matches `pattern`.
    Pattern(&'static str),
    /// A list of at least `min` items.
    NotEmpty,
}

/// Properties of the components' schemas: (schema, property, rule).
const PROPERTIES: &[(&str, &str, Rule)] = &[
    (
        "PasswordSignIn",
        "identifier",
        Rule::Text {
            max: IDENTIFIER_MAX_LEN,
        },
    ),
    (
        "PasswordSignIn",
        "password",
        Rule::Length {
            min: 1,
            max: PASSWORD_MAX_LEN,
        },
    ),
    ("CodeVerification", "code", Rule::Pattern(CODE_PATTERN)),
    (
        "NewKiosk",
        "name",
        Rule::Text {
            max: KIOSK_TEXT_MAX_LEN,
        },
    ),
    (
        "NewKiosk",
        "site",
        Rule::Text {
            max: KIOSK_TEXT_MAX_LEN,
        },
    ),
    ("CreateShare", "fields", Rule::NotEmpty),
    (
        "CreateShare",
        "valid_minutes",
        Rule::Range {
            min: MIN_VALID_MINUTES as usize,
            max: MAX_VALID_MINUTES as usize,
        },
    ),
    (
        "CreateDocumentShare",
        "valid_hours",
        Rule::Range {
            min: MIN_SHARE_HOURS as usize,
            max: MAX_SHARE_HOURS as usize,
        },
    ),
    ("RequestAnswer", "text", Rule::Text { max: TEXT_MAX_LEN }),
    ("AnswerForm", "text", Rule::Text { max: TEXT_MAX_LEN }),
    (
        "UploadForm",
        "name",
        Rule::Text {
            max: MAX_UPLOAD_NAME_CHARS,
        },
    ),
    (
        "RequestAnswers",
        "purpose",
        Rule::Length {
            min: 0,
            max: PURPOSE_MAX_LEN,
        },
    ),
    (
        "RequestAnswers",
        "correction_value",
        Rule::Length {
            min: 0,
            max: TEXT_MAX_LEN,
        },
    ),
    (
        "RequestAnswers",
        "correction_field",
        Rule::Length {
            min: 0,
            max: CORRECTION_FIELD_MAX_LEN,
        },
    ),
    (
        "RequestAnswers",
        "police_office",
        Rule::Length {
            min: 0,
            max: POLICE_OFFICE_MAX_LEN,
        },
    ),
    (
        "RequestAnswers",
        "contact_phone",
        Rule::Length {
            min: 0,
            max: CONTACT_PHONE_MAX_LEN,
        },
    ),
    (
        "RequestAnswers",
        "contact_email",
        Rule::Length {
            min: 0,
            max: CONTACT_EMAIL_MAX_LEN,
        },
    ),
];

/// Query parameters: (operation id, parameter, rule).
const PARAMETERS: &[(&str, &str, Rule)] = &[
    (
        "listDocuments",
        "q",
        Rule::Length {
            min: 0,
            max: MAX_QUERY_LEN,
        },
    ),
    (
        "listDocuments",
        "year",
        Rule::Range {
            min: 1900,
            max: 2100,
        },
    ),
    (
        "listDocuments",
        "page",
        Rule::Range {
            min: 1,
            max: MAX_PAGE as usize,
        },
    ),
    (
        "listDocuments",
        "per_page",
        Rule::Range {
            min: 1,
            max: MAX_PER_PAGE as usize,
        },
    ),
    (
        "accessLog",
        "page",
        Rule::Range {
            min: 1,
            max: MAX_PAGE as usize,
        },
    ),
];

/// Writes every rule of the tables into `openapi`. Panics on a schema, property, operation or
/// parameter the document does not have, so a rename breaks the OpenAPI test, not the rule.
pub fn apply(openapi: &mut OpenApi) {
    for &(schema, property, rule) in PROPERTIES {
        let object = property_of(openapi, schema, property)
            .unwrap_or_else(|| panic!("the document has no property {schema}.{property}"));
        write(object, rule);
    }
    for &(operation_id, name, rule) in PARAMETERS {
        let object = parameter_of(openapi, operation_id, name)
            .unwrap_or_else(|| panic!("the document has no parameter {name} of {operation_id}"));
        write(object, rule);
    }
}

fn write(target: Target<'_>, rule: Rule) {
    match (target, rule) {
        (Target::Object(object), Rule::Text { max }) => {
            object.min_length = Some(1);
            object.max_length = Some(max);
            object.pattern = Some(NOT_BLANK_PATTERN.to_owned());
        }
        (Target::Object(object), Rule::Length { min, max }) => {
            object.min_length = (min > 0).then_some(min);
            object.max_length = Some(max);
        }
        (Target::Object(object), Rule::Range { min, max }) => {
            object.minimum = Some(Number::UInt(min));
            object.maximum = Some(Number::UInt(max));
        }
        (Target::Object(object), Rule::Pattern(pattern)) => {
            object.pattern = Some(pattern.to_owned());
        }
        (Target::Array(array), Rule::NotEmpty) => array.min_items = Some(1),
        (_, rule) => panic!("{rule:?} does not fit this schema"),
    }
}

/// The schema a rule is written into.
enum Target<'a> {
    Object(&'a mut Object),
    Array(&'a mut utoipa::openapi::schema::Array),
}

fn target(schema: &mut RefOr<Schema>) -> Option<Target<'_>> {
    match schema {
        RefOr::T(Schema::Object(object)) => Some(Target::Object(object)),
        RefOr::T(Schema::Array(array)) => Some(Target::Array(array)),
        _ => None,
    }
}

fn property_of<'a>(openapi: &'a mut OpenApi, schema: &str, property: &str) -> Option<Target<'a>> {
    let components = openapi.components.as_mut()?;
    let RefOr::T(Schema::Object(object)) = components.schemas.get_mut(schema)? else {
        return None;
    };
    target(object.properties.get_mut(property)?)
}

fn parameter_of<'a>(
    openapi: &'a mut OpenApi,
    operation_id: &str,
    name: &str,
) -> Option<Target<'a>> {
    let operation = openapi.paths.paths.values_mut().find_map(|item| {
        [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        .find(|op| op.operation_id.as_deref() == Some(operation_id))
    })?;
    let parameter = operation
        .parameters
        .as_mut()?
        .iter_mut()
        .find(|p| p.name == name)?;
    target(parameter.schema.as_mut()?)
}
