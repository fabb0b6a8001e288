#!/usr/bin/env bash
# Builds the offline test image benchtop-test/pytorch: benchtop-test/jupyterlab plus Debian bookworm's
# CPU PyTorch (python3-torch 1.13). PyPI's Linux torch wheel pulls the CUDA libraries (gigabytes);
# Debian's build is CPU-only. The .deb files are fetched on the host with apt-get download (the list
# of what the image lacks is computed by apt inside the image, reading the host's package lists),
# then installed with dpkg in a container with no network and committed. Reuses the image when
# present (--rebuild to force). Needs a Debian bookworm host with apt (apt-get update done).
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=benchtop-test/pytorch
BASE=benchtop-test/jupyterlab
DEBS=$PWD/.whl/pytorch-debs
if docker image inspect "$IMAGE" >/dev/null 2>&1 && [ "${1:-}" != "--rebuild" ]; then
  echo "$IMAGE is present"
  exit 0
fi
docker image inspect "$BASE" >/dev/null 2>&1 || bash scripts/build-jupyterlab-image.sh
command -v apt-get >/dev/null && grep -qs bookworm /etc/os-release || {
  echo "build-pytorch-image: needs a Debian bookworm host with apt-get (the image takes Debian's python3-torch)" >&2
  exit 1
}
[ -n "$(ls /var/lib/apt/lists/*_Packages* 2>/dev/null)" ] || apt-get update -qq
start=$(date +%s)
# What the image lacks for python3-torch, as name=version (apt inside the image, host's lists).
mapfile -t wanted < <(docker run --rm --network none -v /var/lib/apt/lists:/var/lib/apt/lists:ro "$BASE" \
  apt-get install -s -qq --no-install-recommends python3-torch | awk '/^Inst /{gsub(/[()]/,"",$3); print $2"="$3}')
[ ${#wanted[@]} -gt 0 ] || { echo "build-pytorch-image: apt found nothing to install for python3-torch" >&2; exit 1; }
rm -rf "$DEBS" && mkdir -p "$DEBS"
(cd "$DEBS" && apt-get download -qq -o APT::Sandbox::User=root "${wanted[@]}")
name=benchtop-build-pytorch-$$
trap 'docker rm -f "$name" >/dev/null 2>&1 || true' EXIT
docker run --name "$name" --network none -e DEBIAN_FRONTEND=noninteractive -v "$DEBS":/debs:ro "$BASE" \
  sh -c 'dpkg -i /debs/*.deb >/tmp/dpkg.log 2>&1 || { tail -20 /tmp/dpkg.log; exit 1; }; rm -f /tmp/dpkg.log; python3 -c "import torch; print(\"torch\", torch.__version__)"'
docker commit --change 'CMD ["/usr/local/bin/start-notebook.sh"]' --change 'LABEL benchtop.test=1' "$name" "$IMAGE" >/dev/null
echo "build-pytorch-image: built $IMAGE in $(( $(date +%s) - start )) s ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'), ${#wanted[@]} Debian packages)"
