// Small statistics over timing samples (milliseconds). Shared by the workers and the report.

/** The median of numbers (NaN when empty). */
export function median(values) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The p-th percentile by the nearest-rank rule (p in 0..100); matches native_bench.cpp. */
export function percentile(values, p) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

/** Arithmetic mean. */
export function mean(values) {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

/** Geometric mean of positive numbers (for ratios). */
export function geomean(values) {
  const v = values.filter((x) => x > 0 && Number.isFinite(x));
  return v.length ? Math.exp(v.reduce((a, b) => a + Math.log(b), 0) / v.length) : NaN;
}

/** Summary of a list of per-call times. */
export function summarize(times) {
  return {
    n: times.length,
    median_ms: median(times),
    p95_ms: percentile(times, 95),
    min_ms: times.length ? Math.min(...times) : NaN,
    mean_ms: mean(times),
  };
}
