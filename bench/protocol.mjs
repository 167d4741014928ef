// The repeat protocol for warm timings, the same as bench/native_bench.cpp's: a first call, warm-up
// calls until WARMUP_MS has passed, then timed calls until MIN_TIME_MS has passed and at least
// minItersFor(first call) were made, at most MAX_ITERS. Small documents thus get many iterations,
// big ones few (one, for calls of a second or more).
import { summarize } from './stats.mjs';

/** Protocol constants; QUICK mode shortens them. */
export function protocolFor(quick) {
  return quick
    ? { warmupMs: 20, minTimeMs: 100, maxIters: 300 }
    : { warmupMs: 50, minTimeMs: 300, maxIters: 2000 };
}

/** Fewer repeats for slow documents, so a 50 MB file costs one call, not minutes: a call of a second
 *  or more is measured once (the first call is the sample: the engine is warm from the documents
 *  before), one of 200 ms or more twice. Same rule in native_bench.cpp. */
export function minItersFor(singleMs) {
  if (singleMs >= 1000) return 0;
  if (singleMs >= 200) return 2;
  return 5;
}

/**
 * Times `call` (sync or async) by the protocol. `onFirst(result, ms)` sees the first call's result.
 * Returns {first_ms, ...summarize(times)}.
 */
export async function measure(call, proto, onFirst) {
  let t = performance.now();
  let r = call();
  if (r && typeof r.then === 'function') r = await r;
  const firstMs = performance.now() - t;
  if (onFirst) await onFirst(r, firstMs);
  r = null;
  if (firstMs < proto.warmupMs) {
    const start = performance.now();
    while (performance.now() - start < proto.warmupMs) {
      const x = call();
      if (x && typeof x.then === 'function') await x;
    }
  }
  const minIters = minItersFor(firstMs);
  if (minIters === 0) return { first_ms: firstMs, ...summarize([firstMs]) };
  const times = [];
  const start = performance.now();
  while (times.length < minIters || (performance.now() - start < proto.minTimeMs && times.length < proto.maxIters)) {
    const a = performance.now();
    const x = call();
    if (x && typeof x.then === 'function') await x;
    times.push(performance.now() - a);
  }
  return { first_ms: firstMs, ...summarize(times) };
}

/** Code points in a string (UTF-8 code points on the native side). */
export function countChars(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** What an engine's warm time budget is counted per: the format; the scenarios and the generated
 *  scale documents have their own.
 *  Documents run smallest first, so a spent budget skips an engine's biggest documents. */
export function budgetBucket(doc) {
  if (doc.group === 'scale' || doc.group === 'scenario') return doc.group;
  return doc.format;
}
