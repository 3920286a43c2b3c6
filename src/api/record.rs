//! The citizen's own record: `GET {api}/record`, its refresh from the national database
//! (`POST` and `GET {api}/record/refresh`), and who read it (`GET {api}/record/access-log`).

use gloo_net::http::Method;
use portal_api::record_sync::{AccessLogPage, RecordView, RefreshStatus};

use super::{Api, ApiError};

/// The portal's stored copy and when it was last synchronised.
pub async fn fetch_record(api: Api) -> Result<RecordView, ApiError> {
    api.request(Method::GET, "/record").await
}

/// Starts a refresh, or joins the one running; the server answers within about two seconds,
/// `running` if the national database is slower than that.
pub async fn start_refresh(api: Api) -> Result<RefreshStatus, ApiError> {
    api.post("/record/refresh").await
}

/// The latest refresh, to follow one that was still running.
pub async fn refresh_status(api: Api) -> Result<RefreshStatus, ApiError> {
    api.request(Method::GET, "/record/refresh").await
}

/// Page `page` (from 1) of the access log, newest first.
pub async fn access_log(api: Api, page: u32) -> Result<AccessLogPage, ApiError> {
    api.request(Method::GET, &format!("/record/access-log?page={page}"))
        .await
}
