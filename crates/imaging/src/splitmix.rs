//! A small deterministic pseudo-random generator for the synthetic portraits.

/// splitmix64: a tiny deterministic generator, plenty for picking shapes and colours.
#[derive(Debug)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `low..=high` (requires `low <= high`).
    pub(crate) fn range(&mut self, low: i64, high: i64) -> i64 {
        let span = high.abs_diff(low).saturating_add(1);
        let offset = i64::try_from(self.next_u64() % span).unwrap_or(0);
        low.saturating_add(offset)
    }

    pub(crate) fn byte(&mut self, low: u8, high: u8) -> u8 {
        u8::try_from(self.range(i64::from(low), i64::from(high))).unwrap_or(low)
    }

    pub(crate) fn coin(&mut self) -> bool {
        self.next_u64() & 1 == 1
    }

    pub(crate) fn pick<T: Copy>(&mut self, items: &[T], fallback: T) -> T {
        let len = u64::try_from(items.len()).unwrap_or(1).max(1);
        let index = usize::try_from(self.next_u64() % len).unwrap_or(0);
        items.get(index).copied().unwrap_or(fallback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_deterministic_and_in_range() {
        let mut a = SplitMix64(7);
        let mut b = SplitMix64(7);
        for _ in 0..100 {
            let value = a.range(-5, 5);
            assert_eq!(value, b.range(-5, 5));
            assert!((-5..=5).contains(&value));
        }
    }
}
