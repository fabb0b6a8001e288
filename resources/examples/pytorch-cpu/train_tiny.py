"""Trains a tiny network on CPU for one epoch: the PyTorch template's smoke test.

Data: scikit-learn's bundled digits (8x8 images, offline). Logs the loss per batch with MLflow when
MLFLOW_TRACKING_URI is set (Benchtop sets it for the environments it starts once tracking is on),
and always prints it, one JSON line per batch, then a summary line.
"""
import json
import os

import torch
from sklearn.datasets import load_digits

torch.manual_seed(0)
torch.set_num_threads(1)
digits = load_digits()
x = torch.tensor(digits.data, dtype=torch.float32) / 16.0
y = torch.tensor(digits.target, dtype=torch.long)
order = torch.randperm(len(x))
x, y = x[order], y[order]
model = torch.nn.Sequential(torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10))
optimiser = torch.optim.SGD(model.parameters(), lr=0.5)
loss_fn = torch.nn.CrossEntropyLoss()

mlflow = None
if os.environ.get("MLFLOW_TRACKING_URI"):
    import mlflow  # noqa: F811  (only when a tracking server is there to receive the curve)

    mlflow.start_run(run_name="pytorch-cpu-tiny")

batch, losses = 32, []
for step, start in enumerate(range(0, len(x), batch)):
    optimiser.zero_grad()
    loss = loss_fn(model(x[start : start + batch]), y[start : start + batch])
    loss.backward()
    optimiser.step()
    losses.append(loss.item())
    print(json.dumps({"step": step, "loss": round(loss.item(), 4)}), flush=True)
    if mlflow:
        mlflow.log_metric("loss", loss.item(), step=step)

with torch.no_grad():
    accuracy = (model(x).argmax(dim=1) == y).float().mean().item()
if mlflow:
    mlflow.log_metric("train_accuracy", accuracy)
    mlflow.end_run()
print(json.dumps({"epoch": 1, "batches": len(losses), "first_loss": losses[0], "last_loss": losses[-1], "accuracy": accuracy, "torch": torch.__version__, "cuda": torch.cuda.is_available()}))
