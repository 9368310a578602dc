#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need (browser, fonts, audio tools), fetches the voice model, tests.
# The speech engine comes with the Whisper.net.Runtime NuGet package: nothing native is built.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib.sh

require_command dotnet "install the .NET 10 SDK"
require_command npm "install Node.js and npm"
ensure_debian_packages chromium fonts-croscore ffmpeg espeak-ng sox poppler-utils libreoffice-writer-nogui
scripts/fetch-vad-model.sh

# One test project at a time (-m:1): the live-transcription and browser tests run speech recognition against
# the clock, and sharing the cores with another project's tests would make their timing, not the code, fail.
dotnet test MeetingAssist.sln -c Release -nologo -m:1
