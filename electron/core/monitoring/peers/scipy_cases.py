"""Seeded cases and SciPy's answers for the monitoring parity test (test-only peer).

Prints JSON: for each case the two samples (numbers, and category counts) and
scipy.stats.ks_2samp (method 'auto'), scipy.stats.chisquare (Evidently's expected counts),
scipy.stats.wasserstein_distance and scipy.spatial.distance.jensenshannon; plus kstwo.sf points.
"""
import json
import sys

import numpy as np
from scipy import stats
from scipy.spatial import distance

SIZES = [
    (30, 30), (31, 47), (100, 100), (120, 80), (250, 400), (500, 500), (999, 1001), (1000, 1000),
    (64, 1500), (2000, 3000), (5000, 7000), (10000, 10000), (300, 12000), (800, 25000), (15000, 20000),
]


def sample(rng, kind, n, shift):
    if kind == 0:
        return rng.normal(shift, 1.0, n)
    if kind == 1:
        return np.round(rng.normal(shift, 2.0, n), 1)  # ties
    if kind == 2:
        return rng.exponential(1.0 + shift, n)
    return rng.integers(0, 12, n).astype(float) + (shift > 0.2) * (rng.random(n) < 0.2)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    cases = []
    for seed in range(count):
        rng = np.random.default_rng(1000 + seed)
        n1, n2 = SIZES[seed % len(SIZES)]
        kind = seed % 4
        shift = [0.0, 0.05, 0.2, 0.5][(seed // 4) % 4]
        a = sample(rng, kind, n1, 0.0)
        b = sample(rng, kind, n2, shift)
        ks = stats.ks_2samp(a, b)
        k = 3 + seed % 8
        pa = rng.dirichlet(np.ones(k))
        pb = (pa + shift * rng.dirichlet(np.ones(k))) / (1 + shift)
        ca = rng.multinomial(n1, pa).astype(float)
        cb = rng.multinomial(n2, pb).astype(float)
        keep = (ca + cb) > 0
        ca, cb = ca[keep], cb[keep]
        with np.errstate(divide="ignore", invalid="ignore"):
            chi = stats.chisquare(cb, ca * (n2 / n1)) if (ca > 0).all() else None
        cases.append({
            "seed": seed,
            "a": a.tolist(),
            "b": b.tolist(),
            "ks": {"statistic": float(ks.statistic), "pvalue": float(ks.pvalue)},
            "wasserstein": float(stats.wasserstein_distance(a, b)),
            "wassersteinNorm": float(stats.wasserstein_distance(a, b) / max(float(np.std(a)), 0.001)),
            "countsA": ca.tolist(),
            "countsB": cb.tolist(),
            "chisquare": None if chi is None else {"statistic": float(chi.statistic), "pvalue": float(chi.pvalue)},
            "jensenshannon": float(distance.jensenshannon(ca / n1, cb / n2)),
        })
    kstwo = []
    for n in [5, 20, 60, 140, 141, 400, 1000, 5000, 100000]:
        for x in [0.01, 0.03, 0.05, 0.08, 0.12, 0.2, 0.35, 0.6, 0.9]:
            kstwo.append({"n": n, "x": x, "sf": float(stats.kstwo.sf(x, n))})
    json.dump({"cases": cases, "kstwo": kstwo}, sys.stdout)


main()
