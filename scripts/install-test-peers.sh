#!/usr/bin/env bash
# Installs the test-only Python peers (the real MLflow client and server, SciPy, Evidently) into the
# git-ignored virtualenv .venv-peers, pinned with hashes in scripts/test-peers/requirements.txt.
# They are references the tests compare Benchtop with; the app never needs Python.
# Reinstalls only when requirements.txt changes.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-peers
requirements=scripts/test-peers/requirements.txt
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && "$venv/bin/python" -c 'import mlflow, scipy, evidently' 2>/dev/null; then
  echo "test peers: present ($venv)"
  exit 0
fi
python=$(command -v python3.11 || command -v python3 || true)
if [ -z "$python" ] || ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 python3-venv >/dev/null
    python=$(command -v python3)
  else
    echo "test peers: Python 3.11 with venv is missing: install python3 and python3-venv, then rerun" >&2
    exit 1
  fi
fi
"$python" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' || {
  echo "test peers: $("$python" --version) found; the pinned requirements are for Python 3.11" >&2
  exit 1
}
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check --require-hashes --no-deps -r "$requirements"
echo "$want" > "$stamp"
echo "test peers: installed $("$venv/bin/python" -c 'import mlflow, scipy, evidently; print(f"mlflow {mlflow.__version__}, scipy {scipy.__version__}, evidently {evidently.__version__}")')"
