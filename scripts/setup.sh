#!/usr/bin/env bash
# Provide everything `make demo` and `make test` need, idempotently (a warm re-run takes seconds):
#  - a Rust toolchain with the wasm32-unknown-unknown target (rustup where it can reach its
#    server, otherwise Debian's rustc-web with a wasm32 std built once into its sysroot);
#  - wasm-pack, and wasm-bindgen-cli at exactly the version pinned in Cargo.lock;
#  - Chromium and ChromeDriver (Debian packages);
#  - Node packages for page tests and a current wasm-opt (npm `binaryen`; never Debian's 108).
# It writes .tools/env.sh, which the Makefile sources: PATH, CHROMEDRIVER and WASM_ENV (the
# environment prefix that selects the wasm32-capable toolchain for wasm builds only).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
mkdir -p .tools
ENV_FILE=.tools/env.sh
log() { printf '[setup] %s\n' "$*" >&2; }
SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO=sudo

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# 1. Rust with wasm32 -----------------------------------------------------------------------
TOOLCHAIN_ENV=""
wasm_target_works() { # $1: env prefix to use
  local d; d=$(mktemp -d)
  mkdir -p "$d/src" && printf '[package]\nname="probe"\nversion="0.0.0"\nedition="2021"\n[lib]\ncrate-type=["cdylib"]\n' >"$d/Cargo.toml"
  echo '#[no_mangle] pub extern "C" fn f(x: u32) -> u32 { x + 1 }' >"$d/src/lib.rs"
  (cd "$d" && env $1 cargo build -q --release --target wasm32-unknown-unknown >/dev/null 2>&1)
  local rc=$?; rm -rf "$d"; return $rc
}

if [ -f .tools/toolchain ] && [ -z "${MEDPROOF_DEBIAN_RUST:-}" ]; then
  TOOLCHAIN_ENV=$(cat .tools/toolchain)
  log "toolchain: cached (${TOOLCHAIN_ENV:-rustup default})"
elif [ -z "${MEDPROOF_DEBIAN_RUST:-}" ] && command -v rustup >/dev/null &&
  rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown; then
  TOOLCHAIN_ENV=""
elif [ -z "${MEDPROOF_DEBIAN_RUST:-}" ] && command -v rustup >/dev/null &&
  timeout 60 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
  log "toolchain: rustup target add wasm32-unknown-unknown"
  TOOLCHAIN_ENV=""
else
  # MEDPROOF_DEBIAN_RUST=1 forces this route (to test it on a machine where rustup works).
  log "toolchain: rustup cannot fetch the wasm32 target here; using Debian's rustc-web"
  apt_install rustc-web cargo-web rust-web-src lld-22
  if ! ls /usr/lib/rustlib/wasm32-unknown-unknown/lib/libcore-*.rlib >/dev/null 2>&1; then
    log "building the wasm32 standard library into /usr/lib/rustlib (once, ~1 min)"
    d=$(mktemp -d)
    (cd "$d" && PATH=/usr/bin:$PATH cargo new -q --lib stdbuild && cd stdbuild &&
      PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Cembed-bitcode=yes" \
        cargo build -q --release --target wasm32-unknown-unknown \
        -Zbuild-std=std,panic_abort,panic_unwind,test,proc_macro)
    $SUDO mkdir -p /usr/lib/rustlib/wasm32-unknown-unknown/lib
    $SUDO rm -f /usr/lib/rustlib/wasm32-unknown-unknown/lib/*.rlib
    $SUDO cp "$d"/stdbuild/target/wasm32-unknown-unknown/release/deps/*.rlib /usr/lib/rustlib/wasm32-unknown-unknown/lib/
    rm -rf "$d"
  fi
  if command -v rustup >/dev/null; then
    rustup toolchain list | grep -q '^system' || rustup toolchain link system /usr
    TOOLCHAIN_ENV="RUSTUP_TOOLCHAIN=system"
  else
    TOOLCHAIN_ENV="PATH=/usr/bin:$PATH"
  fi
fi
wasm_target_works "$TOOLCHAIN_ENV" || { log "ERROR: cannot build for wasm32-unknown-unknown"; exit 1; }
echo "$TOOLCHAIN_ENV" >.tools/toolchain

# 2. wasm-pack and wasm-bindgen-cli -------------------------------------------------------------
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
[ -f Cargo.lock ] || cargo generate-lockfile -q
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)
if ! command -v wasm-pack >/dev/null; then
  log "cargo install wasm-pack"
  cargo install -q wasm-pack --locked
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  log "cargo install wasm-bindgen-cli $WB_VERSION"
  # --locked fails for some versions (a locked dependency is missing from the registry).
  cargo install -q wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# cargo-fuzz for `make fuzz` (runs on a nightly toolchain where one is installed).
command -v cargo-fuzz >/dev/null || { log "cargo install cargo-fuzz"; cargo install -q cargo-fuzz --locked; }

# 3. Chromium and ChromeDriver --------------------------------------------------------------------
command -v chromium >/dev/null && command -v chromedriver >/dev/null || apt_install chromium chromium-driver

# 4. Node packages (playwright-core drives Debian's Chromium; binaryen gives a current wasm-opt) --
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ package.json -nt node_modules/.stamp ]; then
  log "npm install"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error >/dev/null
  touch node_modules/.stamp
fi

cat >"$ENV_FILE" <<ENV
# generated by scripts/setup.sh
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:\$PATH"
export CHROMEDRIVER=$(command -v chromedriver)
export CHROME_BIN=$(command -v chromium)
# Prefix for wasm32 builds only (native fmt/clippy/tests keep the default toolchain).
WASM_ENV="$TOOLCHAIN_ENV"
ENV
log "ready (wasm-bindgen $WB_VERSION, $(wasm-opt --version 2>/dev/null | head -1))"
