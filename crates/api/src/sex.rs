//! Sex as the population record holds it.

use serde::{Deserialize, Serialize};

/// Sex as recorded. The national exchange standard (QCVN 109:2017/BTTTT) codes it 0 unknown,
/// 1 male, 2 female; the API spells it out so that a JSON reader cannot mix the numbers up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Not recorded (code 0).
    Unknown,
    /// Male, "Nam" (code 1).
    Male,
    /// Female, "Nữ" (code 2).
    Female,
}
