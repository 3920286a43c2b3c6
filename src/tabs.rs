//! The portal's other open tabs in this browser, reached through a `BroadcastChannel`: they
//! share one idle timer, and signing in or out in one tab holds for all of them.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{BroadcastChannel, MessageEvent};

/// The channel's name; every tab of the portal's origin joins it.
const CHANNEL: &str = "portal-session";

/// What one tab tells the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabMessage {
    /// The citizen was active at this time (whole ms since the epoch: an integer, because
    /// formatting and parsing floating-point text would cost the wasm tens of kilobytes).
    Activity(u64),
    /// A citizen signed in: ask the server who.
    SignedIn,
    /// The citizen signed out, or the session timed out.
    SignedOut,
}

impl TabMessage {
    /// The text sent over the channel: no personal data, only what happened and when.
    pub fn encode(self) -> String {
        match self {
            Self::Activity(at) => format!("activity:{at}"),
            Self::SignedIn => "signed_in".to_owned(),
            Self::SignedOut => "signed_out".to_owned(),
        }
    }

    /// Reads [`Self::encode`]'s text.
    pub fn decode(text: &str) -> Option<Self> {
        match text {
            "signed_in" => Some(Self::SignedIn),
            "signed_out" => Some(Self::SignedOut),
            _ => text
                .strip_prefix("activity:")
                .and_then(|at| at.parse().ok())
                .map(Self::Activity),
        }
    }
}

/// This tab's end of the channel; does nothing where the browser has no BroadcastChannel, and
/// until `open`.
#[derive(Debug, Clone, Copy)]
pub struct Tabs(StoredValue<Option<BroadcastChannel>, LocalStorage>);

impl Default for Tabs {
    fn default() -> Self {
        Self(StoredValue::new_local(None))
    }
}

impl Tabs {
    /// Joins the channel, and calls `on_message` for what the other tabs say, for as long as
    /// the calling owner lives.
    pub fn open(self, on_message: impl Fn(TabMessage) + 'static) {
        let Ok(channel) = BroadcastChannel::new(CHANNEL) else {
            return;
        };
        let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(message) = event
                .data()
                .as_string()
                .as_deref()
                .and_then(TabMessage::decode)
            {
                on_message(message);
            }
        });
        channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        // Closed with the owner that opened it: a public page that hands over to the app
        // (`start.rs`) must not go on hearing the app's own messages with its signals gone.
        let opened = SendWrapper::new((channel.clone(), handler));
        on_cleanup(move || {
            let (channel, _handler) = opened.take();
            channel.set_onmessage(None);
            channel.close();
        });
        self.0.set_value(Some(channel));
    }

    /// Tells the other tabs.
    pub fn post(self, message: &TabMessage) {
        self.0.with_value(|channel| {
            if let Some(channel) = channel {
                let _ = channel.post_message(&message.encode().into());
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip() {
        for message in [
            TabMessage::Activity(1_795_000_000_123),
            TabMessage::SignedIn,
            TabMessage::SignedOut,
        ] {
            assert_eq!(TabMessage::decode(&message.encode()), Some(message));
        }
        assert_eq!(TabMessage::decode("activity:soon"), None);
        assert_eq!(TabMessage::decode("hello"), None);
    }
}
