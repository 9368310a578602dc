#!/usr/bin/env bash
# Fetches the Silero voice-activity model (ONNX) from the pinned npm package, verifies the tarball's
# integrity before unpacking, and caches the model outside the source tree. Safe to run again.
# Environment: MEETINGASSIST_CACHE (default ~/.cache/meetingassist)
set -euo pipefail

readonly NPM_PACKAGE="@ricky0123/vad-web@0.0.31"
readonly NPM_INTEGRITY="sha512-ePVq8TvB21sdHSxVMZOEIf9JVa7MAYpaIaNXeGgsPOiMCN8xbPCdF2LS5aYj7VRR3ZxzutedgV9ZplV65IA1Fg=="
readonly MODEL_FILE="silero_vad_v5.onnx"

target_dir="${MEETINGASSIST_CACHE:-$HOME/.cache/meetingassist}/vad/0.0.31"
if [[ -s "$target_dir/$MODEL_FILE" ]]; then
  echo "fetch-vad-model: $target_dir/$MODEL_FILE is present"
  exit 0
fi
for tool in npm openssl tar base64; do
  command -v "$tool" >/dev/null 2>&1 || { echo "fetch-vad-model: '$tool' is missing" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetch-vad-model: fetching $NPM_PACKAGE"
(cd "$work" && npm pack "$NPM_PACKAGE" --silent >/dev/null)
tarball="$(ls "$work"/*.tgz)"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [[ "$actual" != "$NPM_INTEGRITY" ]]; then
  echo "fetch-vad-model: integrity mismatch for $NPM_PACKAGE (got $actual)" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work" "package/dist/$MODEL_FILE"
mkdir -p "$target_dir"
mv "$work/package/dist/$MODEL_FILE" "$target_dir/$MODEL_FILE.tmp"
mv "$target_dir/$MODEL_FILE.tmp" "$target_dir/$MODEL_FILE"
echo "fetch-vad-model: integrity verified; model at $target_dir/$MODEL_FILE"
