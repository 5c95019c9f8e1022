#!/usr/bin/env bash
# Installs what qself needs to build, run and test on Debian 12, as root.
# Idempotent: installs only what is missing, and runs npm only when the lock changed.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config ca-certificates tzdata
  libsodium-dev nlohmann-json3-dev libhowardhinnant-date-dev libsqlite3-dev
  libpoco-dev libssl-dev libhiredis-dev libmstch-dev libboost-dev
  libgtest-dev libgmock-dev
  postgresql libpq-dev
  redis-server chromium fonts-noto-color-emoji
  wrk curl python3 sqlite3
  haproxy nginx caddy openssl
)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: these Debian packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # The tests start PostgreSQL clusters of their own (initdb in a temporary
  # folder, a unix socket there): Debian's default cluster, made and started
  # on install, would only hold memory and port 5432. Not made at all.
  mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/qself.conf
  # The proxy tests (server/tests/api/tls_proxy_test.cpp) start nginx and
  # Caddy themselves, on free loopback ports. The services Debian starts when
  # it installs them would only hold :80 for a default site (and the second to
  # start could fail its install for want of it): a policy-rc.d (unless the
  # machine has one) keeps both from starting, then both are disabled, with or
  # without systemd. Only those this run installed: an nginx or Caddy already
  # serving on this machine is left alone.
  policy=/usr/sbin/policy-rc.d
  if [[ ! -e $policy ]]; then
    trap 'rm -f "$policy"' EXIT
    printf '#!/bin/sh\ncase "$1" in nginx*|caddy*) exit 101 ;; esac\nexit 0\n' >"$policy"
    chmod 0755 "$policy"
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  for service in nginx caddy; do
    [[ " ${missing[*]} " == *" $service "* ]] || continue
    if [[ -d /run/systemd/system ]]; then
      systemctl disable --now "$service" >/dev/null 2>&1 || true
    else
      service "$service" stop >/dev/null 2>&1 || true
      update-rc.d "$service" disable >/dev/null 2>&1 || true
    fi
  done
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 20)); then
  echo "setup: Node.js 20 or newer is needed for the web app (found $(node --version))" >&2
  exit 1
fi

# npm packages: the web app, and the development tools (the maildev mail catcher).
for dir in web tools; do
  [[ -f $dir/package-lock.json ]] || continue
  stamp=$dir/node_modules/.qself-lock-stamp
  if [[ ! -f $stamp ]] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    echo "setup: installing npm packages in $dir/"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$dir/package-lock.json" "$stamp"
  fi
done
