#!/usr/bin/env bash
# Makes sure what the test suite needs is present: PostgreSQL (for the TEST_DB=postgres run), Redis
# (real-time scale-out tests), Chromium (browser tests) and pdftotext (report tests). Starts or installs
# what is missing; fails with a clear message when it cannot.
set -euo pipefail

PG_HOST=${TEST_PG_HOST:-127.0.0.1}
if ! pg_isready -h "$PG_HOST" -p 5432 -q 2>/dev/null; then
  echo "PostgreSQL is not answering on $PG_HOST:5432; trying to start the local cluster"
  if command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -h "$PG_HOST" -p 5432 -q && break; sleep 1; done
  pg_isready -h "$PG_HOST" -p 5432 -q || { echo "PostgreSQL is required for the PostgreSQL test run (set TEST_PG_ADMIN_URL)"; exit 1; }
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  if command -v redis-server >/dev/null; then
    echo "Redis is not answering on 127.0.0.1:6379; starting it"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null || true
    sleep 1
  fi
fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} from Debian's packages (browser tests and PDF checks need them)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
