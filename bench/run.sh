#!/usr/bin/env bash
# Runs the four load-engine benchmarks and prints one table. Usage: bench/run.sh [bench ...]
# Needs wrk for `saturation` (apt-get install -y wrk). Each bench waits (bounded) for a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."

benches=("$@")
[ ${#benches[@]} -eq 0 ] && benches=(record-cost memory rate-accuracy saturation)
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk (needed by saturation)" >&2; exit 1; }

out=$(mktemp)
build_log=$(mktemp)
trap 'rm -f "$out" "$build_log"' EXIT
dotnet build -c Release bench/Chaos.Bench -nologo -v q >"$build_log" 2>&1 || { cat "$build_log" >&2; exit 1; }

{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB; dotnet $(dotnet --version)"
  echo "source:  $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src/Chaos/Load || echo ' + uncommitted changes in src/Chaos/Load')"
} >&2
for bench in "${benches[@]}"; do
  echo "== $bench (uptime: $(uptime | sed 's/.*load/load/'))" >&2
  set +e
  timeout 600 dotnet run -c Release --no-build --project bench/Chaos.Bench -- "$bench" | tee -a "$out" | grep -v '^RESULT|'
  status=${PIPESTATUS[0]}
  set -e
  [ "$status" -eq 0 ] || echo "!! $bench failed (exit $status)" >&2
done

echo
{
  echo "bench|metric|value|note"
  grep '^RESULT|' "$out" | cut -d'|' -f2-
} | column -t -s '|'
