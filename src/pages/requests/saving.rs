//! The draft's link to its copy on the server: one save on its way at a time, each naming the
//! revision it was based on, and a merge when the server answers that the draft was saved
//! meanwhile (another tab, another device), so that nothing the citizen typed is lost.

use leptos::prelude::*;
use portal_api::requests::{RequestAnswers, RequestDetail};

use super::draft::FormText;
use super::merge::merge;
use crate::api::{self, Api, ApiError};
use crate::timer::sleep;

/// Whether the answers on screen are on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Saving,
    /// The last save failed; it is tried again.
    Retrying,
}

/// How long to wait before saving again after a failure.
const RETRY_AFTER_MS: i32 = 3000;
/// How often a save that must wait looks whether the one on its way has its answer.
const WAIT_STEP_MS: i32 = 50;

/// One draft's answers on screen and what the app knows of the server's copy.
#[derive(Clone, Copy)]
pub struct DraftSaving {
    /// The draft's id.
    id: StoredValue<String>,
    /// The answers as the citizen sees them.
    pub form: RwSignal<FormText>,
    /// Whether they are on the server.
    pub state: RwSignal<SaveState>,
    /// The draft was also changed elsewhere, and both changes were kept.
    pub merged: RwSignal<bool>,
    /// What the server held at `revision`, as far as the app knows: the base of a merge, and
    /// what tells a real change from none.
    saved: StoredValue<FormText>,
    revision: StoredValue<u32>,
    /// The answers of this page's last save: a save cut off on its way (the connection
    /// dropped after the server took it) comes back as the "newer" copy, and is no news.
    last_sent: StoredValue<Option<RequestAnswers>>,
    /// A save is on its way; another waits for its answer, so two saves from this page never
    /// race each other (the later would always meet a conflict with the earlier). Not the
    /// screen's pending flag (the autosave action's `pending` is that): a lock between the
    /// autosave and sending, which both save.
    in_flight: StoredValue<bool>,
}

impl DraftSaving {
    /// Nothing known yet; [`Self::loaded`] fills it.
    pub fn new(id: String) -> Self {
        Self {
            id: StoredValue::new(id),
            form: RwSignal::new(FormText::default()),
            state: RwSignal::new(SaveState::Saved),
            merged: RwSignal::new(false),
            saved: StoredValue::new(FormText::default()),
            revision: StoredValue::new(1),
            last_sent: StoredValue::new(None),
            in_flight: StoredValue::new(false),
        }
    }

    /// The draft as loaded from the server: on screen, and the base of the next save.
    pub fn loaded(self, draft: &RequestDetail) {
        let text = FormText::from_answers(&draft.answers);
        self.saved.set_value(text.clone());
        self.revision.set_value(draft.revision.unwrap_or(1));
        self.form.set(text);
    }

    /// Whether the answers on screen differ from the server's copy (tracks the form).
    pub fn changed(self) -> bool {
        self.form.with(|text| *text != self.saved.get_value())
    }

    /// Saves until the server holds what is on screen, trying again after failures. Run it
    /// as the form's autosave action, one at a time (its `pending` says it is at work): it
    /// goes on until the newest answers are saved, so a change meanwhile needs no other run.
    pub async fn save_until_saved(self, api: Api) {
        loop {
            let Some(unsaved) = self.unsaved() else {
                return;
            };
            if !unsaved {
                self.state.set(SaveState::Saved);
                return;
            }
            self.state.set(SaveState::Saving);
            match self.save_once(api).await {
                // Saved, or merged with a newer copy: save what is on screen now.
                Ok(()) | Err(ApiError::DraftConflict(_)) => {}
                // Signed out: sign-in brings the citizen back here, to what was saved.
                Err(ApiError::Unauthorized) => return,
                Err(_) => {
                    self.state.set(SaveState::Retrying);
                    sleep(RETRY_AFTER_MS).await;
                }
            }
        }
    }

    /// Saves what is on screen, after any save on its way: for sending, which must know the
    /// server holds exactly what the citizen checked. A merge that changed the screen answers
    /// [`ApiError::DraftConflict`], with the merged answers on screen to check again.
    pub async fn save_for_sending(self, api: Api) -> Result<(), ApiError> {
        loop {
            let checked = self.form.try_get_untracked();
            match self.save_once(api).await {
                // Merged, and the screen still shows what the citizen checked: save that.
                Err(ApiError::DraftConflict(_)) if self.form.try_get_untracked() == checked => {}
                result => return result,
            }
        }
    }

    /// Whether the screen differs from the server's copy; `None` once the page is gone.
    fn unsaved(self) -> Option<bool> {
        let text = self.form.try_get_untracked()?;
        Some(text != self.saved.try_get_value()?)
    }

    /// One save of the answers on screen, if they differ from the server's copy, based on the
    /// revision the app knows; after the save on its way, if there is one.
    async fn save_once(self, api: Api) -> Result<(), ApiError> {
        while self.in_flight.try_get_value() == Some(true) {
            sleep(WAIT_STEP_MS).await;
        }
        if self.unsaved() != Some(true) {
            return Ok(());
        }
        let (Some(text), Some(revision), Some(id)) = (
            self.form.try_get_untracked(),
            self.revision.try_get_value(),
            self.id.try_get_value(),
        ) else {
            return Ok(());
        };
        let answers = text.to_save();
        self.in_flight.set_value(true);
        self.last_sent.set_value(Some(answers.clone()));
        let answer = api::requests::save_draft(api, &id, revision, answers).await;
        self.in_flight.set_value(false);
        match answer {
            Ok(draft) => {
                self.saved.set_value(text);
                self.revision
                    .set_value(draft.revision.unwrap_or(revision + 1));
                Ok(())
            }
            Err(ApiError::DraftConflict(newer)) => match newer.decode() {
                Some(draft) => {
                    self.take_newer(&draft);
                    Err(ApiError::DraftConflict(newer))
                }
                // Nothing to merge with: the server's bug.
                None => Err(ApiError::Server),
            },
            Err(error) => Err(error),
        }
    }

    /// Merges the server's newer copy into the screen. Read and written in one go, with no
    /// wait between, so no keystroke falls in between; an answer the citizen is typing keeps
    /// its text, so its focus and caret stay where they are.
    fn take_newer(self, newer: &RequestDetail) {
        let theirs = FormText::from_answers(&newer.answers);
        let (Some(base), Some(mine)) = (self.saved.try_get_value(), self.form.try_get_untracked())
        else {
            return;
        };
        let merged = merge(&base, &mine, &theirs);
        self.saved.set_value(theirs);
        if let Some(revision) = newer.revision {
            self.revision.set_value(revision);
        }
        if merged != mine {
            self.form.set(merged);
        }
        let ours = self
            .last_sent
            .try_with_value(|sent| sent.as_ref() == Some(&newer.answers));
        if ours != Some(true) {
            self.merged.set(true);
        }
    }
}
