//! What "This wasn't me" revoked besides ending the session: the document links and record
//! share codes made in it, which whoever held the session may have handed out.

use leptos::prelude::*;
use portal_api::auth::SessionReport;

use crate::i18n::*;
use crate::text::tr;

/// Says how many links and codes the reported session had made and that they no longer work,
/// or that it had made none, so the citizen knows whether to share anything again.
#[component]
pub fn RevokedByReport(
    /// The server's answer to the report.
    report: SessionReport,
) -> impl IntoView {
    let i18n = use_i18n();
    let SessionReport {
        revoked_document_links: links,
        revoked_share_codes: codes,
    } = report;
    view! {
        <p>
            {move || if links == 0 && codes == 0 {
                tr(i18n, |l| td_string!(l, account.report_revoked_none))().into_any()
            } else {
                t!(i18n, account.report_revoked, links, codes).into_any()
            }}
        </p>
    }
}
