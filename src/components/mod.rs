//! Parts every page can use. One public component per file.

mod activity_watch;
mod error_notice;
mod footer;
mod header;
mod kiosk_file;
mod language_switch;
mod loading;
mod main_nav;
mod offline_banner;
mod page_heading;
mod page_loading_bar;
mod qr_code;
mod require_sign_in;
mod retry_countdown;
mod session_menu;
mod skeleton;
mod skip_link;
mod sync_line;
mod timeout_warning;

pub use activity_watch::ActivityWatch;
pub use error_notice::{ErrorNotice, error_message};
pub use footer::Footer;
pub use header::Header;
pub use kiosk_file::{KioskFile, print_frame};
pub use language_switch::LanguageSwitch;
pub use loading::Loading;
pub use main_nav::MainNav;
pub use offline_banner::OfflineBanner;
#[cfg(not(feature = "ssr"))]
pub use page_heading::provide_heading_shown;
pub use page_heading::{PageHeading, provide_heading_focus};
pub use page_loading_bar::PageLoadingBar;
pub use qr_code::QrCode;
pub use require_sign_in::RequireSignIn;
pub use retry_countdown::RetryCountdown;
pub use session_menu::SessionMenu;
pub use skeleton::Skeleton;
pub use skip_link::SkipLink;
pub use sync_line::SyncLine;
pub use timeout_warning::TimeoutWarning;
