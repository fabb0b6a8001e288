#!/usr/bin/env bash
# Builds the offline test image benchtop-test/python-serve: benchtop-test/python-ml plus the same
# scikit-learn, numpy, pandas and cloudpickle as the test peers' virtualenv (pinned in
# scripts/test-images/python-serve/requirements.txt), so that a model saved by the real mlflow in
# .venv-peers loads in a container (the serving parity test and bench/serve). The wheels are
# downloaded on the host (CPython 3.11, manylinux, binary only) into the git-ignored
# .whl/python-serve/, then installed with --no-index: the container never reaches a registry.
# Reuses the image when present (--rebuild to force). Needs benchtop-test/python-ml.
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=benchtop-test/python-serve
BASE=benchtop-test/python-ml
PIP_VERSION=23.2.1
if docker image inspect "$IMAGE" >/dev/null 2>&1 && [ "${1:-}" != "--rebuild" ]; then
  echo "$IMAGE is present"
  exit 0
fi
docker image inspect "$BASE" >/dev/null 2>&1 || bash scripts/build-python-ml-image.sh
host_python=$(command -v python3.11 || command -v python3)
pip=("$host_python" -m pip)
if [ -x .venv-peers/bin/pip ]; then pip=(.venv-peers/bin/pip); fi
context=$(mktemp -d /var/tmp/benchtop-python-serve.XXXXXX)
trap 'rm -rf "$context"' EXIT
wheels=.whl/python-serve
mkdir -p "$wheels"
"${pip[@]}" download -q --disable-pip-version-check --no-deps --only-binary=:all: \
  --python-version 3.11 --implementation cp --abi cp311 --abi abi3 --abi none \
  --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 --platform any \
  -r scripts/test-images/python-serve/requirements.txt -d "$wheels"
"${pip[@]}" download -q --disable-pip-version-check --no-deps --only-binary=:all: "pip==$PIP_VERSION" -d "$wheels"
mkdir -p "$context/wheels"
cp "$wheels"/*.whl "$context/wheels/"
mv "$context/wheels/pip-$PIP_VERSION-py3-none-any.whl" "$context/wheels/pip.whl"
cp scripts/test-images/python-serve/requirements.txt scripts/test-images/python-serve/Dockerfile "$context/"
docker build -q --network none -t "$IMAGE" "$context"
echo "built $IMAGE"
