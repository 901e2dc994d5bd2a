#!/usr/bin/env bash
# Builds the two WebAssembly variants of kerasm from one source into ts/wasm/ (copied beside the compiled loader in dist/ts/wasm/):
#   threaded/  atomics + bulk-memory + simd128, shared memory, a rayon pool on workers
#   simd/      simd128 only, for hosts without SharedArrayBuffer (edge runtimes, plain pages)
# The wasm32 standard library has to be rebuilt (-Z build-std) because the shipped one lacks
# atomics; Debian's rustc-web (in /usr/bin) ships its sources, rustup's toolchain does not.
# See ../../../shared/TOOLCHAIN.md for why each flag is here.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

export PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1
wasm_bindgen=${WASM_BINDGEN:-$HOME/.cargo/bin/wasm-bindgen}

build_variant() {
  local name=$1 features=$2 rustflags=$3
  echo "kerasm: building the $name WebAssembly variant" >&2
  RUSTFLAGS="$rustflags" CARGO_TARGET_DIR="$root/target/wasm-$name" \
    cargo build --release --target wasm32-unknown-unknown -Z build-std=std,panic_abort \
      -p kerasm-wasm $features
  rm -rf "$root/ts/wasm/$name"
  "$wasm_bindgen" --target web --out-dir "$root/ts/wasm/$name" --out-name kerasm_wasm \
    "$root/target/wasm-$name/wasm32-unknown-unknown/release/kerasm_wasm.wasm"
}

# Memory may grow to 1 GiB; the TLS exports let wasm-bindgen set up each worker thread.
build_variant threaded "--features threads" "-C target-feature=+atomics,+bulk-memory,+simd128 \
  -C link-arg=--shared-memory -C link-arg=--import-memory -C link-arg=--max-memory=1073741824 \
  -C link-arg=--export=__wasm_init_tls -C link-arg=--export=__tls_size \
  -C link-arg=--export=__tls_align -C link-arg=--export=__tls_base"
build_variant simd "" "-C target-feature=+simd128 -C link-arg=--max-memory=1073741824"
