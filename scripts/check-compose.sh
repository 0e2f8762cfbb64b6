#!/usr/bin/env bash
# Validates docker-compose.yml without a container engine: `docker-compose config -q`
# parses, interpolates and schema-checks the file. Installs Debian's docker-compose
# package (v1.29, Compose Specification aware) when no docker-compose is on PATH.
#
# Usage: scripts/check-compose.sh [COMPOSE_FILE]      (default: docker-compose.yml at the repo root)
# Env:   COMPOSE_BIN  compose command to use (default: docker-compose)
set -euo pipefail

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMPOSE_FILE="${1:-$ROOT_DIR/docker-compose.yml}"
COMPOSE_BIN="${COMPOSE_BIN:-docker-compose}"

log() { printf '[check-compose] %s\n' "$*" >&2; }

[[ -f "$COMPOSE_FILE" ]] || { log "no such file: $COMPOSE_FILE"; exit 1; }

if ! command -v "${COMPOSE_BIN%% *}" >/dev/null 2>&1; then
  if [[ "$COMPOSE_BIN" != "docker-compose" ]]; then
    log "$COMPOSE_BIN not found"; exit 1
  fi
  if [[ "$(id -u)" -ne 0 ]]; then
    log "docker-compose is missing and installing it needs root (apt-get install docker-compose)"
    exit 1
  fi
  command -v apt-get >/dev/null 2>&1 || { log "docker-compose is missing and apt-get is unavailable"; exit 1; }
  log "installing Debian's docker-compose package..."
  export DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a
  apt_log="$(mktemp)"
  trap 'rm -f "$apt_log"' EXIT
  # --no-install-recommends: only the compose CLI, not the docker.io engine it recommends.
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends docker-compose; } >"$apt_log" 2>&1; then
    cat "$apt_log" >&2
    log "apt-get install docker-compose failed"
    exit 1
  fi
  command -v docker-compose >/dev/null 2>&1 || { log "docker-compose still missing after install"; exit 1; }
fi

log "$("$COMPOSE_BIN" version --short 2>/dev/null || "$COMPOSE_BIN" --version 2>/dev/null || echo "$COMPOSE_BIN")"

# Run from the file's directory so relative paths (build context, .env) resolve as with `up`.
# A missing JWT_SECRET is fine: the file has a default for it.
cd "$(dirname "$COMPOSE_FILE")"
# shellcheck disable=SC2086
if ! $COMPOSE_BIN -f "$(basename "$COMPOSE_FILE")" config -q; then
  log "INVALID: $COMPOSE_FILE"
  exit 1
fi
log "OK: $COMPOSE_FILE is valid"
