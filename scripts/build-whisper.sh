#!/usr/bin/env bash
# Builds the whisper.cpp speech engine (shared libraries, whisper-cli, whisper-quantize) and our small
# C shim from pinned source, into a cache outside the source tree. Safe to run again: it does nothing
# when the output for this version and these options is already complete.
#
# Usage: scripts/build-whisper.sh [--cuda] [--force]
#   --cuda   build with GGML_CUDA=ON (also: MEETINGASSIST_WHISPER_CUDA=1); needs nvcc on PATH
#   --force  rebuild even if the output exists
# Environment: MEETINGASSIST_CACHE (default ~/.cache/meetingassist), MEETINGASSIST_BUILD_JOBS (default 2)
set -euo pipefail

readonly WHISPER_VERSION="1.9.1"
readonly NPM_PACKAGE="nodejs-whisper@0.3.1"
readonly NPM_INTEGRITY="sha512-ceoilUVraRuR5FnNyXpGQT2auAR48Oc3AQBEmkXnVpSn9iN6yVRzQBFCqVTGWbk6Wdi95NhvwXNzFvuR7erLWw=="

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${MEETINGASSIST_CACHE:-$HOME/.cache/meetingassist}/whisper"
jobs="${MEETINGASSIST_BUILD_JOBS:-2}"
cuda="${MEETINGASSIST_WHISPER_CUDA:-0}"
force=0

for arg in "$@"; do
  case "$arg" in
    --cuda) cuda=1 ;;
    --force) force=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "build-whisper: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

log() { echo "build-whisper: $*"; }

flavour="cpu"
if [[ "$cuda" == "1" ]]; then
  if command -v nvcc >/dev/null 2>&1; then
    flavour="cuda"
  else
    log "CUDA was asked for but nvcc is not on PATH; building for CPU instead"
  fi
fi

out="$cache_root/${WHISPER_VERSION}-${flavour}"
src="$cache_root/src-${WHISPER_VERSION}"
build="$cache_root/build-${WHISPER_VERSION}-${flavour}"
shim_src="$repo_root/native/shim/ma_whisper_shim.c"
shim_stamp="$out/lib/.shim-$(sha256sum "$shim_src" | cut -c1-16)"

engine_complete() {
  [[ -f "$out/.complete" && -e "$out/lib/libwhisper.so" && -x "$out/bin/whisper-cli" && -x "$out/bin/whisper-quantize" ]] \
    && compgen -G "$out/lib/libggml*.so*" >/dev/null
}

ensure_tools() {
  local missing=()
  command -v cmake >/dev/null 2>&1 || missing+=(cmake)
  command -v g++ >/dev/null 2>&1 || missing+=(g++)
  command -v gcc >/dev/null 2>&1 || missing+=(gcc)
  command -v make >/dev/null 2>&1 || missing+=(make)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
      log "installing missing tools with apt-get: ${missing[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    else
      echo "build-whisper: missing tools: ${missing[*]}. Install them (Debian: sudo apt-get install ${missing[*]}) and run again." >&2
      exit 1
    fi
  fi
}

fetch_source() {
  if [[ -f "$src/.verified" ]]; then
    log "source already unpacked and verified: $src"
    return
  fi
  local tmp
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' RETURN
  log "fetching $NPM_PACKAGE through the npm client"
  (cd "$tmp" && npm pack "$NPM_PACKAGE" --silent >/dev/null)
  local tarball
  tarball="$(ls "$tmp"/*.tgz)"
  local actual
  actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [[ "$actual" != "$NPM_INTEGRITY" ]]; then
    echo "build-whisper: integrity mismatch for $NPM_PACKAGE" >&2
    echo "  expected $NPM_INTEGRITY" >&2
    echo "  actual   $actual" >&2
    exit 1
  fi
  log "integrity verified ($NPM_INTEGRITY)"
  rm -rf "$src"
  mkdir -p "$src"
  tar -xzf "$tarball" -C "$tmp" package/cpp/whisper.cpp
  cp -a "$tmp/package/cpp/whisper.cpp/." "$src/"
  local got
  got="$(sed -n 's/^project("whisper.cpp" VERSION \([0-9.]*\))/\1/p' "$src/CMakeLists.txt")"
  if [[ "$got" != "$WHISPER_VERSION" ]]; then
    echo "build-whisper: unpacked whisper.cpp is version '$got', expected $WHISPER_VERSION" >&2
    exit 1
  fi
  touch "$src/.verified"
  log "unpacked whisper.cpp $WHISPER_VERSION into $src"
}

build_engine() {
  local cmake_args=(
    -DCMAKE_BUILD_TYPE=Release
    -DBUILD_SHARED_LIBS=ON
    -DWHISPER_BUILD_TESTS=OFF
    -DWHISPER_BUILD_EXAMPLES=ON
    -DWHISPER_BUILD_SERVER=OFF
    -DWHISPER_SDL2=OFF
    -DWHISPER_CURL=OFF
    # Copied binaries must find their libraries next to them, not in the build folder.
    -DCMAKE_BUILD_WITH_INSTALL_RPATH=ON
    "-DCMAKE_INSTALL_RPATH=\$ORIGIN:\$ORIGIN/../lib"
  )
  if [[ "$flavour" == "cuda" ]]; then
    cmake_args+=(-DGGML_CUDA=ON)
  else
    cmake_args+=(-DGGML_CUDA=OFF)
  fi
  log "configuring ($flavour): cmake -S $src -B $build ${cmake_args[*]}"
  cmake -S "$src" -B "$build" "${cmake_args[@]}" >"$cache_root/cmake-configure-${flavour}.log" \
    || { echo "build-whisper: cmake configure failed, see $cache_root/cmake-configure-${flavour}.log" >&2; exit 1; }
  log "building whisper, whisper-cli, whisper-quantize with -j$jobs (a few minutes on 2 cores)"
  cmake --build "$build" --config Release -j"$jobs" --target whisper whisper-cli whisper-quantize

  log "collecting output into $out"
  rm -rf "$out"
  mkdir -p "$out/lib" "$out/bin" "$out/include"
  find "$build" \( -name 'libwhisper.so*' -o -name 'libggml*.so*' \) \( -type f -o -type l \) -exec cp -P {} "$out/lib/" \;
  cp "$build/bin/whisper-cli" "$build/bin/whisper-quantize" "$out/bin/"
  cp "$src/include/whisper.h" "$src/ggml/include/"*.h "$out/include/"
  touch "$out/.complete"
}

build_shim() {
  if [[ -f "$shim_stamp" && -f "$out/lib/libma_whisper_shim.so" ]]; then
    log "shim is up to date: $out/lib/libma_whisper_shim.so"
    return
  fi
  log "compiling shim $shim_src"
  rm -f "$out"/lib/.shim-*
  gcc -std=c11 -O2 -fPIC -shared -Wall -Wextra -Werror \
    -I"$out/include" "$shim_src" \
    -L"$out/lib" -lwhisper -Wl,-rpath,'$ORIGIN' \
    -o "$out/lib/libma_whisper_shim.so"
  touch "$shim_stamp"
}

mkdir -p "$cache_root"
if [[ "$force" == "0" ]] && engine_complete; then
  log "engine $WHISPER_VERSION ($flavour) already built: $out"
else
  ensure_tools
  fetch_source
  build_engine
fi
build_shim
log "done. Libraries: $out/lib  Tools: $out/bin"
