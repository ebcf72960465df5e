// Interleaved timing: every contender is calibrated to a sample of about
// `sampleMs`, warmed up, then sampled once per round, rounds rotating the
// order. Results are medians over rounds; the ratio to the reference is the
// median of the per-round ratios (both timed in the same round, so a slow
// moment of this noisy machine hits both).

const now = () => process.hrtime.bigint();

/** Keeps results alive so the JIT cannot drop the work. */
export let sink = 0;

function time(fn, n) {
  const t0 = now();
  sink += fn(n) | 0;
  return Number(now() - t0);
}

/** Operations per sample so one sample takes about `sampleMs` (a multiple of `step`). */
function calibrate(fn, sampleMs, step) {
  let n = step;
  for (;;) {
    const ns = time(fn, n);
    if (ns >= sampleMs * 1e6 / 4 || n >= 1e9) {
      const per = ns / n;
      return Math.max(step, Math.round((sampleMs * 1e6) / per / step) * step);
    }
    n *= 4;
  }
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * contenders: [{ name, fn(n) -> number }], fn doing n operations.
 * Returns [{ name, ns, opsPerSec, ratio, samples, n }], ratio against `reference`.
 */
export function compare(contenders, { reference, rounds = 25, sampleMs = 20, warmupMs = 1000, step = 1 } = {}) {
  // Warm-up: interleaved short runs until each has had `warmupMs`.
  const spent = new Map(contenders.map((c) => [c.name, 0]));
  const warmN = new Map(contenders.map((c) => [c.name, step]));
  while ([...spent.values()].some((ms) => ms < warmupMs)) {
    for (const c of contenders) {
      if (spent.get(c.name) >= warmupMs) continue;
      const n = warmN.get(c.name);
      const ms = time(c.fn, n) / 1e6;
      spent.set(c.name, spent.get(c.name) + ms);
      if (ms < 5) warmN.set(c.name, n * 2);
    }
  }
  const ns = new Map(contenders.map((c) => [c.name, calibrate(c.fn, sampleMs, step)]));
  const samples = new Map(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(k + r) % contenders.length];
      const n = ns.get(c.name);
      samples.get(c.name).push(time(c.fn, n) / n);
    }
  }
  const ref = samples.get(reference);
  return contenders.map((c) => {
    const xs = samples.get(c.name);
    const med = median(xs);
    return {
      name: c.name,
      ns: med,
      opsPerSec: 1e9 / med,
      ratio: ref ? median(xs.map((x, i) => x / ref[i])) : null,
      spread: [Math.min(...xs), Math.max(...xs)],
      n: ns.get(c.name),
      rounds,
    };
  });
}
