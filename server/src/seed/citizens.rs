//! The demo citizens: full population records with realistic Vietnamese names, addresses,
//! households and ID numbers that pass every rule of [`PersonalId`].
//!
//! Nguyễn Văn An and Trần Thị Bình are one married couple in one household in Hà Nội, so the
//! household and relatives views have something real to show; Phạm Thị Lan lives alone in
//! Thành phố Hồ Chí Minh with a temporary residence; Võ Minh Đức in Đà Nẵng has 10,000
//! documents, for scale.

use portal_api::record::{Household, HouseholdMember, IdCard, MaritalStatus, Relative};
use portal_api::{CalendarDate, PersonalId, PopulationRecord, Sex};

/// How many documents each demo citizen's data store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreSize {
    /// An everyday store: a couple of dozen documents.
    Everyday(u32),
    /// The store that proves lists, search and paging at scale.
    Large(u32),
}

impl StoreSize {
    /// The number of documents.
    pub const fn count(self) -> u32 {
        match self {
            Self::Everyday(n) | Self::Large(n) => n,
        }
    }
}

/// A demo citizen: the record the portal and the national database hold, and their store.
#[derive(Debug, Clone)]
pub struct DemoCitizen {
    /// The full population record.
    pub record: PopulationRecord,
    /// How many documents are seeded into their data store.
    pub store: StoreSize,
    /// Whether their portal account is verified; an unverified one shows what sign-in
    /// answers before verification.
    pub verified: bool,
    /// Where the national database's record differs from the portal's stored copy, so that a
    /// refresh has something to bring in.
    pub national_update: Option<NationalUpdate>,
}

/// A change the national database holds that the portal's copy does not have yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NationalUpdate {
    /// The citizen registered a new current residence.
    CurrentResidence(&'static str),
}

impl NationalUpdate {
    /// The record as the national database holds it.
    pub fn apply(self, record: &PopulationRecord) -> PopulationRecord {
        let mut updated = record.clone();
        match self {
            Self::CurrentResidence(place) => updated.current_residence = Some(place.to_owned()),
        }
        updated
    }
}

/// The personal identification number of the citizen with the large data store.
pub const LARGE_STORE_CITIZEN: &str = "048078000777";

fn id(text: &str) -> PersonalId {
    // The numbers below are constants checked by the tests of this module; a typo in one
    // is a programming error, caught on the first test run.
    #[allow(clippy::expect_used)]
    PersonalId::parse(text).expect("demo ID numbers are valid")
}

fn date(year: u16, month: u8, day: u8) -> CalendarDate {
    #[allow(clippy::expect_used)]
    CalendarDate::new(year, month, day).expect("demo dates exist")
}

fn relative(name: &str, personal_id: Option<&str>) -> Relative {
    Relative {
        full_name: name.to_owned(),
        personal_id: personal_id.map(id),
        nationality: "Việt Nam".to_owned(),
    }
}

fn member(name: &str, personal_id: &str, relationship: &str) -> HouseholdMember {
    HouseholdMember {
        full_name: name.to_owned(),
        personal_id: id(personal_id),
        relationship_to_head: relationship.to_owned(),
    }
}

const HANOI_HOME: &str = "Số 12, ngõ 45 phố Trần Duy Hưng, phường Yên Hòa, thành phố Hà Nội";
const POLICE_DEPARTMENT: &str = "Cục Cảnh sát quản lý hành chính về trật tự xã hội";

fn an_and_binh_household(relationship: &str) -> Household {
    Household {
        head_full_name: "Nguyễn Văn An".to_owned(),
        head_personal_id: id("001085012345"),
        relationship_to_head: relationship.to_owned(),
        members: vec![
            member("Nguyễn Văn An", "001085012345", "Chủ hộ"),
            member("Trần Thị Bình", "001190023456", "Vợ"),
            member("Nguyễn Minh Khôi", "001222034567", "Con"),
        ],
    }
}

fn nguyen_van_an() -> PopulationRecord {
    PopulationRecord {
        personal_id: id("001085012345"),
        full_name: "Nguyễn Văn An".to_owned(),
        other_names: Vec::new(),
        date_of_birth: date(1985, 3, 14),
        sex: Sex::Male,
        place_of_birth: "Bệnh viện Phụ sản Hà Nội, thành phố Hà Nội".to_owned(),
        place_of_birth_registration: "Ủy ban nhân dân phường Cầu Giấy, thành phố Hà Nội".to_owned(),
        native_place: "Xã Liên Bạt, thành phố Hà Nội".to_owned(),
        ethnicity: "Kinh".to_owned(),
        religion: "Không".to_owned(),
        nationality: "Việt Nam".to_owned(),
        blood_type: Some("O".to_owned()),
        marital_status: MaritalStatus::Married,
        old_id_number: Some("012345678".to_owned()),
        id_card: Some(IdCard {
            // Renewed at 40, as the Law on Identity requires; the next renewal is at 60.
            issued_on: date(2025, 2, 20),
            issued_by: POLICE_DEPARTMENT.to_owned(),
            valid_until: Some(date(2045, 3, 14)),
        }),
        permanent_residence: Some(HANOI_HOME.to_owned()),
        temporary_residence: None,
        current_residence: Some(HANOI_HOME.to_owned()),
        temporary_absence: None,
        residence_file_number: Some("001085-HS-2016-004512".to_owned()),
        household: Some(an_and_binh_household("Chủ hộ")),
        father: Some(relative("Nguyễn Văn Hùng", Some("001058003311"))),
        mother: Some(relative("Lê Thị Hoa", Some("001160004422"))),
        spouse: Some(relative("Trần Thị Bình", Some("001190023456"))),
        children: vec![relative("Nguyễn Minh Khôi", Some("001222034567"))],
        legal_representative: None,
        represented_person: Some(relative("Nguyễn Minh Khôi", Some("001222034567"))),
        death_or_missing: None,
        phone: Some("0912345678".to_owned()),
        email: Some("nguyenvanan@example.vn".to_owned()),
    }
}

fn tran_thi_binh() -> PopulationRecord {
    PopulationRecord {
        personal_id: id("001190023456"),
        full_name: "Trần Thị Bình".to_owned(),
        other_names: vec!["Bình Trần".to_owned()],
        date_of_birth: date(1990, 7, 2),
        sex: Sex::Female,
        place_of_birth: "Bệnh viện Đa khoa tỉnh Nam Định, tỉnh Ninh Bình".to_owned(),
        place_of_birth_registration: "Ủy ban nhân dân phường Vị Xuyên, tỉnh Ninh Bình".to_owned(),
        native_place: "Xã Hải Hậu, tỉnh Ninh Bình".to_owned(),
        ethnicity: "Kinh".to_owned(),
        religion: "Công giáo".to_owned(),
        nationality: "Việt Nam".to_owned(),
        blood_type: Some("A".to_owned()),
        marital_status: MaritalStatus::Married,
        old_id_number: Some("163254789".to_owned()),
        id_card: Some(IdCard {
            issued_on: date(2022, 9, 5),
            issued_by: POLICE_DEPARTMENT.to_owned(),
            valid_until: Some(date(2030, 7, 2)),
        }),
        permanent_residence: Some(HANOI_HOME.to_owned()),
        temporary_residence: None,
        current_residence: Some(HANOI_HOME.to_owned()),
        temporary_absence: None,
        residence_file_number: Some("001085-HS-2016-004512".to_owned()),
        household: Some(an_and_binh_household("Vợ")),
        father: Some(relative("Trần Văn Minh", Some("036062001234"))),
        mother: Some(relative("Phạm Thị Nga", None)),
        spouse: Some(relative("Nguyễn Văn An", Some("001085012345"))),
        children: vec![relative("Nguyễn Minh Khôi", Some("001222034567"))],
        legal_representative: None,
        represented_person: None,
        death_or_missing: None,
        phone: Some("0987654321".to_owned()),
        email: None,
    }
}

fn pham_thi_lan() -> PopulationRecord {
    PopulationRecord {
        personal_id: id("079195004321"),
        full_name: "Phạm Thị Lan".to_owned(),
        other_names: Vec::new(),
        date_of_birth: date(1995, 11, 20),
        sex: Sex::Female,
        place_of_birth: "Bệnh viện Hùng Vương, Thành phố Hồ Chí Minh".to_owned(),
        place_of_birth_registration: "Ủy ban nhân dân phường Chợ Lớn, Thành phố Hồ Chí Minh"
            .to_owned(),
        native_place: "Xã Tân Hòa, tỉnh Vĩnh Long".to_owned(),
        ethnicity: "Kinh".to_owned(),
        religion: "Phật giáo".to_owned(),
        nationality: "Việt Nam".to_owned(),
        blood_type: None,
        marital_status: MaritalStatus::Single,
        old_id_number: None,
        id_card: Some(IdCard {
            issued_on: date(2024, 8, 15),
            issued_by: "Bộ Công an".to_owned(),
            valid_until: Some(date(2035, 11, 20)),
        }),
        permanent_residence: Some(
            "Số 88 đường Nguyễn Trãi, phường Chợ Lớn, Thành phố Hồ Chí Minh".to_owned(),
        ),
        temporary_residence: Some(
            "Phòng 1204, chung cư Sunrise, phường Tân Hưng, Thành phố Hồ Chí Minh".to_owned(),
        ),
        current_residence: Some(
            "Phòng 1204, chung cư Sunrise, phường Tân Hưng, Thành phố Hồ Chí Minh".to_owned(),
        ),
        temporary_absence: None,
        residence_file_number: Some("079195-HS-2020-118734".to_owned()),
        household: Some(Household {
            head_full_name: "Phạm Văn Tâm".to_owned(),
            head_personal_id: id("079065007788"),
            relationship_to_head: "Con".to_owned(),
            members: vec![
                member("Phạm Văn Tâm", "079065007788", "Chủ hộ"),
                member("Huỳnh Thị Mai", "079168009900", "Vợ"),
                member("Phạm Thị Lan", "079195004321", "Con"),
            ],
        }),
        father: Some(relative("Phạm Văn Tâm", Some("079065007788"))),
        mother: Some(relative("Huỳnh Thị Mai", Some("079168009900"))),
        spouse: None,
        children: Vec::new(),
        legal_representative: None,
        represented_person: None,
        death_or_missing: None,
        phone: Some("0903111222".to_owned()),
        email: Some("phamthilan@example.vn".to_owned()),
    }
}

fn vo_minh_duc() -> PopulationRecord {
    PopulationRecord {
        personal_id: id(LARGE_STORE_CITIZEN),
        full_name: "Võ Minh Đức".to_owned(),
        other_names: Vec::new(),
        date_of_birth: date(1978, 5, 9),
        sex: Sex::Male,
        place_of_birth: "Trạm y tế xã Hòa Vang, thành phố Đà Nẵng".to_owned(),
        place_of_birth_registration: "Ủy ban nhân dân xã Hòa Vang, thành phố Đà Nẵng".to_owned(),
        native_place: "Xã Điện Bàn, thành phố Đà Nẵng".to_owned(),
        ethnicity: "Kinh".to_owned(),
        religion: "Không".to_owned(),
        nationality: "Việt Nam".to_owned(),
        blood_type: Some("B".to_owned()),
        marital_status: MaritalStatus::Divorced,
        old_id_number: Some("201456789".to_owned()),
        id_card: Some(IdCard {
            issued_on: date(2021, 6, 1),
            issued_by: POLICE_DEPARTMENT.to_owned(),
            valid_until: None,
        }),
        permanent_residence: Some(
            "Số 7 đường Bạch Đằng, phường Hải Châu, thành phố Đà Nẵng".to_owned(),
        ),
        temporary_residence: None,
        current_residence: Some(
            "Số 7 đường Bạch Đằng, phường Hải Châu, thành phố Đà Nẵng".to_owned(),
        ),
        temporary_absence: None,
        residence_file_number: Some("048078-HS-2017-020031".to_owned()),
        household: Some(Household {
            head_full_name: "Võ Minh Đức".to_owned(),
            head_personal_id: id(LARGE_STORE_CITIZEN),
            relationship_to_head: "Chủ hộ".to_owned(),
            members: vec![member("Võ Minh Đức", LARGE_STORE_CITIZEN, "Chủ hộ")],
        }),
        father: Some(relative("Võ Văn Thành", None)),
        mother: Some(relative("Ngô Thị Sen", None)),
        spouse: None,
        children: vec![relative("Võ Gia Bảo", Some("048206005566"))],
        legal_representative: None,
        represented_person: None,
        death_or_missing: None,
        phone: Some("0935777888".to_owned()),
        email: None,
    }
}

fn dang_thu_ha() -> PopulationRecord {
    let home = "Số 21 đường Lạch Tray, phường Lê Chân, thành phố Hải Phòng";
    PopulationRecord {
        personal_id: id("031301008899"),
        full_name: "Đặng Thu Hà".to_owned(),
        other_names: Vec::new(),
        date_of_birth: date(2001, 2, 17),
        sex: Sex::Female,
        place_of_birth: "Bệnh viện Phụ sản Hải Phòng, thành phố Hải Phòng".to_owned(),
        place_of_birth_registration: "Ủy ban nhân dân phường Lê Chân, thành phố Hải Phòng"
            .to_owned(),
        native_place: "Xã Vĩnh Bảo, thành phố Hải Phòng".to_owned(),
        ethnicity: "Kinh".to_owned(),
        religion: "Không".to_owned(),
        nationality: "Việt Nam".to_owned(),
        blood_type: None,
        marital_status: MaritalStatus::Single,
        old_id_number: None,
        id_card: Some(IdCard {
            issued_on: date(2026, 2, 20),
            issued_by: "Bộ Công an".to_owned(),
            valid_until: Some(date(2041, 2, 17)),
        }),
        permanent_residence: Some(home.to_owned()),
        temporary_residence: None,
        current_residence: Some(home.to_owned()),
        temporary_absence: None,
        residence_file_number: Some("031301-HS-2019-067210".to_owned()),
        household: Some(Household {
            head_full_name: "Đặng Văn Hải".to_owned(),
            head_personal_id: id("031070002468"),
            relationship_to_head: "Con".to_owned(),
            members: vec![
                member("Đặng Văn Hải", "031070002468", "Chủ hộ"),
                member("Đặng Thu Hà", "031301008899", "Con"),
            ],
        }),
        father: Some(relative("Đặng Văn Hải", Some("031070002468"))),
        mother: None,
        spouse: None,
        children: Vec::new(),
        legal_representative: None,
        represented_person: None,
        death_or_missing: None,
        phone: Some("0977000111".to_owned()),
        email: None,
    }
}

fn le_quoc_khanh() -> PopulationRecord {
    let home = "Số 88 đường Mậu Thân, phường Ninh Kiều, thành phố Cần Thơ";
    PopulationRecord {
        personal_id: id("092092001357"),
        full_name: "Lê Quốc Khánh".to_owned(),
        other_names: Vec::new(),
        date_of_birth: date(1992, 9, 2),
        sex: Sex::Male,
        place_of_birth: "Bệnh viện Đa khoa thành phố Cần Thơ".to_owned(),
        place_of_birth_registration: "Ủy ban nhân dân phường Ninh Kiều, thành phố Cần Thơ"
            .to_owned(),
        native_place: "Xã Phong Điền, thành phố Cần Thơ".to_owned(),
        ethnicity: "Kinh".to_owned(),
        religion: "Phật giáo".to_owned(),
        nationality: "Việt Nam".to_owned(),
        blood_type: Some("A".to_owned()),
        marital_status: MaritalStatus::Single,
        old_id_number: Some("362345678".to_owned()),
        id_card: Some(IdCard {
            issued_on: date(2022, 3, 15),
            issued_by: POLICE_DEPARTMENT.to_owned(),
            valid_until: Some(date(2032, 9, 2)),
        }),
        permanent_residence: Some(home.to_owned()),
        temporary_residence: None,
        current_residence: Some(home.to_owned()),
        temporary_absence: None,
        residence_file_number: Some("092092-HS-2018-004417".to_owned()),
        household: Some(Household {
            head_full_name: "Lê Quốc Khánh".to_owned(),
            head_personal_id: id("092092001357"),
            relationship_to_head: "Chủ hộ".to_owned(),
            members: vec![member("Lê Quốc Khánh", "092092001357", "Chủ hộ")],
        }),
        father: Some(relative("Lê Văn Phúc", None)),
        mother: Some(relative("Trương Thị Mai", None)),
        spouse: None,
        children: Vec::new(),
        legal_representative: None,
        represented_person: None,
        death_or_missing: None,
        phone: Some("0939222333".to_owned()),
        email: None,
    }
}

/// Every demo citizen, in the order the server lists them at start-up.
pub fn demo_citizens() -> Vec<DemoCitizen> {
    vec![
        DemoCitizen {
            record: nguyen_van_an(),
            store: StoreSize::Everyday(24),
            verified: true,
            national_update: Some(NationalUpdate::CurrentResidence(
                "Số 3, ngách 8/12 phố Vũ Phạm Hàm, phường Yên Hòa, thành phố Hà Nội",
            )),
        },
        DemoCitizen {
            record: tran_thi_binh(),
            store: StoreSize::Everyday(15),
            verified: true,
            national_update: None,
        },
        DemoCitizen {
            record: pham_thi_lan(),
            store: StoreSize::Everyday(11),
            verified: true,
            national_update: None,
        },
        DemoCitizen {
            record: vo_minh_duc(),
            store: StoreSize::Large(10_000),
            verified: true,
            national_update: None,
        },
        DemoCitizen {
            record: dang_thu_ha(),
            store: StoreSize::Everyday(10),
            verified: false,
            national_update: None,
        },
        DemoCitizen {
            record: le_quoc_khanh(),
            store: StoreSize::Everyday(12),
            verified: true,
            national_update: None,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_record_agrees_with_its_id_number() {
        for citizen in demo_citizens() {
            let record = &citizen.record;
            assert!(
                record.id_agrees_with_birth(),
                "{} {}",
                record.full_name,
                record.personal_id.as_str()
            );
            assert!(record.personal_id.province().is_some());
        }
    }

    #[test]
    fn households_name_the_citizen_and_their_head() {
        for citizen in demo_citizens() {
            let record = &citizen.record;
            let household = record.household.as_ref().unwrap();
            assert!(
                household
                    .members
                    .iter()
                    .any(|m| m.personal_id == record.personal_id)
            );
            assert!(
                household
                    .members
                    .iter()
                    .any(|m| m.personal_id == household.head_personal_id)
            );
        }
    }

    #[test]
    fn at_least_three_everyday_citizens_and_one_large_store() {
        let citizens = demo_citizens();
        let everyday = citizens
            .iter()
            .filter(|c| matches!(c.store, StoreSize::Everyday(n) if (10..=30).contains(&n)))
            .count();
        assert!(everyday >= 3);
        assert!(
            citizens.iter().any(|c| !c.verified),
            "one account shows the unverified answer"
        );
        for citizen in &citizens {
            assert!(
                citizen.record.phone.is_some(),
                "every account has a phone for its codes"
            );
        }
        let large: Vec<_> = citizens
            .iter()
            .filter(|c| c.store == StoreSize::Large(10_000))
            .collect();
        assert_eq!(large.len(), 1);
        assert_eq!(large[0].record.personal_id.as_str(), LARGE_STORE_CITIZEN);
    }

    #[test]
    fn a_national_update_changes_the_record() {
        let an = &demo_citizens()[0];
        let update = an.national_update.unwrap();
        assert_ne!(update.apply(&an.record), an.record);
    }
}
