#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need (browser, fonts, audio tools), builds the speech engine, tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib.sh

require_command dotnet "install the .NET 10 SDK"
require_command npm "install Node.js and npm"
ensure_debian_packages chromium fonts-croscore ffmpeg espeak-ng sox cmake g++ poppler-utils
scripts/build-whisper.sh
scripts/fetch-vad-model.sh

dotnet test MeetingAssist.sln -c Release -nologo
