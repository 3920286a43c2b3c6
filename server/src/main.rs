//! `portal-server`: serve the portal, or print its OpenAPI document.

use std::process::ExitCode;

use clap::Parser;
use portal_server::config::{Cli, Command};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Openapi) => match portal_server::routes::openapi_yaml() {
            Ok(yaml) => {
                print!("{yaml}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("cannot write the OpenAPI document: {error}");
                ExitCode::FAILURE
            }
        },
        Some(Command::RegisterKiosk { name, site }) => {
            let kiosk = portal_api::kiosk::NewKiosk { name, site };
            if let Err(fields) = kiosk.validate() {
                eprintln!(
                    "portal-server: a kiosk needs a name and a site of at most 100 characters: {fields:?}"
                );
                return ExitCode::FAILURE;
            }
            match portal_server::server::register_kiosk(
                &cli.serve.database,
                kiosk.name.trim(),
                kiosk.site.trim(),
            ) {
                Ok(kiosk) => {
                    println!(
                        "kiosk {} registered: {}, {}",
                        kiosk.id, kiosk.name, kiosk.site
                    );
                    println!(
                        "put in its config.json: \"kiosk_device_token\": \"{}\"",
                        kiosk.token
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("portal-server: {error}");
                    ExitCode::FAILURE
                }
            }
        }
        None => {
            tracing_subscriber::fmt()
                .with_env_filter(
                    EnvFilter::try_from_default_env()
                        .unwrap_or_else(|_| EnvFilter::new("portal_server=info,tower_http=info")),
                )
                .init();
            match portal_server::server::run(cli.serve).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    tracing::error!(%error, "the server stopped");
                    eprintln!("portal-server: {error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
