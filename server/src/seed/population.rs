//! Synthetic demo citizens beyond the six (`--demo-population N`), so a load test can sign in
//! a few hundred people at once. Each has a small data store, no requests, a verified account
//! with the demo password, and an ID number and phone made from their position alone:
//! citizen `n` (from 0) has the phone `038` followed by `n` in seven digits (`0380000007`),
//! which is what `cargo xtask bench --load` signs in with.

use portal_api::record::{Household, HouseholdMember};
use portal_api::{CalendarDate, PersonalId, PopulationRecord, Sex};

use super::citizens::{DemoCitizen, StoreSize};

/// The most synthetic citizens one server seeds: their ID numbers' last six digits are
/// `500000 + n`, a range no hand-made demo citizen uses.
pub const MAX_POPULATION: u32 = 100_000;

/// Birth registration provinces the synthetic citizens cycle through (Hà Nội, Hải Phòng,
/// Đà Nẵng, Thành phố Hồ Chí Minh, Cần Thơ).
const PROVINCES: [u16; 5] = [1, 31, 48, 79, 92];
const FAMILY_NAMES: [&str; 12] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô",
];
const MIDDLE_NAMES: [[&str; 4]; 2] = [
    ["Văn", "Đức", "Minh", "Quốc"],
    ["Thị", "Ngọc", "Thu", "Thanh"],
];
const GIVEN_NAMES: [&str; 16] = [
    "An", "Bình", "Châu", "Dũng", "Giang", "Hải", "Hòa", "Khoa", "Lan", "Linh", "Long", "Mai",
    "Nam", "Phúc", "Sơn", "Trang",
];

/// The phone of synthetic citizen `n`.
pub fn phone(n: u32) -> String {
    format!("038{n:07}")
}

/// Synthetic citizen `n` (below [`MAX_POPULATION`]): the same on every machine and run.
pub fn citizen(n: u32) -> Option<DemoCitizen> {
    if n >= MAX_POPULATION {
        return None;
    }
    let index = n as usize;
    let sex = if n.is_multiple_of(2) {
        Sex::Male
    } else {
        Sex::Female
    };
    let year = 1950 + (n % 50) as u16;
    let date_of_birth = CalendarDate::new(year, (n % 12) as u8 + 1, (n % 28) as u8 + 1).ok()?;
    let province = PROVINCES[index % PROVINCES.len()];
    // Century and sex digit: 0 for a man born in the 1900s, 1 for a woman.
    let century = u32::from(sex == Sex::Female);
    let personal_id = PersonalId::parse(&format!(
        "{province:03}{century}{:02}{:06}",
        year % 100,
        500_000 + n
    ))
    .ok()?;
    let place = personal_id.province().unwrap_or("Việt Nam");
    let full_name = format!(
        "{} {} {}",
        FAMILY_NAMES[index % FAMILY_NAMES.len()],
        MIDDLE_NAMES[index % 2][(index / 2) % 4],
        GIVEN_NAMES[(index / 8) % GIVEN_NAMES.len()],
    );
    let home = format!("Số {}, đường Số {}, {place}", n % 200 + 1, n % 30 + 1);
    let record = PopulationRecord {
        full_name: full_name.clone(),
        other_names: Vec::new(),
        date_of_birth,
        sex,
        place_of_birth: place.to_owned(),
        place_of_birth_registration: format!("Ủy ban nhân dân cấp xã, {place}"),
        native_place: place.to_owned(),
        ethnicity: "Kinh".to_owned(),
        religion: "Không".to_owned(),
        nationality: "Việt Nam".to_owned(),
        blood_type: None,
        marital_status: portal_api::record::MaritalStatus::Single,
        old_id_number: None,
        id_card: None,
        permanent_residence: Some(home.clone()),
        temporary_residence: None,
        current_residence: Some(home),
        temporary_absence: None,
        residence_file_number: None,
        household: Some(Household {
            head_full_name: full_name.clone(),
            head_personal_id: personal_id.clone(),
            relationship_to_head: "Chủ hộ".to_owned(),
            members: vec![HouseholdMember {
                full_name,
                personal_id: personal_id.clone(),
                relationship_to_head: "Chủ hộ".to_owned(),
            }],
        }),
        father: None,
        mother: None,
        spouse: None,
        children: Vec::new(),
        legal_representative: None,
        represented_person: None,
        death_or_missing: None,
        phone: Some(phone(n)),
        email: None,
        personal_id,
    };
    Some(DemoCitizen {
        record,
        store: StoreSize::Everyday(5 + n % 8),
        verified: true,
        national_update: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_synthetic_citizen_is_valid_and_distinct() {
        let mut ids = std::collections::HashSet::new();
        let mut phones = std::collections::HashSet::new();
        let demo: Vec<_> = super::super::demo_citizens()
            .into_iter()
            .map(|c| (c.record.personal_id, c.record.phone))
            .collect();
        for n in (0..2_000).chain([MAX_POPULATION - 1]) {
            let citizen = citizen(n).unwrap();
            let record = &citizen.record;
            assert!(record.id_agrees_with_birth(), "{n}");
            let phone = record.phone.clone().unwrap();
            assert!(portal_api::PhoneNumber::parse(&phone).is_ok(), "{phone}");
            assert!(
                !demo
                    .iter()
                    .any(|(id, p)| *id == record.personal_id || *p == Some(phone.clone()))
            );
            assert!(ids.insert(record.personal_id.clone()));
            assert!(phones.insert(phone));
        }
        assert!(citizen(MAX_POPULATION).is_none());
        assert_eq!(phone(7), "0380000007");
    }
}
