#!/usr/bin/env bash
# Builds an offline test image benchtop-test/NAME from scripts/test-images/NAME/: its Dockerfile
# (FROM benchtop-test/python-ml) and its requirements.txt, pinned with hashes. The wheels are
# downloaded on the host (CPython 3.11, manylinux, binary only, hashes required) into the
# git-ignored .whl/NAME/, then installed with --no-index in the image build: the container itself
# never reaches a registry. Reuses the image when present (--rebuild to force).
#   python-mlflow: the MLflow client (mlflow-skinny), for the tracking tests.
#   python-serve:  the test peers' scikit-learn stack, so a model saved by the real mlflow loads.
# Usage: scripts/build-wheels-image.sh NAME [--rebuild]
set -euo pipefail
cd "$(dirname "$0")/.."
NAME=${1:?usage: scripts/build-wheels-image.sh NAME [--rebuild]  (NAME: a folder of scripts/test-images)}
SPEC=scripts/test-images/$NAME
[ -f "$SPEC/Dockerfile" ] && [ -f "$SPEC/requirements.txt" ] || { echo "$SPEC needs a Dockerfile and a requirements.txt" >&2; exit 1; }
IMAGE=benchtop-test/$NAME
BASE=benchtop-test/python-ml
PIP_VERSION=23.2.1
if docker image inspect "$IMAGE" >/dev/null 2>&1 && [ "${2:-}" != "--rebuild" ]; then
  echo "$IMAGE is present"
  exit 0
fi
docker image inspect "$BASE" >/dev/null 2>&1 || bash scripts/build-python-ml-image.sh
host_python=$(command -v python3.11 || command -v python3)
pip=("$host_python" -m pip)
if [ -x .venv-peers/bin/pip ]; then pip=(.venv-peers/bin/pip); fi
context=$(mktemp -d "/var/tmp/benchtop-$NAME.XXXXXX")
trap 'rm -rf "$context"' EXIT
wheels=.whl/$NAME
mkdir -p "$wheels"
"${pip[@]}" download -q --disable-pip-version-check --no-deps --require-hashes --only-binary=:all: \
  --python-version 3.11 --implementation cp --abi cp311 --abi abi3 --abi none \
  --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 --platform any \
  -r "$SPEC/requirements.txt" -d "$wheels"
"${pip[@]}" download -q --disable-pip-version-check --no-deps --only-binary=:all: "pip==$PIP_VERSION" -d "$wheels"
mkdir -p "$context/wheels"
cp "$wheels"/*.whl "$context/wheels/"
mv "$context/wheels/pip-$PIP_VERSION-py3-none-any.whl" "$context/wheels/pip.whl"
cp "$SPEC/requirements.txt" "$SPEC/Dockerfile" "$context/"
docker build -q --network none -t "$IMAGE" "$context"
echo "built $IMAGE"
