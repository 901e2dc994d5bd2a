#!/usr/bin/env bash
# Installs and builds whatever is missing, so that `npm run demo`, `npm test` and `npm run bench`
# work right after a fresh clone on a fresh machine (Debian 12, root, registries only).
# Each step is skipped when its result is already there and up to date.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
say() { echo "kerasm setup: $*" >&2; }

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in crates/kerasm-wasm
apt_install() {
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# 1. A Rust compiler with the standard library's sources, for -Z build-std on wasm32 (TOOLCHAIN.md).
if [ ! -x /usr/bin/rustc ] || [ ! -d /usr/lib/rustlib/src/rust/library ] || [ ! -x /usr/bin/rust-lld ]; then
  say "installing Debian's rustc-web toolchain for the WebAssembly build"
  apt_install rustc-web cargo-web rust-web-src lld-22
fi

# 2. The wasm-bindgen CLI, exactly the crate's version.
export PATH="$HOME/.cargo/bin:$PATH"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --quiet
fi

# 2b. Debian's Chromium, driven by playwright-core in the browser tests (no browser download).
if [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's chromium for the browser tests"
  apt_install chromium
fi

# 3. JavaScript dependencies.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 4. The two WebAssembly builds, when a Rust source changed since the last build.
stamp=ts/wasm/.built
if [ ! -f "$stamp" ] || [ -n "$(find crates Cargo.toml -newer "$stamp" -type f | head -n 1)" ]; then
  say "building the WebAssembly variants"
  bash crates/kerasm-wasm/build-wasm.sh
  touch "$stamp"
fi

# 5. TypeScript to dist/, with the wasm builds beside the compiled loader. Type errors are
# reported but do not stop the build here; `npm test` type-checks strictly.
say "compiling TypeScript"
npx tsc -p tsconfig.json || say "TypeScript reported type errors (above); the output was still written"
rm -rf dist/ts/wasm
mkdir -p dist/ts/wasm
cp -r ts/wasm/threaded ts/wasm/simd dist/ts/wasm/
