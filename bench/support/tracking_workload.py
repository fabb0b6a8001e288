"""The tracking benchmark's client workload, the same against both servers (MLFLOW_TRACKING_URI and
MLFLOW_TRACKING_TOKEN from the environment). `python tracking_workload.py PHASE ARGS…` prints one
JSON line of timings in milliseconds.

  log-batch EXPERIMENT RUNS POINTS      RUNS runs, each one log_batch of POINTS metric points
  search EXPERIMENT FILTER SAMPLES      search_runs with FILTER (max_results=1000), SAMPLES times
  history RUN KEY SAMPLES               get_metric_history(RUN, KEY), SAMPLES times
  seed-mlflow DB EXPERIMENT RUNS HISTORY_RUN POINTS
                                        fills MLflow's own SQLite (what the searches and the history
                                        read) directly, as the node side fills Benchtop's: seeding
                                        is not what is measured.
"""

import json
import sqlite3
import sys
import time
import uuid

from mlflow import MlflowClient
from mlflow.entities import Metric


def log_batch(experiment_id, runs, points):
    client = MlflowClient()
    samples = []
    for r in range(int(runs)):
        run = client.create_run(experiment_id)
        metrics = [Metric("loss", 1.0 / (i + 1), 1_700_000_000_000 + i, i) for i in range(int(points))]
        start = time.perf_counter()
        client.log_batch(run.info.run_id, metrics=metrics)
        samples.append((time.perf_counter() - start) * 1000)
        client.set_terminated(run.info.run_id)
    return {"samples": samples}


def search(experiment_id, filter_string, count):
    client = MlflowClient()
    samples = []
    found = 0
    for _ in range(int(count)):
        start = time.perf_counter()
        runs = client.search_runs([experiment_id], filter_string, max_results=1000)
        samples.append((time.perf_counter() - start) * 1000)
        found = len(runs)
    return {"samples": samples, "found": found}


def history(run_id, key, count):
    client = MlflowClient()
    samples = []
    points = 0
    for _ in range(int(count)):
        start = time.perf_counter()
        metrics = client.get_metric_history(run_id, key)
        samples.append((time.perf_counter() - start) * 1000)
        points = len(metrics)
    return {"samples": samples, "points": points}


def seed_mlflow(db, experiment_id, runs, history_run, points):
    """Runs with an `acc` metric (the same values as the node side writes) and one run with a long `loss` history."""
    con = sqlite3.connect(db)
    now = 1_700_000_000_000
    run_rows, tag_rows, metric_rows, latest_rows = [], [], [], []
    for i in range(int(runs)):
        run_id = uuid.uuid4().hex
        acc = ((i * 7919) % 10000) / 10000
        run_rows.append((run_id, f"run-{i}", "UNKNOWN", "", "", "bench", "FINISHED", now + i, now + i + 1, "", "active", f"mlflow-artifacts:/{experiment_id}/{run_id}/artifacts", int(experiment_id)))
        tag_rows.append(("mlflow.runName", f"run-{i}", run_id))
        metric_rows.append(("acc", acc, now + i, run_id, 0, 0))
        latest_rows.append(("acc", acc, now + i, 0, 0, run_id))
    run_rows.append((history_run, "history", "UNKNOWN", "", "", "bench", "FINISHED", now, now + 1, "", "active", f"mlflow-artifacts:/{experiment_id}/{history_run}/artifacts", int(experiment_id)))
    con.executemany(
        "INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        run_rows,
    )
    con.executemany("INSERT INTO tags (key, value, run_uuid) VALUES (?,?,?)", tag_rows)
    con.executemany("INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?,?,?,?,?,?)", metric_rows)
    con.executemany("INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES (?,?,?,?,?,?)", latest_rows)
    history_rows = [("loss", 1.0 / (i + 1), now + i, history_run, i, 0) for i in range(int(points))]
    con.executemany("INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?,?,?,?,?,?)", history_rows)
    last = int(points) - 1
    con.execute("INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES (?,?,?,?,?,?)", ("loss", 1.0 / (last + 1), now + last, last, 0, history_run))
    con.commit()
    con.close()
    return {"runs": int(runs), "points": int(points)}


if __name__ == "__main__":
    phase, args = sys.argv[1], sys.argv[2:]
    result = {"log-batch": log_batch, "search": search, "history": history, "seed-mlflow": seed_mlflow}[phase](*args)
    print(json.dumps(result))
