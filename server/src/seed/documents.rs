//! Demo documents for each citizen's personal electronic data store.
//!
//! Each document is drawn from a catalogue of the papers Vietnamese citizens really hold
//! (birth certificates, residence confirmations, health insurance cards...), with the agency
//! that issues it and the procedure it comes from, so search and filters meet realistic text.

use crate::db::Transaction;
use crate::params;
use portal_api::{CalendarDate, fold_vietnamese};

use super::rng::DemoRng;
use crate::db::DbError;

/// One kind of paper in the catalogue.
struct Template {
    category: &'static str,
    code_prefix: &'static str,
    name: &'static str,
    agency: &'static str,
    procedure: Option<&'static str>,
    /// Years of validity, for papers that expire.
    valid_years: Option<u16>,
    /// Papers issued again every year are named with the year, as their holders tell them apart.
    yearly: bool,
}

const fn paper(
    category: &'static str,
    code_prefix: &'static str,
    name: &'static str,
    agency: &'static str,
) -> Template {
    Template {
        category,
        code_prefix,
        name,
        agency,
        procedure: None,
        valid_years: None,
        yearly: false,
    }
}

const CATALOGUE: &[Template] = &[
    Template {
        procedure: Some("Đăng ký khai sinh"),
        ..paper(
            "civil_status",
            "KS",
            "Giấy khai sinh",
            "Ủy ban nhân dân cấp xã",
        )
    },
    Template {
        procedure: Some("Cấp bản sao trích lục hộ tịch"),
        ..paper(
            "civil_status",
            "TLKH",
            "Trích lục kết hôn",
            "Ủy ban nhân dân cấp xã",
        )
    },
    Template {
        procedure: Some("Xác nhận thông tin về cư trú"),
        valid_years: Some(1),
        ..paper(
            "residence",
            "XNCT",
            "Giấy xác nhận thông tin về cư trú",
            "Công an cấp xã",
        )
    },
    Template {
        procedure: Some("Đăng ký tạm trú"),
        ..paper(
            "residence",
            "TBTT",
            "Thông báo kết quả đăng ký tạm trú",
            "Công an cấp xã",
        )
    },
    Template {
        procedure: Some("Xác nhận số định danh cá nhân và Chứng minh nhân dân"),
        ..paper(
            "identity",
            "XNDD",
            "Giấy xác nhận số định danh cá nhân",
            "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
        )
    },
    Template {
        procedure: Some("Chứng thực bản sao từ bản chính"),
        ..paper(
            "certified_copy",
            "CT",
            "Bản sao chứng thực Bằng tốt nghiệp đại học",
            "Ủy ban nhân dân cấp xã",
        )
    },
    Template {
        procedure: Some("Chứng thực bản sao từ bản chính"),
        ..paper(
            "certified_copy",
            "CTKS",
            "Bản sao chứng thực Giấy khai sinh",
            "Phòng công chứng số 1",
        )
    },
    Template {
        procedure: Some("Thay đổi thông tin cư trú"),
        ..paper(
            "application",
            "CT01",
            "Tờ khai thay đổi thông tin cư trú (CT01)",
            "Công an cấp xã",
        )
    },
    Template {
        procedure: Some("Cấp Phiếu lý lịch tư pháp"),
        ..paper(
            "application",
            "HSLL",
            "Hồ sơ đề nghị cấp Phiếu lý lịch tư pháp",
            "Sở Tư pháp",
        )
    },
    Template {
        valid_years: Some(1),
        yearly: true,
        ..paper(
            "health_insurance",
            "BHYT",
            "Thẻ bảo hiểm y tế",
            "Bảo hiểm xã hội Việt Nam",
        )
    },
    Template {
        procedure: Some("Cấp đổi giấy phép lái xe"),
        valid_years: Some(10),
        ..paper(
            "driving_licence",
            "GPLX",
            "Giấy phép lái xe hạng B",
            "Sở Xây dựng",
        )
    },
    paper(
        "education",
        "BTN",
        "Bằng tốt nghiệp trung học phổ thông",
        "Sở Giáo dục và Đào tạo",
    ),
    paper(
        "education",
        "BD",
        "Bảng điểm đại học",
        "Đại học Quốc gia Hà Nội",
    ),
    Template {
        yearly: true,
        ..paper(
            "social_insurance",
            "BHXH",
            "Tờ rời sổ bảo hiểm xã hội",
            "Bảo hiểm xã hội Việt Nam",
        )
    },
    Template {
        procedure: Some("Đăng ký đất đai, tài sản gắn liền với đất"),
        ..paper(
            "land",
            "GCN",
            "Giấy chứng nhận quyền sử dụng đất",
            "Văn phòng đăng ký đất đai",
        )
    },
    Template {
        procedure: Some("Cấp Phiếu lý lịch tư pháp"),
        ..paper("other", "LLTP", "Phiếu lý lịch tư pháp số 1", "Sở Tư pháp")
    },
    Template {
        procedure: Some("Đăng ký xe"),
        ..paper(
            "other",
            "DKX",
            "Giấy chứng nhận đăng ký xe mô tô",
            "Công an cấp xã",
        )
    },
];

/// The last day a demo document may carry: demo data never claims to come from the future.
const LATEST_ISSUE: (u16, u8) = (2026, 10);

/// Inserts `count` documents for `owner`, born in `birth_year`, drawn deterministically from
/// the catalogue with `rng`.
pub fn insert_documents(
    tx: &Transaction<'_>,
    owner: &str,
    birth_year: u16,
    count: u32,
    rng: &mut DemoRng,
    synced_at: &str,
) -> Result<(), DbError> {
    let mut insert = tx.prepare(
        "INSERT INTO documents (owner_id, code, name, name_folded, category, issuing_agency,
             issued_on, valid_until, procedure, file_name, content_type, blob_path, synced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'application/pdf', ?11, ?12)
         RETURNING id",
    )?;
    let mut event = tx.prepare(
        "INSERT INTO document_events (document_id, at, kind, note) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let first_year = birth_year.max(1990) + 1;
    for sequence in 1..=count {
        // Cycle through the whole catalogue first so even a small store shows every category.
        let template = if sequence as usize <= CATALOGUE.len() {
            &CATALOGUE[sequence as usize - 1]
        } else {
            rng.pick(CATALOGUE).unwrap_or(&CATALOGUE[0])
        };
        let issued_on = issue_date(rng, first_year);
        let code = format!(
            "{}-{}-{}{:06}",
            template.code_prefix,
            issued_on.year(),
            &owner[owner.len() - 4..],
            sequence
        );
        let name = if template.yearly {
            format!("{} năm {}", template.name, issued_on.year())
        } else {
            template.name.to_owned()
        };
        let valid_until = template.valid_years.and_then(|years| {
            CalendarDate::new(issued_on.year() + years, issued_on.month(), issued_on.day()).ok()
        });
        let file_name = format!("{code}.pdf");
        let document: i64 = insert.query_row(
            params![
                owner,
                code,
                name,
                fold_vietnamese(&name),
                template.category,
                template.agency,
                issued_on.to_string(),
                valid_until.map(|d| d.to_string()),
                template.procedure,
                file_name,
                format!("demo/{file_name}"),
                synced_at,
            ],
            |row| row.get(0),
        )?;
        event.execute(params![
            document,
            issued_on.to_string(),
            "issued",
            template.procedure.unwrap_or(template.agency)
        ])?;
        event.execute(params![
            document,
            synced_at,
            "added",
            "Cổng dịch vụ công quốc gia"
        ])?;
    }
    Ok(())
}

fn issue_date(rng: &mut DemoRng, first_year: u16) -> CalendarDate {
    let (last_year, last_month) = LATEST_ISSUE;
    let year = rng.between(first_year.into(), last_year.into()) as u16;
    let last = if year == last_year { last_month } else { 12 };
    let month = rng.between(1, last.into()) as u8;
    let day = rng.between(1, 28) as u8;
    #[allow(clippy::expect_used)]
    CalendarDate::new(year, month, day).expect("days 1 to 28 exist in every month")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_dates_lie_between_adulthood_and_the_latest_issue() {
        let mut rng = DemoRng::new(3);
        for _ in 0..2_000 {
            let date = issue_date(&mut rng, 2004);
            assert!((2004..=2026).contains(&date.year()));
            assert!(date.year() < 2026 || date.month() <= 10);
        }
    }

    #[test]
    fn catalogue_covers_every_category_the_schema_allows() {
        let schema = include_str!("../../migrations/0001_initial.sql");
        for template in CATALOGUE {
            assert!(schema.contains(&format!("'{}'", template.category)));
        }
        let categories: std::collections::BTreeSet<_> =
            CATALOGUE.iter().map(|t| t.category).collect();
        assert_eq!(categories.len(), 11);
    }
}
