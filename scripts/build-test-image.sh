#!/usr/bin/env bash
# Builds benchtop-test/busybox (FROM scratch + Debian's static busybox) unless it exists.
set -euo pipefail
image=benchtop-test/busybox
docker image inspect "$image" >/dev/null 2>&1 && exit 0
ldd /bin/busybox >/dev/null 2>&1 && { echo "build-test-image: /bin/busybox is not static: apt-get install -y busybox-static" >&2; exit 1; }
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
cp "$(dirname "$0")/test-images/busybox/Dockerfile" "$ctx/"
cp /bin/busybox "$ctx/busybox"
DOCKER_BUILDKIT=0 docker build -q -t "$image" "$ctx" >/dev/null
echo "build-test-image: built $image"
