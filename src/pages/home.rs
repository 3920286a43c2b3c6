use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageHeading;
use crate::i18n::*;
use crate::return_path::SIGN_IN_PATH;

/// `/`: the public welcome page, and a kiosk's welcome screen. It shows the portal's four
/// services, what signing in needs, and the SMS channel that exists beside the web.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeading title=move || t_string!(i18n, page.home.title).to_owned() />
        <p class="app-lead">{t!(i18n, page.home.lead)}</p>

        <section class="app-section">
            <h2 class="app-section__heading">{t!(i18n, page.home.services_heading)}</h2>
            <ul class="app-card-list">
                {service_card(
                    SIGN_IN_PATH,
                    t!(i18n, page.home.service_sign_in_title),
                    t!(i18n, page.home.service_sign_in_body),
                )}
                {service_card(
                    "/record",
                    t!(i18n, page.home.service_record_title),
                    t!(i18n, page.home.service_record_body),
                )}
                {service_card(
                    "/documents",
                    t!(i18n, page.home.service_documents_title),
                    t!(i18n, page.home.service_documents_body),
                )}
                {service_card(
                    "/requests",
                    t!(i18n, page.home.service_requests_title),
                    t!(i18n, page.home.service_requests_body),
                )}
            </ul>
        </section>

        <section class="app-section">
            <h2 class="app-section__heading">{t!(i18n, page.home.needs_heading)}</h2>
            <ul class="app-list app-list--bullet">
                <li>{t!(i18n, page.home.needs_identifier)}</li>
                <li>{t!(i18n, page.home.needs_password)}</li>
                <li>{t!(i18n, page.home.needs_phone)}</li>
            </ul>
        </section>

        <section class="app-section">
            <h2 class="app-section__heading">{t!(i18n, page.home.sms_heading)}</h2>
            <p class="app-body">{t!(i18n, page.home.sms_how)}</p>
            <p class="app-body">{t!(i18n, page.home.sms_answer)}</p>
        </section>
    }
}

/// One service: its name is the link, and the whole card answers a tap.
fn service_card(
    href: &'static str,
    title: impl IntoView + 'static,
    body: impl IntoView + 'static,
) -> impl IntoView {
    view! {
        <li class="app-card">
            <h3 class="app-card__title">
                <A href=href attr:class="app-card__link">
                    {title}
                </A>
            </h3>
            <p class="app-card__body">{body}</p>
        </li>
    }
}
