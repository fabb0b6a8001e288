#!/usr/bin/env bash
# Builds the offline test image benchtop-test/python-ml: Debian bookworm (minbase) with
# python3-sklearn and python3-pandas, made with debootstrap and `docker import` (no registry).
# Takes about 5 minutes and 1.2 GB; reuses the image when present (--rebuild to force).
set -euo pipefail
IMAGE=benchtop-test/python-ml
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
if docker image inspect "$IMAGE" >/dev/null 2>&1 && [ "${1:-}" != "--rebuild" ]; then
  echo "$IMAGE is present"
  exit 0
fi
if ! command -v debootstrap >/dev/null; then
  echo "debootstrap is missing: install it (apt-get install debootstrap) and run again" >&2
  exit 1
fi
DIR=$(mktemp -d /var/tmp/benchtop-python-ml.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
debootstrap --variant=minbase --include=python3-sklearn,python3-pandas bookworm "$DIR" "$MIRROR"
rm -rf "$DIR"/var/cache/apt/archives/*.deb "$DIR"/var/lib/apt/lists/*
tar -C "$DIR" -c . | docker import --change 'ENV PYTHONDONTWRITEBYTECODE=1' --change 'LABEL benchtop.test=1' - "$IMAGE"
echo "built $IMAGE"
