#!/usr/bin/env bash
# Builds the reference stack image locally (FROM scratch; nothing is pulled), tagged by a content hash of its inputs.
# Rebuilds only when an input changed; writes the tag to .chaos/stack-image; removes superseded stack images.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
log() { printf '[image] %s\n' "$*" >&2; }

inputs_hash() {
  { find src/Chaos.Stack docker -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 \
      | sort -z | xargs -0 sha256sum
    sha256sum Directory.Build.props Directory.Packages.props BannedSymbols.txt global.json scripts/build-image.sh
  } | sha256sum | cut -c1-16
}

hash="$(inputs_hash)"
tag="chaos-stack:$hash"
mkdir -p .chaos
if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "$tag" > .chaos/stack-image
  exit 0
fi

out="artifacts/stack"
ctx="$out/context"
start=$(date +%s)
log "building $tag (inputs changed or first build)"
rm -rf "$ctx" "$out/publish"
mkdir -p "$ctx/rootfs/tmp" "$ctx/native" "$ctx/app" "$ctx/models"
chmod 1777 "$ctx/rootfs/tmp"

log "dotnet publish (self-contained linux-x64)"
mkdir -p "$out"
if ! dotnet publish src/Chaos.Stack/Chaos.Stack.csproj -c Release -r linux-x64 --self-contained \
  -p:InvariantGlobalization=true -p:DebugType=none -p:GenerateDocumentationFile=false \
  -o "$out/publish" --nologo -v quiet > "$out/publish.log" 2>&1; then
  cat "$out/publish.log" >&2
  exit 1
fi

log "training the models (seeded, deterministic)"
CHAOS_DISABLE_CUDA=1 "$out/publish/chaos-stack" train --out "$ctx/models" --seed 42 >&2

# Large native libraries first (own layer), the rest of the app after.
find "$out/publish" -maxdepth 1 -name 'libonnxruntime*.so*' -exec mv {} "$ctx/native/" \;
cp -a "$out/publish/." "$ctx/app/"

log "copying the glibc closure"
{
  ldd "$ctx/app/chaos-stack" || true
  for so in "$ctx/app"/*.so "$ctx/native"/*.so; do ldd "$so" 2>/dev/null || true; done
  # .NET loads OpenSSL with dlopen (ldd cannot see it); SHA-256 of model artifacts needs it.
  for ssl in /usr/lib/x86_64-linux-gnu/libssl.so.3 /usr/lib/x86_64-linux-gnu/libcrypto.so.3; do echo "	$ssl => $ssl (0)"; done
} | awk '/=> \// {print $3} /^\t\/lib/ {print $1}' | sort -u | while read -r lib; do
  [ -f "$lib" ] || continue
  case "$lib" in "$root"/*) continue ;; esac   # the app's own libraries are already in /app
  mkdir -p "$ctx/rootfs$(dirname "$lib")"
  cp -L "$lib" "$ctx/rootfs$lib"
done
# The dynamic loader is looked up at its canonical path.
mkdir -p "$ctx/rootfs/lib64"
cp -L /lib64/ld-linux-x86-64.so.2 "$ctx/rootfs/lib64/"

log "docker build"
cp docker/stack.Dockerfile "$ctx/Dockerfile"
# The legacy builder (no buildx here) prints a deprecation notice on every build: keep it in the log.
if ! DOCKER_BUILDKIT=0 docker build -q -t "$tag" \
  --label chaos.project=chaos --label chaos.image=stack --label chaos.inputs="$hash" "$ctx" > "$out/docker-build.log" 2>&1; then
  cat "$out/docker-build.log" >&2
  exit 1
fi
echo "$tag" > .chaos/stack-image

# Superseded builds of our own image fill the disk over time. CHAOS_KEEP_IMAGES=1 keeps them (several worktrees
# sharing one engine would otherwise remove each other's images between build and run).
[ "${CHAOS_KEEP_IMAGES:-0}" = 1 ] || docker images --filter label=chaos.image=stack --format '{{.Repository}}:{{.Tag}}' \
  | grep -v -x -F "$tag" | xargs -r docker rmi >/dev/null 2>&1 || true
log "built $tag in $(( $(date +%s) - start )) s ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
