// How far two texts agree, as the article-extraction benchmark scores an extractor: word tokens (runs of
// letters, digits and underscore), runs of four consecutive tokens (shingles) counted with multiplicity;
// precision and recall of one text's shingles against the other's. `probe` uses it to compare a
// proposed body selector with the generic extractor; bench/article-set.ts to score against ground truth.

function shingles(text: string): Map<string, number> {
  const tokens = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const counts = new Map<string, number>();
  for (let i = 0; i + 4 <= tokens.length; i++) {
    const s = tokens.slice(i, i + 4).join(" ");
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return counts;
}

export interface Agreement {
  precision: number;
  recall: number;
}

/** `predicted` against `truth`; two texts with nothing to compare agree fully. */
export function shingleAgreement(predicted: string, truth: string): Agreement {
  const p = shingles(predicted);
  const t = shingles(truth);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [s, n] of p) {
    const m = t.get(s) ?? 0;
    tp += Math.min(n, m);
    fp += Math.max(0, n - m);
  }
  for (const [s, m] of t) fn += Math.max(0, m - (p.get(s) ?? 0));
  if (tp + fp + fn === 0) return { precision: 1, recall: 1 };
  return { precision: tp + fp === 0 ? 0 : tp / (tp + fp), recall: tp + fn === 0 ? 0 : tp / (tp + fn) };
}

export function shingleF1(predicted: string, truth: string): number {
  const { precision: p, recall: r } = shingleAgreement(predicted, truth);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}
