#!/usr/bin/env bash
# Installs (when missing) and starts a Docker engine that Testcontainers 4.x accepts (API >= 1.44).
# Idempotent: with an engine already answering it returns in well under a second.
# Facts behind each step: shared/DOCKER.md. Published ports bind to 127.0.0.1 only (--ip).
#
#   scripts/engine.sh start   -> ensures a running engine; prints nothing but progress on stderr
#   scripts/engine.sh stop    -> stops the daemon this script started (by its pid file)
set -euo pipefail

state_dir="${CHAOS_STATE_DIR:-/var/lib/chaos}"
pid_file="$state_dir/dockerd.pid"
log_file="$state_dir/dockerd.log"
min_api="1.44"

log() { printf '[engine] %s\n' "$*" >&2; }

api_version() { timeout 5 docker version --format '{{.Server.APIVersion}}' 2>/dev/null || true; }

api_ok() {
  local v; v="$(api_version)"
  [ -n "$v" ] || return 1
  # sort -V puts the smaller first: ok when min_api <= v
  [ "$(printf '%s\n%s\n' "$min_api" "$v" | sort -V | head -n1)" = "$min_api" ]
}

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    log "installing or starting the container engine needs root (run as root or start dockerd yourself)"
    exit 3
  fi
}

installed_engine_version() { dpkg-query -W -f='${Version}' docker.io 2>/dev/null || true; }

install_engine() {
  need_root
  export DEBIAN_FRONTEND=noninteractive
  log "installing docker.io (Debian 12 runtime pieces) and iptables"
  apt-get update -qq >&2
  apt-get install -y -qq docker.io iptables >&2
  log "downloading docker.io and containerd from Debian 13 (API 1.45); runc/tini stay from Debian 12"
  local tmp mirror
  tmp="$(mktemp -d)"
  mirror="$( (cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true) \
            | grep -E '^(URIs:|deb )' | grep -v security | head -n1 \
            | sed -E 's/^URIs:[[:space:]]*//; s/^deb (\[[^]]*\] )?//; s/[[:space:]].*$//' || true)"
  mirror="${mirror:-http://deb.debian.org/debian}"
  mkdir -p "$tmp/lists/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$tmp/trixie.list"
  local opts=(-oDir::Etc::SourceList="$tmp/trixie.list" -oDir::Etc::SourceParts=/dev/null -oDir::State::Lists="$tmp/lists")
  apt-get "${opts[@]}" update -qq >&2
  (cd "$tmp" && apt-get "${opts[@]}" download docker.io containerd >&2)
  dpkg -i "$tmp"/containerd_*.deb "$tmp"/docker.io_*.deb >&2
  rm -rf "$tmp"
}

start_daemon() {
  need_root
  mkdir -p "$state_dir"
  # The packaged service may not run here (no systemd); start our own, detached, and remember its pid.
  log "starting dockerd (published ports on 127.0.0.1 only)"
  setsid dockerd --ip 127.0.0.1 >"$log_file" 2>&1 < /dev/null &
  echo $! > "$pid_file"
  for _ in $(seq 1 60); do
    api_ok && return 0
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      log "dockerd exited; last lines of $log_file:"; tail -n 20 "$log_file" >&2; exit 3
    fi
    sleep 0.5
  done
  log "dockerd did not answer within 30 s; see $log_file"; exit 3
}

# Containers of the stack need no network beyond this machine: drop forwarded packets that would
# leave through the uplink (DOCKER.md, second safeguard). Loopback and run networks are unaffected.
egress_guard() {
  command -v iptables >/dev/null 2>&1 || return 0
  local uplink; uplink="$(ip route show default 2>/dev/null | awk '/default/ {print $5; exit}')"
  [ -n "$uplink" ] || return 0
  iptables -N DOCKER-USER 2>/dev/null || true
  if ! iptables -C DOCKER-USER -o "$uplink" -j DROP 2>/dev/null; then
    iptables -I DOCKER-USER -o "$uplink" -j DROP
    log "egress guard: containers cannot reach beyond this machine (DOCKER-USER drops -o $uplink)"
  fi
}

cmd="${1:-start}"
case "$cmd" in
  start)
    if api_ok; then egress_guard; exit 0; fi
    v="$(installed_engine_version)"
    if [ -z "$v" ] || dpkg --compare-versions "$v" lt 26; then install_engine; fi
    if [ -n "$(api_version)" ]; then
      log "a docker engine answers with API $(api_version) < $min_api; stop it and rerun"; exit 3
    fi
    start_daemon
    egress_guard
    log "engine ready (API $(api_version))"
    ;;
  stop)
    if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      pid="$(cat "$pid_file")"
      log "stopping dockerd (pid $pid)"
      kill "$pid"
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
      # containerd started by dockerd exits with it; make sure no shim lingers
      pkill -f 'containerd --config /var/run/docker/containerd' 2>/dev/null || true
    fi
    rm -f "$pid_file"
    ;;
  status)
    if api_ok; then echo "engine ready (API $(api_version))"; else echo "engine not running"; exit 3; fi
    ;;
  *) echo "usage: scripts/engine.sh start|stop|status" >&2; exit 2 ;;
esac
