//! How many cases a property test runs.

use proptest::prelude::ProptestConfig;

/// `PROPTEST_CASES` when it is set (proptest reads it into its default),
/// otherwise `ci` cases: short in CI, as long as wanted by hand.
/// `ProptestConfig::with_cases` would ignore the variable.
pub fn cases(ci: u32) -> ProptestConfig {
    let default = ProptestConfig::default();
    let by_hand = std::env::var_os("PROPTEST_CASES").is_some();
    ProptestConfig {
        cases: if by_hand { default.cases } else { ci },
        ..default
    }
}
