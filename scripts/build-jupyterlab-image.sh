#!/usr/bin/env bash
# Builds the offline test image benchtop-test/jupyterlab over benchtop-test/python-ml: JupyterLab,
# mlflow-skinny and scikit-learn from PyPI wheels (cp311 manylinux, binary only, pinned with hashes
# in scripts/test-images/jupyterlab/requirements.txt) downloaded on the host into the git-ignored
# .whl/jupyterlab, then installed with --no-index in a docker build (containers have no network).
# Reuses the image when present (--rebuild to force). Needs benchtop-test/python-ml.
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=benchtop-test/jupyterlab
SRC=scripts/test-images/jupyterlab
WHEELS=.whl/jupyterlab
if docker image inspect "$IMAGE" >/dev/null 2>&1 && [ "${1:-}" != "--rebuild" ]; then
  echo "$IMAGE is present"
  exit 0
fi
docker image inspect benchtop-test/python-ml >/dev/null 2>&1 || bash scripts/build-python-ml-image.sh
python=$(command -v python3 || true)
[ -n "$python" ] && "$python" -m pip --version >/dev/null 2>&1 || {
  echo "build-jupyterlab-image: python3 with pip is needed on the host to download the wheels" >&2
  exit 1
}
mkdir -p "$WHEELS"
"$python" -m pip download -q --disable-pip-version-check --dest "$WHEELS" \
  --only-binary=:all: --no-deps --require-hashes \
  --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
  --platform linux_x86_64 --platform any \
  --python-version 3.11 --implementation cp --abi cp311 --abi abi3 --abi none \
  -r "$SRC/requirements.txt"
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
cp "$SRC/Dockerfile" "$SRC/start-notebook.sh" "$ctx/"
mkdir "$ctx/wheels"
cp "$SRC/requirements.txt" "$ctx/wheels/"
# Only the wheels the requirements name (the folder may hold older downloads).
while read -r spec; do
  name=${spec%%==*}; version=${spec#*==}
  pattern="$(echo "$name" | tr '-' '_' | tr '[:upper:]' '[:lower:]')-${version}-"
  found=$(find "$WHEELS" -maxdepth 1 -iname "${pattern}*.whl" | head -1)
  [ -n "$found" ] || { echo "build-jupyterlab-image: no wheel for $spec in $WHEELS" >&2; exit 1; }
  ln "$found" "$ctx/wheels/" 2>/dev/null || cp "$found" "$ctx/wheels/"
done < <(grep -oE '^[A-Za-z0-9_.-]+==[^ ]+' "$SRC/requirements.txt")
start=$(date +%s)
DOCKER_BUILDKIT=0 docker build -q --network none -t "$IMAGE" "$ctx" >/dev/null
echo "build-jupyterlab-image: built $IMAGE in $(( $(date +%s) - start )) s ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
