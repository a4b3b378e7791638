//! The demo's own randomness.

/// splitmix64: tiny, fast, and good enough to make up a diary. A crate
/// would add a dependency for no gain.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub(super) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform in `lo..=hi`; multiply-and-shift keeps it unbiased enough.
    pub(super) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = hi.saturating_sub(lo).saturating_add(1).max(1) as u64;
        let r = ((u128::from(self.next_u64()) * u128::from(span)) >> 64) as u64;
        lo.saturating_add(r as i64)
    }

    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        let i = self.range(0, items.len() as i64 - 1);
        items[i as usize]
    }

    /// Uniform in `[-half, half)`: the noise of one rating around a mood.
    pub(super) fn spread(&mut self, half: f64) -> f64 {
        (self.unit() * 2.0 - 1.0) * half
    }

    /// Roughly normal, mean 0 and spread about 1: enough for moods and hours.
    pub(super) fn wobble(&mut self) -> f64 {
        (self.unit() + self.unit() + self.unit() - 1.5) * 2.0
    }
}
