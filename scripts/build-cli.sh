#!/usr/bin/env bash
# Builds the chaos command into artifacts/cli, only when its sources changed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
hash="$({ find src/Chaos src/Chaos.Cli -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z | xargs -0 sha256sum
          sha256sum Directory.Build.props Directory.Packages.props BannedSymbols.txt global.json; } | sha256sum | cut -c1-16)"
stamp="artifacts/cli/.inputs"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ] && [ -f artifacts/cli/Chaos.Cli.dll ]; then
  exit 0
fi
printf '[cli] building the chaos command\n' >&2
mkdir -p artifacts
if ! dotnet build src/Chaos.Cli/Chaos.Cli.csproj -c Release -o artifacts/cli --nologo -v quiet > artifacts/build-cli.log 2>&1; then
  cat artifacts/build-cli.log >&2
  exit 1
fi
echo "$hash" > "$stamp"
