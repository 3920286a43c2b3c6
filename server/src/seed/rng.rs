//! A tiny deterministic random number generator for demo data.
//!
//! SplitMix64 (Steele, Lea, Flood 2014): a few lines, good enough spread for picking demo
//! documents, and the same sequence on every machine and every run, so the demo data and
//! the tests that read it never drift. Not for anything secret.

/// A seeded pseudo-random sequence.
#[derive(Debug, Clone)]
pub struct DemoRng {
    state: u64,
}

impl DemoRng {
    /// A sequence that always starts the same way for the same seed.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u32, high: u32) -> u32 {
        let span = u64::from(high.saturating_sub(low)) + 1;
        // The modulo bias is negligible for demo-sized spans.
        low + u32::try_from(self.next_u64() % span).unwrap_or(0)
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            return None;
        }
        let last = u32::try_from(items.len() - 1).unwrap_or(u32::MAX);
        items.get(self.between(0, last) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence() {
        let mut a = DemoRng::new(42);
        let mut b = DemoRng::new(42);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        assert_ne!(DemoRng::new(1).next_u64(), DemoRng::new(2).next_u64());
    }

    #[test]
    fn between_stays_in_bounds_and_reaches_both_ends() {
        let mut rng = DemoRng::new(7);
        let values: Vec<u32> = (0..1000).map(|_| rng.between(3, 6)).collect();
        assert!(values.iter().all(|v| (3..=6).contains(v)));
        assert!(values.contains(&3) && values.contains(&6));
        assert_eq!(rng.between(5, 5), 5);
        assert_eq!(rng.pick::<u8>(&[]), None);
    }
}
