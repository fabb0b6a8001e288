"""The real MLflow client against Benchtop's tracking server (MLFLOW_TRACKING_URI/TOKEN from the
environment). `python client_scenarios.py SCENARIO [ARGS…]` prints one JSON line with what the client
saw; electron/core/tracking/tracking-server.int.test.ts asserts on it."""

import json
import math
import os
import sys
import tempfile

import mlflow
from mlflow import MlflowClient
from mlflow.entities import Metric, Param, RunTag
from mlflow.exceptions import MlflowException


def error_code(fn):
    try:
        fn()
    except MlflowException as e:
        return e.error_code
    return "no error"


def tracking():
    client = MlflowClient()
    out = {}
    exp_id = mlflow.create_experiment("scenario", tags={"team": "vision"})
    out["experiment_by_name"] = client.get_experiment_by_name("scenario").experiment_id == exp_id
    mlflow.set_experiment("scenario")
    with mlflow.start_run(run_name="parent") as parent:
        mlflow.log_params({"lr": 0.01, "depth": 3})
        mlflow.log_param("lr", 0.01)  # same value again is allowed
        for step in range(10):
            mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
        mlflow.log_metric("acc", 0.9)
        mlflow.set_tag("stage", "first")
        mlflow.set_tag("stage", "second")
        mlflow.set_tag("tmp", "x")
        client.delete_tag(parent.info.run_id, "tmp")
        mlflow.log_dict({"layers": [1, 2]}, "config/model.json")
        tmp = tempfile.mkdtemp()
        with open(os.path.join(tmp, "notes.txt"), "w") as f:
            f.write("hello")
        os.makedirs(os.path.join(tmp, "plots"))
        with open(os.path.join(tmp, "plots", "a.csv"), "w") as f:
            f.write("x,y\n1,2\n")
        mlflow.log_artifact(os.path.join(tmp, "notes.txt"))
        mlflow.log_artifacts(tmp, artifact_path="bundle")
        for i in range(3):
            with mlflow.start_run(run_name=f"child-{i}", nested=True):
                mlflow.log_param("i", i)
                mlflow.log_metric("acc", 0.5 + i / 10)
    client.log_batch(
        parent.info.run_id,
        metrics=[Metric("batch", float(i), 1000 + i, i) for i in range(50)] + [Metric("weird", math.nan, 1, 0)],
        params=[Param("batch_param", "yes")],
        tags=[RunTag("batch_tag", "yes")],
    )
    run = client.get_run(parent.info.run_id)
    out["params"] = run.data.params
    out["metrics"] = {k: (None if math.isnan(v) else v) for k, v in run.data.metrics.items()}
    out["tags"] = {k: v for k, v in run.data.tags.items() if not k.startswith("mlflow.source")}
    out["status"] = run.info.status
    out["history"] = [(m.step, m.value) for m in client.get_metric_history(parent.info.run_id, "loss")]
    out["artifacts_root"] = sorted(f.path for f in client.list_artifacts(parent.info.run_id))
    out["artifacts_bundle"] = sorted((f.path, f.is_dir) for f in client.list_artifacts(parent.info.run_id, "bundle"))
    local = mlflow.artifacts.download_artifacts(run_id=parent.info.run_id, artifact_path="bundle")
    files = []
    for root, _, names in os.walk(local):
        for name in names:
            with open(os.path.join(root, name)) as f:
                files.append((os.path.relpath(os.path.join(root, name), local), f.read()))
    out["downloaded"] = sorted(files)
    out["config"] = mlflow.artifacts.load_dict(f"runs:/{parent.info.run_id}/config/model.json")

    children = mlflow.search_runs(
        experiment_ids=[exp_id],
        filter_string=f"tags.mlflow.parentRunId = '{parent.info.run_id}' and metrics.acc >= 0.6",
        order_by=["metrics.acc DESC"],
    )
    out["children_filtered"] = list(children["tags.mlflow.runName"])
    out["children_all"] = len(client.search_runs([exp_id], f"tags.mlflow.parentRunId = '{parent.info.run_id}'"))
    out["by_param"] = [r.info.run_name for r in client.search_runs([exp_id], "params.i = '2'")]
    out["by_name_like"] = sorted(r.info.run_name for r in client.search_runs([exp_id], "attributes.run_name LIKE 'child-%'"))
    page1 = client.search_runs([exp_id], max_results=2, order_by=["attributes.run_name ASC"])
    page2 = client.search_runs([exp_id], max_results=2, order_by=["attributes.run_name ASC"], page_token=page1.token)
    out["pages"] = [[r.info.run_name for r in page1], [r.info.run_name for r in page2]]

    child_id = client.search_runs([exp_id], "attributes.run_name = 'child-0'")[0].info.run_id
    client.delete_run(child_id)
    out["after_delete"] = len(client.search_runs([exp_id]))
    out["deleted_only"] = len(client.search_runs([exp_id], run_view_type=mlflow.entities.ViewType.DELETED_ONLY))
    client.restore_run(child_id)
    out["after_restore"] = len(client.search_runs([exp_id]))

    other = client.create_experiment("to-delete")
    client.rename_experiment(other, "renamed")
    client.delete_experiment(other)
    out["deleted_experiment_stage"] = client.get_experiment(other).lifecycle_stage
    client.restore_experiment(other)
    out["restored_experiment"] = client.get_experiment_by_name("renamed").lifecycle_stage
    out["experiments"] = sorted(e.name for e in client.search_experiments())
    out["experiments_filtered"] = [e.name for e in client.search_experiments(filter_string="tags.team = 'vision'")]
    out["run_id"] = parent.info.run_id
    out["experiment_id"] = exp_id
    return out


class Doubler(mlflow.pyfunc.PythonModel):
    def predict(self, context, model_input):
        return model_input * 2


def models():
    import pandas as pd

    client = MlflowClient()
    out = {}
    mlflow.set_experiment("models")
    with mlflow.start_run() as run:
        mlflow.log_metric("rmse", 0.25)
        mlflow.log_param("alpha", "0.5")
        info = mlflow.pyfunc.log_model(name="doubler", python_model=Doubler(), pip_requirements=[])
    out["model_id"] = info.model_id
    logged = client.get_logged_model(info.model_id)
    out["logged_status"] = str(logged.status)
    out["logged_source_run"] = logged.source_run_id == run.info.run_id
    out["logged_search"] = [m.model_id for m in client.search_logged_models(experiment_ids=[run.info.experiment_id])]
    client.set_logged_model_tags(info.model_id, {"quality": "good"})
    out["logged_tags"] = client.get_logged_model(info.model_id).tags
    version = mlflow.register_model(info.model_uri, "doubler")
    out["version"] = version.version
    second = mlflow.register_model(f"runs:/{run.info.run_id}/doubler", "doubler")
    out["second_version"] = second.version
    client.set_registered_model_alias("doubler", "champion", version.version)
    out["alias_version"] = client.get_model_version_by_alias("doubler", "champion").version
    out["registered_aliases"] = client.get_registered_model("doubler").aliases
    client.set_model_version_tag("doubler", version.version, "validated", "true")
    out["version_tags"] = client.get_model_version("doubler", version.version).tags
    out["versions_of_run"] = sorted(v.version for v in client.search_model_versions(f"run_id = '{run.info.run_id}'"))
    model = mlflow.pyfunc.load_model("models:/doubler@champion")
    out["prediction"] = model.predict(pd.DataFrame({"x": [1, 2]}))["x"].tolist()
    out["registered_search"] = [m.name for m in client.search_registered_models(filter_string="name LIKE 'doub%'")]
    client.delete_registered_model_alias("doubler", "champion")
    out["alias_after_delete"] = error_code(lambda: client.get_model_version_by_alias("doubler", "champion"))
    out["run_id"] = run.info.run_id
    return out


def errors():
    client = MlflowClient()
    run = client.create_run("0")
    rid = run.info.run_id
    client.log_param(rid, "p", "1")
    out = {
        "missing_run": error_code(lambda: client.get_run("0123456789abcdef0123456789abcdef")),
        "missing_experiment": error_code(lambda: client.get_experiment("987654")),
        "missing_experiment_by_name": str(client.get_experiment_by_name("no such experiment")),
        "duplicate_experiment": error_code(lambda: (client.create_experiment("dup"), client.create_experiment("dup"))),
        "param_changed": error_code(lambda: client.log_param(rid, "p", "2")),
        "param_same": error_code(lambda: client.log_param(rid, "p", "1")),
        "bad_metric_key": error_code(lambda: client.log_metric(rid, "../escape", 1.0)),
        "bad_filter": error_code(lambda: client.search_runs(["0"], "metrics.acc > 'high'")),
        "or_filter": error_code(lambda: client.search_runs(["0"], "metrics.a > 1 or metrics.b > 1")),
        "missing_model": error_code(lambda: client.get_registered_model("no-such-model")),
        "missing_version": error_code(lambda: (client.create_registered_model("errs"), client.get_model_version("errs", "7"))),
        "duplicate_model": error_code(lambda: client.create_registered_model("errs")),
        "missing_logged_model": error_code(lambda: client.get_logged_model("m-00000000000000000000000000000000")),
        "delete_missing_tag": error_code(lambda: client.delete_tag(rid, "nope")),
        "long_param": error_code(lambda: client.log_batch(rid, params=[Param("long", "x" * 7000)])),
    }
    client.delete_run(rid)
    out["log_to_deleted"] = error_code(lambda: client.log_metric(rid, "m", 1.0))
    return out


def auth(run_id, other_run_id, experiment_id):
    """Run with a run-scoped token: its run (and children) are writable, another run is not."""
    client = MlflowClient()
    out = {}
    client.log_metric(run_id, "ok", 1.0)
    out["own_run"] = "written"
    out["other_run"] = error_code(lambda: client.log_metric(other_run_id, "bad", 1.0))
    out["other_run_param"] = error_code(lambda: client.log_param(other_run_id, "bad", "1"))
    out["create_experiment"] = error_code(lambda: client.create_experiment("not-mine"))
    out["top_level_run"] = error_code(lambda: client.create_run(experiment_id))
    child = client.create_run(experiment_id, tags={"mlflow.parentRunId": run_id})
    client.log_metric(child.info.run_id, "child_ok", 2.0)
    out["child_run"] = "written"
    out["read_default_experiment"] = error_code(lambda: client.get_experiment("0"))
    out["read_own_experiment"] = client.get_experiment(experiment_id).experiment_id == experiment_id
    # The fluent API attaches to the run named by MLFLOW_RUN_ID, as a step's script would.
    os.environ["MLFLOW_RUN_ID"] = run_id
    with mlflow.start_run() as active:
        mlflow.log_metric("fluent", 3.0, step=1)
        out["fluent_run"] = active.info.run_id == run_id
    return out


def bad_token():
    client = MlflowClient()
    return {"code": error_code(lambda: client.search_experiments())}


def writer(run_id, index, points):
    """One of several concurrent writers: `points` metric points, in batches and one by one."""
    client = MlflowClient()
    key = f"w{index}"
    batch = [Metric(key, float(i), 1_000_000 + i, i) for i in range(points // 2)]
    for start in range(0, len(batch), 200):
        client.log_batch(run_id, metrics=batch[start : start + 200])
    for i in range(points // 2, points):
        client.log_metric(run_id, key, float(i), timestamp=1_000_000 + i, step=i)
    client.log_param(run_id, f"writer{index}", "done")
    return {"key": key, "points": points}


def view():
    """What search_runs shows over every experiment (the tracking URI: a server, or an exported folder)."""
    client = MlflowClient()
    runs = []
    experiments = {e.experiment_id: e.name for e in client.search_experiments(view_type=mlflow.entities.ViewType.ALL)}
    frame = mlflow.search_runs(experiment_ids=list(experiments), run_view_type=mlflow.entities.ViewType.ALL, output_format="list")
    for run in frame:

        def walk(path=None):
            out = []
            for f in client.list_artifacts(run.info.run_id, path):
                out.extend(walk(f.path) if f.is_dir else [(f.path, f.file_size)])
            return out

        runs.append(
            {
                "run_id": run.info.run_id,
                "experiment": experiments[run.info.experiment_id],
                "run_name": run.info.run_name,
                "status": run.info.status,
                "lifecycle_stage": run.info.lifecycle_stage,
                "start_time": run.info.start_time,
                "end_time": run.info.end_time,
                "params": run.data.params,
                "metrics": {k: (None if math.isnan(v) else v) for k, v in run.data.metrics.items()},
                "tags": run.data.tags,
                "history": {k: sorted((m.step, m.timestamp, None if math.isnan(m.value) else m.value) for m in client.get_metric_history(run.info.run_id, k)) for k in run.data.metrics},
                "artifacts": sorted(walk()),
            }
        )
    return {"runs": sorted(runs, key=lambda r: r["run_id"]), "experiments": sorted(experiments.values())}


def write_db(folder):
    """An mlflow.db (and its mlruns artifacts) written by the real MLflow: runs, a model, the registry."""
    os.chdir(folder)
    mlflow.set_tracking_uri(f"sqlite:///{folder}/mlflow.db")
    client = MlflowClient()
    mlflow.set_experiment("written-by-mlflow")
    with mlflow.start_run(run_name="train") as run:
        mlflow.log_params({"alpha": "0.1", "layers": "3"})
        for step in range(5):
            mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
        mlflow.log_dict({"k": "v"}, "config.json")
        with mlflow.start_run(run_name="child", nested=True):
            mlflow.log_metric("acc", 0.75)
        info = mlflow.pyfunc.log_model(name="doubler", python_model=Doubler(), pip_requirements=[])
    version = mlflow.register_model(info.model_uri, "from-mlflow-db")
    client.set_registered_model_alias("from-mlflow-db", "champion", version.version)
    client.set_model_version_tag("from-mlflow-db", version.version, "stage", "test")
    return {"run_id": run.info.run_id, "model_id": info.model_id, "version": version.version}


if __name__ == "__main__":
    scenario = sys.argv[1]
    args = sys.argv[2:]
    scenarios = {"tracking": tracking, "models": models, "errors": errors, "auth": auth, "bad_token": bad_token, "writer": writer, "view": view, "write_db": write_db}
    result = scenarios[scenario](*[int(a) if a.isdigit() and scenario == "writer" else a for a in args])
    print(json.dumps(result, default=str))
