use leptos::prelude::*;

use crate::components::PageHeading;
use crate::config::ConfigContext;
use crate::i18n::*;
use crate::return_path::SIGN_IN_PATH;
use crate::text::tr;

/// `/`: the public welcome page, and a kiosk's welcome screen. It shows the portal's four
/// services, what signing in needs, and the SMS channel that exists beside the web.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<ConfigContext>();
    view! {
        <PageHeading title=move || t_string!(i18n, page.home.title).to_owned() />
        <p class="app-lead">{tr(i18n, |l| td_string!(l, page.home.lead))}</p>
        {move || config.kiosk().then(|| view! { <KioskStart /> })}

        <section class="app-section">
            <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, page.home.services_heading))}</h2>
            <ul class="app-card-list">
                {service_card(
                    SIGN_IN_PATH,
                    tr(i18n, |l| td_string!(l, page.home.service_sign_in_title)),
                    tr(i18n, |l| td_string!(l, page.home.service_sign_in_body)),
                )}
                {service_card(
                    "/record",
                    tr(i18n, |l| td_string!(l, page.home.service_record_title)),
                    tr(i18n, |l| td_string!(l, page.home.service_record_body)),
                )}
                {service_card(
                    "/documents",
                    tr(i18n, |l| td_string!(l, page.home.service_documents_title)),
                    tr(i18n, |l| td_string!(l, page.home.service_documents_body)),
                )}
                {service_card(
                    "/requests",
                    tr(i18n, |l| td_string!(l, page.home.service_requests_title)),
                    tr(i18n, |l| td_string!(l, page.home.service_requests_body)),
                )}
            </ul>
        </section>

        <section class="app-section">
            <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, page.home.needs_heading))}</h2>
            <ul class="app-list app-list--bullet">
                <li>{tr(i18n, |l| td_string!(l, page.home.needs_identifier))}</li>
                <li>{tr(i18n, |l| td_string!(l, page.home.needs_password))}</li>
                <li>{tr(i18n, |l| td_string!(l, page.home.needs_phone))}</li>
            </ul>
        </section>

        <section class="app-section">
            <h2 class="app-section__heading">{tr(i18n, |l| td_string!(l, page.home.sms_heading))}</h2>
            <p class="app-body">{tr(i18n, |l| td_string!(l, page.home.sms_how))}</p>
            <p class="app-body">{tr(i18n, |l| td_string!(l, page.home.sms_answer))}</p>
        </section>
    }
}

/// A kiosk's welcome: one large target that starts the journey, and what it will ask for.
#[component]
fn KioskStart() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="app-kiosk-start">
            <a class="app-button app-kiosk-start__button" href=SIGN_IN_PATH>
                {tr(i18n, |l| td_string!(l, page.home.kiosk_start))}
            </a>
            <p class="app-body">{tr(i18n, |l| td_string!(l, page.home.kiosk_start_hint))}</p>
        </div>
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
                <a href=href class="app-card__link">
                    {title}
                </a>
            </h3>
            <p class="app-card__body">{body}</p>
        </li>
    }
}
