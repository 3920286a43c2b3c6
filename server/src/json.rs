//! [`ApiJson`]: the JSON body extractor every endpoint uses, so that a bad body gets the
//! API's error shape instead of axum's plain-text rejection.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use portal_api::ErrorCode;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::ApiError;

/// A JSON request body of type `T`. Rejections become [`ApiError`]s:
/// no `Content-Type: application/json` → 415 `unsupported_media_type`; too large → 413
/// `payload_too_large`; anything else (bad syntax, wrong shape) → 400 `malformed_request`.
///
/// A whole number written with a fraction (`2416251.0`) is read as the integer it is: JSON
/// has one number type, and the document's `type: integer` (JSON Schema) allows it, so a
/// client that writes every number as a float must not be refused.
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Json(mut value) = axum::Json::<Value>::from_request(request, state)
            .await
            .map_err(|rejection| rejection_to_error(&rejection))?;
        whole_numbers_as_integers(&mut value);
        serde_path_to_error::deserialize(value)
            .map(Self)
            .map_err(|error| {
                ApiError::new(
                    ErrorCode::MalformedRequest,
                    format!("the body does not match the expected shape: {error}"),
                )
            })
    }
}

/// Turns every number with no fractional part into an integer, in place, so that `u32` and
/// friends read `7.0` as `7`. Numbers beyond what an `i64`/`u64` holds stay as they are, and
/// are refused by the field that wanted an integer.
fn whole_numbers_as_integers(value: &mut Value) {
    match value {
        Value::Number(number) if number.is_f64() => {
            let Some(float) = number.as_f64() else { return };
            // `as` saturates, so the round trip only holds for a value the integer holds.
            if float.fract() == 0.0 {
                if float >= 0.0 && float as u64 as f64 == float {
                    *value = Value::from(float as u64);
                } else if float as i64 as f64 == float {
                    *value = Value::from(float as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(whole_numbers_as_integers),
        _ => {}
    }
}

fn rejection_to_error(rejection: &JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "send the body as application/json",
        ),
        _ if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::new(ErrorCode::PayloadTooLarge, "the body is too large")
        }
        // axum's text names the line, column and field that failed, which is what the
        // developer of the client needs.
        _ => ApiError::new(ErrorCode::MalformedRequest, rejection.body_text()),
    }
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::post;
    use http_body_util::BodyExt;
    use portal_api::ErrorBody;
    use tower::ServiceExt;

    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Sample {
        #[allow(dead_code)]
        purpose: String,
    }

    async fn echo(ApiJson(_): ApiJson<Sample>) -> StatusCode {
        StatusCode::NO_CONTENT
    }

    async fn send(
        content_type: Option<&str>,
        body: &'static str,
    ) -> (StatusCode, Option<ErrorBody>) {
        let app = Router::new().route("/", post(echo));
        let mut request = Request::post("/");
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let response = app
            .oneshot(request.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).ok())
    }

    #[tokio::test]
    async fn a_good_body_passes() {
        let (status, _) = send(Some("application/json"), r#"{"purpose": "vay vốn"}"#).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }

    #[tokio::test]
    async fn malformed_json_is_400_with_the_error_shape() {
        for body in [r#"{"purpose": "#, r#"{"purpose": 12}"#, "[]"] {
            let (status, error) = send(Some("application/json"), body).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
            assert_eq!(error.unwrap().code, ErrorCode::MalformedRequest, "{body}");
        }
    }

    #[tokio::test]
    async fn a_whole_number_written_as_a_float_is_an_integer() {
        let app = Router::new().route(
            "/",
            post(|ApiJson(n): ApiJson<Count>| async move { n.count.to_string() }),
        );
        for (body, want) in [
            (r#"{"count": 2416251.0}"#, Some("2416251")),
            (r#"{"count": 7}"#, Some("7")),
            (r#"{"count": 7.5}"#, None),
            (r#"{"count": -1.0}"#, None),
            (r#"{"count": 1e300}"#, None),
        ] {
            let response = app
                .clone()
                .oneshot(
                    Request::post("/")
                        .header("content-type", "application/json")
                        .body(Body::from(body))
                        .unwrap(),
                )
                .await
                .unwrap();
            let status = response.status();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            match want {
                Some(want) => assert_eq!(&bytes[..], want.as_bytes(), "{body}"),
                None => assert_eq!(status, StatusCode::BAD_REQUEST, "{body}"),
            }
        }
    }

    #[derive(Debug, serde::Deserialize)]
    struct Count {
        count: u32,
    }

    #[tokio::test]
    async fn a_body_that_is_not_json_is_415() {
        let (status, error) = send(Some("text/plain"), r#"{"purpose": "x"}"#).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(error.unwrap().code, ErrorCode::UnsupportedMediaType);
        let (status, _) = send(None, r#"{"purpose": "x"}"#).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
}
