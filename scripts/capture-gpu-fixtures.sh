#!/usr/bin/env bash
# Captures what Benchtop's GPU probes read from a real NVIDIA machine, for use as test fixtures.
# Usage: scripts/capture-gpu-fixtures.sh OUTDIR
# While a short CUDA process (PyTorch, when importable) holds memory, so the process tables are not empty.
set -u
out=${1:?usage: capture-gpu-fixtures.sh OUTDIR}
mkdir -p "$out"
export LC_ALL=C
fields=index,uuid,name,pci.bus_id,memory.total,memory.used,memory.free,memory.reserved,utilization.gpu,utilization.memory,temperature.gpu,power.draw,power.draw.average,power.draw.instant,power.limit,driver_version,compute_cap,fan.speed,pstate,mig.mode.current,driver_model.current,count
holder=""
if python3 -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null; then
  python3 -c 'import torch,time; x=torch.ones(2*1024**3, dtype=torch.uint8, device="cuda"); torch.cuda.synchronize(); time.sleep(40)' &
  holder=$!
  for _ in $(seq 1 30); do nvidia-smi --query-compute-apps=pid --format=csv,noheader | grep -q . && break; sleep 1; done
fi
nvidia-smi -q -x > "$out/nvidia-smi-q-x.xml" 2> "$out/stderr.txt"; echo "q-x rc=$?" >> "$out/meta.txt"
{ nvidia-smi; echo "rc=$?"; echo '--- nvidia-smi -L'; nvidia-smi -L; echo '--- nvidia-smi --version'; nvidia-smi --version; echo "rc=$?"; } > "$out/nvidia-smi-table.txt" 2>&1
nvidia-smi --query-gpu=$fields --format=csv,noheader,nounits > "$out/query-gpu_noheader_nounits.csv" 2>> "$out/stderr.txt"; echo "query-gpu rc=$?" >> "$out/meta.txt"
{ nvidia-smi --query-gpu=$fields --format=csv; nvidia-smi --query-compute-apps=gpu_uuid,pid,process_name,used_gpu_memory --format=csv; } > "$out/query_with_header_units.csv" 2>&1
nvidia-smi --query-compute-apps=gpu_uuid,pid,process_name,used_gpu_memory --format=csv,noheader,nounits > "$out/query-compute-apps_noheader_nounits.csv" 2>> "$out/stderr.txt"
{ echo '--- invalid field'; nvidia-smi --query-gpu=not.a.field --format=csv; echo "rc=$?"
  echo '--- uname'; uname -a; cat /proc/version
  echo '--- holder cgroup'; [ -n "$holder" ] && cat /proc/$holder/cgroup
  echo '--- docker'; docker info --format '{{json .}}' 2>&1 | head -c 4000
  echo '--- /dev'; ls -la /dev/nvidia* /dev/dxg 2>&1
  echo '--- help-query-gpu head'; nvidia-smi --help-query-gpu | head -40; } >> "$out/meta.txt" 2>&1
[ -n "$holder" ] && kill "$holder" 2>/dev/null
ls -la "$out"
