# Shared set-up for the scripts: installs what the project needs, idempotently. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }

ensure_dataset() {
  if [ ! -f /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz ]; then
    log "installing dataset-fashion-mnist (Debian package)"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq dataset-fashion-mnist >/dev/null
  fi
}

ensure_npm_tools() {
  # snarkjs and circom2 (test oracles) and Azurite (local Azure Storage for tests and the dev cluster), pinned by package-lock.json.
  if [ ! -x "$ROOT/node_modules/.bin/snarkjs" ] || [ ! -x "$ROOT/node_modules/.bin/circom2" ] || [ ! -x "$ROOT/node_modules/.bin/azurite" ] \
     || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    log "installing pinned npm tools (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

build_release() {
  log "building (Release)"
  dotnet build "$ROOT/ZkPot.Orleans.sln" -c Release -nologo -v quiet -clp:ErrorsOnly\;NoSummary "$@"
}

zkpot_dll() { echo "$ROOT/src/ZkPot.Cli/bin/Release/net10.0/zkpot.dll"; }
