//! What each field's error says, in the citizen's language.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use portal_api::FieldErrorCode;

use crate::i18n::*;
use crate::text::tr;

/// The message for `field` refused with `code`: the field's own wording where it has one,
/// the general one otherwise.
pub fn field_message(i18n: I18nContext<Locale>, field: &str, code: FieldErrorCode) -> AnyView {
    use FieldErrorCode as C;
    match (field, code) {
        ("identifier", C::Required) => {
            tr(i18n, |l| td_string!(l, field.identifier_required)).into_any()
        }
        ("identifier", C::UnknownProvince) => {
            tr(i18n, |l| td_string!(l, field.identifier_unknown_province)).into_any()
        }
        ("identifier", _) => tr(i18n, |l| td_string!(l, field.identifier_invalid)).into_any(),
        ("password", C::Required) => {
            tr(i18n, |l| td_string!(l, field.password_required)).into_any()
        }
        ("password", _) => tr(i18n, |l| td_string!(l, field.password_too_long)).into_any(),
        ("code", C::Required) => tr(i18n, |l| td_string!(l, field.code_required)).into_any(),
        ("code", _) => tr(i18n, |l| td_string!(l, field.code_invalid)).into_any(),
        ("kind", _) => tr(i18n, |l| td_string!(l, field.kind_required)).into_any(),
        ("correction_field", C::Required) => {
            tr(i18n, |l| td_string!(l, field.correction_field_required)).into_any()
        }
        ("correction_value", C::Required) => {
            tr(i18n, |l| td_string!(l, field.correction_value_required)).into_any()
        }
        ("purpose", C::Required) => tr(i18n, |l| td_string!(l, field.purpose_required)).into_any(),
        ("purpose", C::TooLong) => tr(i18n, |l| td_string!(l, field.purpose_too_long)).into_any(),
        ("delivery", _) => tr(i18n, |l| td_string!(l, field.delivery_required)).into_any(),
        ("police_office", _) => {
            tr(i18n, |l| td_string!(l, field.police_office_required)).into_any()
        }
        ("contact_phone", _) => tr(i18n, |l| td_string!(l, field.contact_phone_invalid)).into_any(),
        ("contact_email", _) => tr(i18n, |l| td_string!(l, field.contact_email_invalid)).into_any(),
        ("answer", C::Required) => tr(i18n, |l| td_string!(l, field.answer_required)).into_any(),
        ("fields", _) => tr(i18n, |l| td_string!(l, share.fields_required)).into_any(),
        ("valid_minutes", _) => {
            tr(i18n, |l| td_string!(l, share.valid_minutes_required)).into_any()
        }
        ("share_code", _) => tr(i18n, |l| td_string!(l, verify.code_required)).into_any(),
        ("name", C::TooLong) => tr(i18n, |l| td_string!(l, field.upload_name_too_long)).into_any(),
        ("name", _) => tr(i18n, |l| td_string!(l, field.upload_name_required)).into_any(),
        ("category", _) => tr(i18n, |l| td_string!(l, field.upload_category_required)).into_any(),
        ("file", C::TooLarge) => tr(i18n, |l| td_string!(l, field.file_too_large)).into_any(),
        ("file", C::NotPdf) => tr(i18n, |l| td_string!(l, field.file_not_pdf)).into_any(),
        ("file", C::Unsigned) => tr(i18n, |l| td_string!(l, field.file_unsigned)).into_any(),
        ("file", C::BadSignature) => {
            tr(i18n, |l| td_string!(l, field.file_bad_signature)).into_any()
        }
        ("file", C::SignatureMismatch) => {
            tr(i18n, |l| td_string!(l, field.file_signature_mismatch)).into_any()
        }
        ("file", C::CertificateExpired) => {
            tr(i18n, |l| td_string!(l, field.file_certificate_expired)).into_any()
        }
        ("file", C::UntrustedSigner) => {
            tr(i18n, |l| td_string!(l, field.file_untrusted_signer)).into_any()
        }
        ("file", C::InvalidFormat) => tr(i18n, |l| td_string!(l, field.attachment_type)).into_any(),
        ("file", C::Duplicate) => tr(i18n, |l| td_string!(l, field.file_duplicate)).into_any(),
        ("file", _) => tr(i18n, |l| td_string!(l, field.file_required)).into_any(),
        (_, C::Required) => tr(i18n, |l| td_string!(l, field.required)).into_any(),
        (_, C::TooLong) => tr(i18n, |l| td_string!(l, field.too_long)).into_any(),
        _ => tr(i18n, |l| td_string!(l, field.invalid)).into_any(),
    }
}
