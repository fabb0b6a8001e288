#!/usr/bin/env bash
# Makes this machine able to run Benchtop's tests: a Docker engine that answers, the offline test
# image, a static busybox and Chromium. Installs what is missing from Debian's packages when run
# as root on Debian; elsewhere says exactly what to install and fails.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'provision: %s\n' "$*"; }
fail() { printf 'provision: %s\n' "$*" >&2; exit 1; }

is_debian_root() { [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null; }

engine_answers() {
  if [ -n "${DOCKER_HOST:-}" ]; then docker version >/dev/null 2>&1; return; fi
  [ -S /var/run/docker.sock ] && docker version >/dev/null 2>&1
}

busybox_is_static() { [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1; }

missing=()
command -v docker >/dev/null || missing+=(docker.io)
if ! engine_answers && ! command -v dockerd >/dev/null; then missing+=(docker.io); fi
busybox_is_static || missing+=(busybox-static)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v docker-compose >/dev/null || missing+=(docker-compose)  # compose interop test (v1 1.29.2)
command -v zsh >/dev/null || missing+=(zsh)  # CLI completion test (bash is always there)
command -v fish >/dev/null || missing+=(fish)  # CLI completion test
{ docker image inspect benchtop-test/python-ml >/dev/null 2>&1 || command -v debootstrap >/dev/null; } || missing+=(debootstrap)  # pipelines example image
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u | sed '/^$/d')

if [ ${#missing[@]} -gt 0 ]; then
  if is_debian_root; then
    log "installing ${missing[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
  else
    fail "missing ${missing[*]}. On Debian/Ubuntu as root: apt-get install -y ${missing[*]}. Elsewhere install Docker Engine, a static busybox at /bin/busybox and Chromium at /usr/bin/chromium, then rerun."
  fi
fi

if ! engine_answers; then
  if [ "$(id -u)" != 0 ]; then
    fail "no Docker engine answers. Start it (sudo systemctl start docker) or set DOCKER_HOST, then rerun."
  fi
  log "starting dockerd (log: /var/log/benchtop-dockerd.log)"
  setsid nohup dockerd >/var/log/benchtop-dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 60); do engine_answers && break; sleep 0.5; done
  engine_answers || fail "dockerd did not answer within 30 s; see /var/log/benchtop-dockerd.log"
fi

bash scripts/build-test-image.sh
# The bundled example busybox-select defaults to the public busybox:1.36, which a step pulls when it
# is missing; no registry answers here, so the offline busybox is loaded under that public name, as
# people do on an offline machine with `docker load`. Only when absent: a real busybox:1.36 stays.
docker image inspect busybox:1.36 >/dev/null 2>&1 || { docker tag benchtop-test/busybox busybox:1.36 && log "tagged benchtop-test/busybox as busybox:1.36 (the busybox-select example's image)"; }
bash scripts/build-python-ml-image.sh  # benchtop-test/python-ml for the train-and-select example (built once)
bash scripts/build-jupyterlab-image.sh  # benchtop-test/jupyterlab: JupyterLab + mlflow-skinny + scikit-learn from hashed wheels (~2 min, built once)
bash scripts/build-pytorch-image.sh  # benchtop-test/pytorch: the JupyterLab image + Debian's CPU python3-torch (~5 min, built once)
bash scripts/build-wheels-image.sh python-mlflow  # benchtop-test/python-mlflow: python-ml + the MLflow client, for the tracking tests (built once)
bash scripts/install-test-peers.sh  # the real mlflow, scipy and evidently the tests compare with (.venv-peers)
bash scripts/build-wheels-image.sh python-serve  # benchtop-test/python-serve: the peers' scikit-learn, for serving parity (built once)
log "ready: engine $(docker version --format '{{.Server.Version}}'), $(/usr/bin/chromium --version 2>/dev/null | head -1)"
