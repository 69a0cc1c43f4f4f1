#!/usr/bin/env bash
# The reference stack's benchmarks, then one table. Usage: bench/stack.sh [stack-overhead] [replica-rate] [bringup] [cold]
#   stack-overhead  inference node vs in-process ONNX Runtime, gateway vs direct (in process, no engine needed)
#   replica-rate    one replica's highest sustained rate under the open-model generator (in process)
#   bringup         warm bring-up of one region and of two (needs the engine and the image: scripts/bootstrap.sh --no-cli)
#   cold            the image removed and built again (publish, training, docker build), then one warm one-region bring-up
set -euo pipefail
cd "$(dirname "$0")/.."

benches=("$@")
[ ${#benches[@]} -eq 0 ] && benches=(stack-overhead replica-rate bringup cold)
out=$(mktemp)
build_log=$(mktemp)
trap 'rm -f "$out" "$build_log"' EXIT
dotnet build -c Release bench/Chaos.Bench -nologo -v q >"$build_log" 2>&1 || { cat "$build_log" >&2; exit 1; }
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB; dotnet $(dotnet --version)"
  echo "source:  $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src/Chaos.Stack src/Chaos/Targets || echo ' + uncommitted changes')"
} >&2
for bench in "${benches[@]}"; do
  echo "== $bench (uptime: $(uptime | sed 's/.*load/load/'))" >&2
  if [ "$bench" = cold ]; then
    image=$(cat .chaos/stack-image 2>/dev/null || true)
    [ -n "$image" ] && docker rmi -f "$image" >/dev/null
    start=$(date +%s.%N)
    scripts/build-image.sh
    end=$(date +%s.%N)
    printf 'RESULT|cold|image rebuild (publish, training, docker build; NuGet and build caches warm)|%s s|%s\n' \
      "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')" "$(cat .chaos/stack-image)" | tee -a "$out"
    continue
  fi
  set +e
  timeout 900 dotnet run -c Release --no-build --project bench/Chaos.Bench -- "$bench" | tee -a "$out" | grep -v '^RESULT|'
  status=${PIPESTATUS[0]}
  set -e
  [ "$status" -eq 0 ] || echo "!! $bench failed (exit $status)" >&2
done

echo
{
  echo "bench|metric|value|note"
  grep '^RESULT|' "$out" | cut -d'|' -f2-
} | column -t -s '|'
