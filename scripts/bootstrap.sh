#!/usr/bin/env bash
# Brings a fresh machine to the point where scenarios run: container engine, stack image, chaos command.
# Idempotent: every step checks first and does nothing when its result is current.
#   scripts/bootstrap.sh            engine + image + CLI
#   scripts/bootstrap.sh --no-cli   engine + image (test.sh builds the CLI with the tests)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli=1
for arg in "$@"; do
  case "$arg" in
    --no-cli) cli=0 ;;
    *) echo "usage: scripts/bootstrap.sh [--no-cli]" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
"$root/scripts/engine.sh" start
"$root/scripts/build-image.sh"
if [ "$cli" -eq 1 ]; then "$root/scripts/build-cli.sh"; fi
