//! Figures of one scenario: throughput and latency percentiles, and both as ratios to
//! the `/healthz` baseline measured in the same run (machines differ; ratios travel).

use std::time::Duration;

/// What one scenario did over its measured time.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Latency of every request that was answered, in microseconds.
    pub latencies_us: Vec<u64>,
    /// Requests answered with something else than the scenario expects, or not at all.
    pub errors: u64,
    /// The first error, to print once: what went wrong where.
    pub first_error: Option<String>,
}

impl Outcome {
    pub fn merge(&mut self, other: Outcome) {
        self.latencies_us.extend(other.latencies_us);
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }
}

/// The summary printed per scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub requests: u64,
    pub errors: u64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
}

/// The nearest-rank percentile (the smallest value with at least `p` % of the values at
/// or below it) of sorted values; `None` for no values.
pub fn percentile(sorted: &[u64], p: f64) -> Option<u64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

pub fn summarise(mut outcome: Outcome, elapsed: Duration) -> Summary {
    outcome.latencies_us.sort_unstable();
    let ms = |p| percentile(&outcome.latencies_us, p).map_or(0.0, |us| us as f64 / 1000.0);
    let requests = outcome.latencies_us.len() as u64 + outcome.errors;
    let secs = elapsed.as_secs_f64();
    Summary {
        requests,
        errors: outcome.errors,
        per_second: if secs > 0.0 {
            requests as f64 / secs
        } else {
            0.0
        },
        p50_ms: ms(50.0),
        p90_ms: ms(90.0),
        p99_ms: ms(99.0),
    }
}

/// `a / b`, or NaN (printed as "-") when there is no baseline to compare with.
pub fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { f64::NAN }
}

pub const HEADER: &str = "scenario                                  requests  errors     req/s   p50 ms   p90 ms   p99 ms  req/s÷hz  p99÷hz";

/// One line of the table: the figures and the ratios to the baseline `healthz`.
pub fn line(name: &str, s: &Summary, healthz: &Summary) -> String {
    let r = |x: f64| {
        if x.is_nan() {
            "-".to_owned()
        } else {
            format!("{x:.3}")
        }
    };
    format!(
        "{name:<40} {:>9} {:>7} {:>9.1} {:>8.2} {:>8.2} {:>8.2} {:>9} {:>7}{}",
        s.requests,
        s.errors,
        s.per_second,
        s.p50_ms,
        s.p90_ms,
        s.p99_ms,
        r(ratio(s.per_second, healthz.per_second)),
        r(ratio(s.p99_ms, healthz.p99_ms)),
        if s.errors > 0 { "  ERRORS" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&v, 50.0), Some(50));
        assert_eq!(percentile(&v, 90.0), Some(90));
        assert_eq!(percentile(&v, 99.0), Some(99));
        assert_eq!(percentile(&v, 100.0), Some(100));
        assert_eq!(percentile(&v, 0.0), Some(1));
        assert_eq!(percentile(&[7], 99.0), Some(7));
        assert_eq!(percentile(&[1, 2, 3], 50.0), Some(2));
        assert_eq!(percentile(&[1, 2, 3, 4], 50.0), Some(2));
        assert_eq!(percentile(&[], 50.0), None);
    }

    #[test]
    fn summary_counts_errors_as_requests_and_sorts_latencies() {
        let outcome = Outcome {
            latencies_us: vec![3000, 1000, 2000, 4000],
            errors: 1,
            first_error: Some("500 on /x".into()),
        };
        let s = summarise(outcome, Duration::from_secs(2));
        assert_eq!((s.requests, s.errors), (5, 1));
        assert_eq!(s.per_second, 2.5);
        assert_eq!((s.p50_ms, s.p90_ms, s.p99_ms), (2.0, 4.0, 4.0));
    }

    #[test]
    fn ratios_to_the_baseline_and_errors_are_shown() {
        let hz = Summary {
            requests: 100,
            errors: 0,
            per_second: 1000.0,
            p50_ms: 1.0,
            p90_ms: 1.0,
            p99_ms: 2.0,
        };
        let s = Summary {
            per_second: 250.0,
            p99_ms: 8.0,
            errors: 3,
            ..hz
        };
        let l = line("note", &s, &hz);
        assert!(l.contains("0.250") && l.contains("4.000"), "{l}");
        assert!(l.ends_with("ERRORS"), "{l}");
        let none = Summary {
            per_second: 0.0,
            p99_ms: 0.0,
            ..hz
        };
        assert!(line("x", &hz, &none).contains(" -"));
        let mut merged = Outcome::default();
        merged.merge(Outcome {
            latencies_us: vec![1],
            errors: 2,
            first_error: Some("a".into()),
        });
        merged.merge(Outcome {
            latencies_us: vec![2],
            errors: 1,
            first_error: Some("b".into()),
        });
        assert_eq!(
            (merged.errors, merged.first_error.as_deref()),
            (3, Some("a"))
        );
    }
}
