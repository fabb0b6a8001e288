#!/bin/sh
# Starts JupyterLab the way the docker-stacks images' start-notebook does for a template:
# JUPYTER_TOKEN (read by Jupyter Server itself) and NOTEBOOK_ARGS, words split as the shell does.
# Runs as root inside the container, hence --allow-root.
# shellcheck disable=SC2086
exec jupyter lab --ServerApp.ip=0.0.0.0 --ServerApp.port="${JUPYTER_PORT:-8888}" --no-browser \
  --allow-root --ServerApp.terminals_enabled=True ${NOTEBOOK_ARGS:-} "$@"
