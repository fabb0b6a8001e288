"""Seeded reference/current frames and Evidently 0.7's default DataDriftPreset verdicts (test-only peer).

Writes case-N-reference.csv / case-N-current.csv into the folder given as argv[1] and prints JSON:
per case, per column Evidently's method, score and drift verdict, and the dataset verdict.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from evidently import Report
from evidently.presets import DataDriftPreset

# Reference sizes around Evidently's 1,000-row switch (KS/chi-squared below, Wasserstein/JS above).
REFERENCE_ROWS = [200, 999, 1000, 1001, 1000, 1001, 600, 3000, 1200, 5000]
METHOD = {
    "K-S p_value": ("ks", "p_le"),
    "chi-square p_value": ("chisquare", "p_lt"),
    "Z-test p_value": ("ztest", "p_lt"),
    "Wasserstein distance (normed)": ("wasserstein", "d_ge"),
    "Jensen-Shannon distance": ("jensenshannon", "d_ge"),
}


def frame(rng, n, shifts):
    s = lambda name: shifts.get(name, 0.0)
    cats = np.array(["red", "green", "blue", "amber", "violet"])
    p = np.array([0.35, 0.25, 0.2, 0.15, 0.05])
    q = (p + s("colour") * np.array([-0.3, 0.0, 0.1, 0.1, 0.1]))
    return pd.DataFrame({
        "income": rng.normal(50 + 10 * s("income"), 10, n),
        "age": rng.integers(18, 80, n) + (rng.random(n) < s("age")) * 15,
        "score": np.round(rng.beta(2 + 3 * s("score"), 5, n) * 4).astype(float),
        "tenure": rng.exponential(3 + 3 * s("tenure"), n),
        "colour": rng.choice(cats, n, p=q / q.sum()),
        "plan": rng.choice(["basic", "pro"], n, p=[0.7 - 0.3 * s("plan"), 0.3 + 0.3 * s("plan")]),
        "rating": rng.integers(1, 6, n) + (rng.random(n) < s("rating")),
    })


def main():
    folder = sys.argv[1]
    out = []
    names = ["income", "age", "score", "tenure", "colour", "plan", "rating"]
    for case, n_ref in enumerate(REFERENCE_ROWS):
        rng = np.random.default_rng(7000 + case)
        n_cur = int(n_ref * [1.0, 0.8, 1.3, 0.5][case % 4])
        drifting = rng.choice(names, size=[0, 2, 4, 5, 6, 7, 1, 4, 5, 3][case], replace=False)
        shifts = {name: float(rng.uniform(0.15, 0.8)) for name in drifting}
        ref = frame(rng, n_ref, {})
        cur = frame(rng, n_cur, shifts)
        ref_path = os.path.join(folder, f"case-{case}-reference.csv")
        cur_path = os.path.join(folder, f"case-{case}-current.csv")
        ref.to_csv(ref_path, index=False)
        cur.to_csv(cur_path, index=False)
        # Evidently sees the frames as read back from the CSV files, as Benchtop does.
        ref = pd.read_csv(ref_path)
        cur = pd.read_csv(cur_path)
        snapshot = Report([DataDriftPreset()]).run(cur, ref).dict()
        columns = {}
        share = None
        for metric in snapshot["metrics"]:
            config = metric["config"]
            if config["type"].endswith("DriftedColumnsCount"):
                share = metric["value"]["share"]
                continue
            test, rule = METHOD[config["method"]]
            value = float(metric["value"])
            threshold = float(config["threshold"])
            drifted = value <= threshold if rule == "p_le" else value < threshold if rule == "p_lt" else value >= threshold
            columns[config["column"]] = {"test": test, "score": value, "threshold": threshold, "drifted": bool(drifted)}
        out.append({
            "case": case,
            "referenceRows": n_ref,
            "currentRows": n_cur,
            "reference": ref_path,
            "current": cur_path,
            "columns": columns,
            "share": share,
            "datasetDrifted": bool(share >= 0.5),
        })
    json.dump(out, sys.stdout)


main()
