#!/usr/bin/env bash
# Starts MeetingAssist on the embedded SQLite database (./data) with a demo meeting on first start.
# Extra arguments go to the server, e.g. --urls http://0.0.0.0:8080 or --MeetingAssist:PublicUrl=http://192.168.1.10:5080
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib.sh

require_command dotnet "install the .NET 10 SDK"
require_command npm "install Node.js and npm (the web screens' libraries come from npm at build time)"
# ffmpeg decodes recordings for transcription; the meeting itself runs without it.
ensure_debian_packages ffmpeg || echo "(Transcription of recordings needs ffmpeg; everything else works.)"
# LibreOffice turns the minutes into PDF; Tinos (fonts-croscore) stands in for Times New Roman. DOCX works without them.
ensure_debian_packages libreoffice-writer-nogui fonts-croscore || echo "(PDF of the minutes needs LibreOffice; DOCX works without it.)"
# The speech engine comes with the Whisper.net.Runtime NuGet package. The Silero voice detector keeps invented
# text out of the live and file transcripts; without it the server falls back to an energy gate and says so.
if ! scripts/fetch-vad-model.sh; then
  echo "!! The Silero voice model could not be fetched: speech detection falls back to an energy gate, which lets" >&2
  echo "!! noise through as invented text. Run scripts/fetch-vad-model.sh when npm can reach its registry." >&2
fi

dotnet build src/Host -c Release -nologo -v quiet
exec dotnet run --project src/Host -c Release --no-build -- --MeetingAssist:Data:Folder="$root/data" "$@"
