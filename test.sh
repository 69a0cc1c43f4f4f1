#!/usr/bin/env bash
# Runs every test: unit tests of the harness and of the stack (with the report's browser tests in headless Chromium),
# then the container tests (real scenarios against the real stack, one at a time so the load generator has the cores
# it needs). Bootstraps the container engine and
# the stack image first. Extra arguments go to both `dotnet test` calls (e.g. --logger "console;verbosity=normal").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
scripts/bootstrap.sh --no-cli
# Headless Chromium for the report's browser tests (Debian's package: Playwright never downloads a browser).
if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium (browser tests of report.html)"
  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
# The game-day test types into the real command through a pseudo-terminal (tmux), as a person would.
if ! command -v tmux >/dev/null 2>&1; then
  echo "== installing tmux (the game-day terminal test needs it)"
  apt-get install -y -q tmux >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q tmux >/dev/null; }
fi
dotnet build Chaos.sln -c Release --nologo -v quiet -clp:"ErrorsOnly;NoSummary"
echo "== unit tests"
dotnet test Chaos.sln -c Release --no-build --nologo --filter "Category!=Containers&Category!=Catalogue" "$@"
echo "== container tests (one test assembly at a time)"
# Each test's duration goes to reports/test-results/*.trx (an artifact, like the reports), so a slow test shows.
dotnet test Chaos.sln -c Release --no-build --nologo -m:1 --filter "Category=Containers" \
  --results-directory "$root/reports/test-results" --logger "trx;LogFilePrefix=containers" "$@"
