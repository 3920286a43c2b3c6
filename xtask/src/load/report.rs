//! What the load bench prints, and the one verdict it can fail on.

use super::endpoints::Endpoint;
use super::mixed::DraftCheck;
use super::timing::Summary;
use crate::error::XtaskError;

/// A part's title and the table's column names.
pub fn heading(title: &str) {
    println!("\n{title}");
    println!(
        "  {:<44} {:>10} {:>9} {:>9} {:>8}",
        "", "req/s", "p50 ms", "p99 ms", "errors"
    );
}

/// One timed stretch, with its first failure when there was one.
pub fn line(label: &str, summary: &Summary) {
    println!(
        "  {:<44} {:>10.0} {:>9.1} {:>9.1} {:>8}",
        label,
        summary.per_second(),
        summary.p50.as_secs_f64() * 1000.0,
        summary.p99.as_secs_f64() * 1000.0,
        summary.errors,
    );
    if let Some(error) = &summary.first_error {
        println!("  {:<44} first error: {error}", "");
    }
}

/// Throughput of `endpoint` beside the neighbour over that alone: 1.0 means unaffected.
pub fn ratio(alone: &[(Endpoint, Summary)], beside: &[(Endpoint, Summary)], endpoint: Endpoint) {
    let rate = |runs: &[(Endpoint, Summary)]| {
        runs.iter()
            .find(|(e, _)| *e == endpoint)
            .map_or(0.0, |(_, s)| s.per_second())
    };
    let (alone, beside) = (rate(alone), rate(beside));
    let ratio = if alone > 0.0 { beside / alone } else { 0.0 };
    println!(
        "\n  noisy-neighbour ratio (record req/s beside / alone): {ratio:.2} ({beside:.0} / {alone:.0}; 1.00 = unaffected)"
    );
}

/// What the read-back of the drafts found.
pub fn drafts(check: &DraftCheck) {
    println!(
        "  drafts read back: {} exact, {} lost a save, {} hold one twice, {} had a save go unanswered (either outcome allowed), {} unreadable",
        check.checked - check.lost - check.duplicated,
        check.lost,
        check.duplicated,
        check.unsure,
        check.unreadable.len(),
    );
    if let Some(error) = check.unreadable.first() {
        println!("  first unreadable draft: {error}");
    }
}

/// Fails when the mixed run met errors or a draft save was lost or duplicated; never on time.
pub fn verdict(mixed: &Summary, check: &DraftCheck) -> Result<(), XtaskError> {
    let mut faults = Vec::new();
    if mixed.errors > 0 {
        let first = mixed
            .first_error
            .as_ref()
            .map(|e| format!(" (first: {e})"))
            .unwrap_or_default();
        faults.push(format!("{} errors in the mixed run{first}", mixed.errors));
    }
    if check.lost > 0 {
        faults.push(format!("{} drafts lost a save", check.lost));
    }
    if check.duplicated > 0 {
        faults.push(format!("{} drafts hold a save twice", check.duplicated));
    }
    if !check.unreadable.is_empty() {
        faults.push(format!(
            "{} drafts could not be read back",
            check.unreadable.len()
        ));
    }
    if faults.is_empty() {
        println!("\nload: no errors in the mixed run; every draft holds exactly its saves");
        Ok(())
    } else {
        Err(XtaskError::CheckFailed(format!(
            "load: {}",
            faults.join("; ")
        )))
    }
}
