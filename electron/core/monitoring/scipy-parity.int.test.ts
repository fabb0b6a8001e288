/**
 * Parity with SciPy (the real scipy 1.17 from .venv-peers, run as a child process): on 50 seeded
 * cases the KS statistic and p-value (method 'auto', exact and asymptotic), chi-squared,
 * Wasserstein (raw and normalised as Evidently) and Jensen–Shannon agree to 1e-9.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chiSquareTest, jensenShannonDistance, normalisedWasserstein, wassersteinDistance } from '../../../shared/monitoring/drift-tests.ts';
import { kolmogorovSurvival } from '../../../shared/monitoring/kolmogorov.ts';
import { ksTwoSample } from '../../../shared/monitoring/ks-two-sample.ts';
import { peerPython, runPeer } from './python-peer.ts';

interface Case {
  seed: number;
  a: number[];
  b: number[];
  ks: { statistic: number; pvalue: number };
  wasserstein: number;
  wassersteinNorm: number;
  countsA: number[];
  countsB: number[];
  chisquare: { statistic: number; pvalue: number } | null;
  jensenshannon: number;
}

const python = peerPython();
const TOLERANCE = 1e-9;

describe.skipIf(!python)('drift statistics agree with SciPy', () => {
  let peer: { cases: Case[]; kstwo: { n: number; x: number; sf: number }[] };
  beforeAll(async () => {
    peer = await runPeer(python as string, join(import.meta.dirname, 'peers', 'scipy_cases.py'), ['50']);
  }, 120_000);

  it('50 seeded cases: KS, chi-squared, Wasserstein, Jensen–Shannon to 1e-9', () => {
    expect(peer.cases).toHaveLength(50);
    let asymptotic = 0;
    let exact = 0;
    for (const c of peer.cases) {
      const a = Float64Array.from(c.a).sort();
      const b = Float64Array.from(c.b).sort();
      const ks = ksTwoSample(a, b);
      if (ks.method === 'asymp') asymptotic++;
      else exact++;
      expect(Math.abs(ks.statistic - c.ks.statistic), `seed ${c.seed} KS D`).toBeLessThan(TOLERANCE);
      expect(Math.abs(ks.pValue - c.ks.pvalue), `seed ${c.seed} KS p (${ks.method}, n=${a.length},${b.length})`).toBeLessThan(TOLERANCE);
      expect(Math.abs(wassersteinDistance(a, b) - c.wasserstein), `seed ${c.seed} Wasserstein`).toBeLessThan(TOLERANCE);
      expect(Math.abs(normalisedWasserstein(a, b) - c.wassersteinNorm), `seed ${c.seed} normalised Wasserstein`).toBeLessThan(TOLERANCE);
      const nA = c.countsA.reduce((s, v) => s + v, 0);
      const nB = c.countsB.reduce((s, v) => s + v, 0);
      if (c.chisquare) {
        const chi = chiSquareTest(c.countsA, c.countsB, nA, nB);
        expect(Math.abs(chi.statistic - c.chisquare.statistic) / Math.max(1, c.chisquare.statistic), `seed ${c.seed} chi² statistic`).toBeLessThan(TOLERANCE);
        expect(Math.abs((chi.pValue as number) - c.chisquare.pvalue), `seed ${c.seed} chi² p`).toBeLessThan(TOLERANCE);
      }
      const js = jensenShannonDistance(
        c.countsA.map((v) => v / nA),
        c.countsB.map((v) => v / nB),
      );
      expect(Math.abs(js - c.jensenshannon), `seed ${c.seed} Jensen–Shannon`).toBeLessThan(TOLERANCE);
    }
    expect(asymptotic).toBeGreaterThan(0);
    expect(exact).toBeGreaterThan(0);
  });

  it('the Kolmogorov distribution (kstwo.sf) in every region SciPy distinguishes', () => {
    for (const point of peer.kstwo) {
      expect(Math.abs(kolmogorovSurvival(point.n, point.x) - point.sf), `n=${point.n} x=${point.x}`).toBeLessThan(TOLERANCE);
    }
  });
});
