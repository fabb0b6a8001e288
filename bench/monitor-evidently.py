"""Times Evidently 0.7's default DataDriftPreset on two CSV files already loaded with pandas
(bench/monitor.ts). Prints JSON: {seconds, share, columns: {name: [method, score]}}."""
import json
import sys
import time

import pandas as pd
from evidently import Report
from evidently.presets import DataDriftPreset

reference = pd.read_csv(sys.argv[1])
current = pd.read_csv(sys.argv[2])
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
times = []
for _ in range(runs):
    start = time.perf_counter()
    snapshot = Report([DataDriftPreset()]).run(current, reference)
    result = snapshot.dict()
    times.append(time.perf_counter() - start)
columns = {}
share = None
for metric in result["metrics"]:
    config = metric["config"]
    if config["type"].endswith("DriftedColumnsCount"):
        share = metric["value"]["share"]
    else:
        columns[config["column"]] = [config["method"], float(metric["value"])]
json.dump({"seconds": sorted(times)[len(times) // 2], "share": share, "columns": columns}, sys.stdout)
