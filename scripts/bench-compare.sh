#!/usr/bin/env bash
# Tumbler vs PyKMIP server, same machine, same certificates, same load generator, one run.
#
#   scripts/bench-compare.sh [extra tumbler bench flags, e.g. --duration 5 --warmup 1]
#
# 1. `tumbler init` on a temporary directory: development CA, server certificate (localhost,
#    127.0.0.1), client certificate clients/admin.pem.
# 2. pykmip-server (python3-pykmip) with a config that points at that certificate, key and CA, its own
#    SQLite database in the same temporary directory; `tumbler bench --standard` against it (KMIP 1.4,
#    requests PyKMIP understands). Its CPU seconds and RSS come from /proc (pid found by port).
# 3. `tumbler bench --standard` against a fresh Tumbler (child process, SoftHSM2 when installed).
# Both tables are printed, with the machine load and a one-core speed probe (scripts/cpu-probe.js, 3 s)
# before each run. Needs a build (npm run build).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TUMBLER="node $ROOT/bin/tumbler.js"
PYTHON="${PYTHON:-/usr/bin/python3}"
PYPORT="${PYKMIP_PORT:-15697}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tumbler-compare-XXXXXX")"
PYPID=""

cleanup() {
  if [ -n "$PYPID" ] && kill -0 "$PYPID" 2>/dev/null; then
    kill "$PYPID" 2>/dev/null || true
    wait "$PYPID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), node $(node --version)"
echo "# $(date -u +%FT%TZ)"

$TUMBLER init --dir "$WORK/certs" --host 127.0.0.1 >/dev/null

mkdir -p "$WORK/pykmip/policies"
cat >"$WORK/pykmip/server.conf" <<EOF
[server]
hostname=127.0.0.1
port=$PYPORT
certificate_path=$WORK/certs/server.pem
key_path=$WORK/certs/server-key.pem
ca_path=$WORK/certs/ca.pem
auth_suite=TLS1.2
policy_path=$WORK/pykmip/policies
enable_tls_client_auth=False
logging_level=WARNING
database_path=$WORK/pykmip/pykmip.db
EOF

"$PYTHON" -c "from kmip.services.server.server import main; main()" -f "$WORK/pykmip/server.conf" -l "$WORK/pykmip/server.log" >"$WORK/pykmip/stdout.log" 2>&1 &
PYPID=$!
# Wait for the port (PyKMIP imports take a few seconds on a loaded machine).
for _ in $(seq 1 120); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PYPORT") 2>/dev/null; then break; fi
  if ! kill -0 "$PYPID" 2>/dev/null; then
    echo "pykmip-server exited:" >&2
    cat "$WORK/pykmip/stdout.log" "$WORK/pykmip/server.log" >&2 || true
    exit 1
  fi
  sleep 0.5
done

echo
echo "## PyKMIP server $("$PYTHON" -c 'import kmip; print(kmip.__version__)') (pid $PYPID) — load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(node "$ROOT/scripts/cpu-probe.js" 3)"
$TUMBLER bench --standard --host 127.0.0.1 --port "$PYPORT" \
  --cert "$WORK/certs/clients/admin.pem" --key "$WORK/certs/clients/admin-key.pem" --ca "$WORK/certs/ca.pem" "$@" || true

kill "$PYPID" 2>/dev/null || true
wait "$PYPID" 2>/dev/null || true
PYPID=""

echo
echo "## Tumbler (fresh server, child process) — load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(node "$ROOT/scripts/cpu-probe.js" 3)"
$TUMBLER bench --standard "$@"
