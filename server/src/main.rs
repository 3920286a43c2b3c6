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
