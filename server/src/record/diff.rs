//! Which fields of a record a refresh changed, old value beside new.

use portal_api::PopulationRecord;
use portal_api::record_sync::FieldChange;
use serde_json::Value;

/// Every field whose text differs between `old` and `new`, in the record's field order.
pub fn changes(old: &PopulationRecord, new: &PopulationRecord) -> Vec<FieldChange> {
    let (Ok(old), Ok(new)) = (serde_json::to_value(old), serde_json::to_value(new)) else {
        return Vec::new();
    };
    let mut before = Vec::new();
    let mut after = Vec::new();
    flatten("", &old, &mut before);
    flatten("", &new, &mut after);
    // Fields in the order they appear, old ones first, then any only the new record has.
    let mut fields: Vec<&String> = before.iter().map(|(f, _)| f).collect();
    for (field, _) in &after {
        if !fields.contains(&field) {
            fields.push(field);
        }
    }
    let find = |list: &[(String, String)], field: &str| {
        list.iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.clone())
    };
    fields
        .into_iter()
        .filter_map(|field| {
            let (old, new) = (find(&before, field), find(&after, field));
            (old != new).then(|| FieldChange {
                field: field.clone(),
                old,
                new,
            })
        })
        .collect()
}

/// Leaf values as `(path, text)`, in order; nulls and empty lists are absent.
fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    let path = |key: &str| {
        if prefix.is_empty() {
            key.to_owned()
        } else {
            format!("{prefix}.{key}")
        }
    };
    match value {
        Value::Null => {}
        Value::Object(map) => {
            for (key, value) in map {
                flatten(&path(key), value, out);
            }
        }
        Value::Array(items) => {
            for (index, value) in items.iter().enumerate() {
                flatten(&path(&index.to_string()), value, out);
            }
        }
        Value::String(text) => out.push((prefix.to_owned(), text.clone())),
        other => out.push((prefix.to_owned(), other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::demo_citizens;

    #[test]
    fn the_same_record_has_no_changes() {
        let record = demo_citizens()[0].record.clone();
        assert!(changes(&record, &record).is_empty());
    }

    #[test]
    fn names_each_changed_field_with_old_and_new() {
        let old = demo_citizens()[0].record.clone();
        let mut new = old.clone();
        new.current_residence = Some("Số 1 phố Huế, Hà Nội".to_owned());
        new.email = None;
        new.household.as_mut().unwrap().members[1].full_name = "Trần Thị Bình B".to_owned();
        let found = changes(&old, &new);
        let fields: Vec<&str> = found.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "current_residence",
                "household.members.1.full_name",
                "email"
            ]
        );
        assert_eq!(found[0].old, old.current_residence);
        assert_eq!(found[0].new.as_deref(), Some("Số 1 phố Huế, Hà Nội"));
        assert_eq!(
            found[2].new, None,
            "a removed value is absent, not empty text"
        );
    }

    #[test]
    fn a_value_only_the_new_record_has_is_a_change() {
        let old = demo_citizens()[2].record.clone();
        let mut new = old.clone();
        new.blood_type = Some("AB".to_owned());
        let found = changes(&old, &new);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, "blood_type");
        assert_eq!(found[0].old, None);
    }
}
