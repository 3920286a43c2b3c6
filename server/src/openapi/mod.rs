//! The OpenAPI 3.1 document of the API, generated from the handlers' annotations and the
//! shared API crate's types; `docs/openapi.yaml` is this document, checked by a test.

use utoipa::openapi::Required;
use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityRequirement, SecurityScheme,
};
use utoipa::{Modify, OpenApi};

pub mod forms;
pub mod responses;
mod rules;

use portal_api::{CSRF_HEADER, CSRF_HEADER_VALUE, SESSION_COOKIE};

/// The parts of the document no handler declares: title, servers, shared schemas, the
/// session cookie's security scheme.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Citizen portal API",
        description = "The API behind the citizen portal of the National Population Database \
            services: sign-in, the citizen's population record, their personal electronic data \
            store and written requests for information.\n\n\
            Every failure answers with `ErrorBody` and the HTTP status its `code` names; every \
            response carries an `x-request-id` header that the server also logs. Requests that \
            change state must send `X-Requested-With: portal` (each such operation lists it).",
        license(name = "MIT", identifier = "MIT"),
    ),
    servers((url = "/", description = "The server that serves the app")),
    components(schemas(
        portal_api::ErrorBody,
        portal_api::DraftConflictBody,
        portal_api::ErrorCode,
        portal_api::FieldErrorCode,
        // Query parameter types, which utoipa does not collect from `params(...)` itself.
        portal_api::documents::DocumentCategory,
        portal_api::documents::DocumentSort,
    )),
    tags(
        (name = "system", description = "Health of the deployment"),
        (name = "session", description = "Signing in (password, then a one-time code by SMS), who is signed in, signing out"),
        (name = "record", description = "The citizen's own population record, its refresh from the national database, and who accessed it"),
        (name = "documents", description = "The citizen's personal electronic data store"),
        (name = "requests", description = "Written requests for information: drafts, submission, tracking to a result or a written refusal"),
        (name = "shares", description = "Signed share codes of chosen record fields, their public keys and revocation"),
        (name = "account", description = "The citizen's sessions and sign-in history"),
        (name = "development", description = "Demo and test endpoints: not routed unless the server runs with their flag, and then only with the operator credential"),
    ),
    modifiers(&SessionCookie),
)]
pub struct ApiDoc;

/// Declares the HttpOnly session cookie as the `portal_session` security scheme, and makes it
/// the default for every operation: an endpoint is public only where it says `security(())`,
/// so forgetting the annotation errs on the safe side.
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            SESSION_COOKIE,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                SESSION_COOKIE,
                "The session, set by signing in: HttpOnly, Secure, SameSite=Strict.",
            ))),
        );
        components.add_security_scheme(
            "operator",
            SecurityScheme::Http(
                Http::builder()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The operator credential of a demo server (`--operator-token`), for \
                         the development endpoints only.",
                    ))
                    .build(),
            ),
        );
        openapi.security = Some(vec![SecurityRequirement::new::<_, _, &str>(
            SESSION_COOKIE,
            [],
        )]);
    }
}

/// The complete document from the routed one ([`ApiDoc`] plus every operation, which the
/// router collects: see `routes::openapi_document`): each state-changing operation with the
/// CSRF header it must send, and the rules the shared crate applies.
pub fn complete(mut document: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    CsrfHeader.modify(&mut document);
    rules::apply(&mut document);
    document
}

/// Declares `X-Requested-With: portal` (checked by `http::csrf` for every method but GET, HEAD
/// and OPTIONS) as a required header of every such operation, so that a client generated from
/// the document sends it. Applied to the whole document, after the handlers' operations are
/// in: a modifier of [`ApiDoc`] runs before they are.
struct CsrfHeader;

impl Modify for CsrfHeader {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let header = ParameterBuilder::new()
            .name(CSRF_HEADER)
            .parameter_in(ParameterIn::Header)
            .required(Required::True)
            .description(Some(
                "Marks the request as the portal's own: a cross-site form cannot send it. \
                 Without it the answer is 403 `forbidden`.",
            ))
            .schema(Some(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some([CSRF_HEADER_VALUE])),
            ))
            .build();
        for item in openapi.paths.paths.values_mut() {
            let changing = [
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ];
            for operation in changing.into_iter().flatten() {
                operation
                    .parameters
                    .get_or_insert_with(Vec::new)
                    .push(header.clone());
            }
        }
    }
}
