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

# Debian's Prometheus: the dev-cluster test evaluates the dashboard's queries against one it starts itself. On a host
# run by systemd the package also starts its own service on :9090; the test does not use it.
ensure_prometheus() {
  if ! command -v prometheus >/dev/null; then
    log "installing prometheus (Debian package)"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  fi
}

# Debian's chromium, headless: the evaluation report's screenshot test renders the page with it.
ensure_chromium() {
  if ! command -v chromium >/dev/null; then
    log "installing chromium (Debian package, for the report's headless screenshot test)"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
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

# The CLI's own sources and build files: src/ (the CLI and its libraries), grains/ (simulate hosts the grains), silo/ZkPot.Member (member) and the
# shared props. Prints the first one newer than $1 (nothing when $1 is up to date).
zkpot_source_newer_than() {
  find "$ROOT/src" "$ROOT/grains" "$ROOT/silo/ZkPot.Member" "$ROOT"/Directory.*.props \( -name bin -o -name obj \) -prune -o \
       \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -newer "$1" -print -quit
}

# The NativeAOT build of the CLI (same project, `-p:ZkPotNative=true`): no JIT or tier-0 code at start-up.
zkpot_native() { echo "$ROOT/.build/zkpot-native/zkpot"; }

# The x86-64 level this CPU runs: v4 with the AVX-512 subsets of x86-64-v4 (F, BW, CD, DQ, VL), v3 with AVX2, BMI1/2,
# FMA, MOVBE, F16C, or nothing below that. Reads /proc/cpuinfo with builtins only: this runs on every scripts/zkpot
# call. LZCNT (x86-64-v3 too) is not read: its flag ("abm") is missing on some virtual machines whose CPU has it (seen
# on an AMD EPYC guest where .NET's Lzcnt.IsSupported is true), and every CPU with AVX2 and BMI1 has it.
cpu_isa_level() {
  [ "$(uname -m)" = x86_64 ] || return 0
  local flags="" f
  while IFS= read -r flags; do [[ "$flags" == flags* ]] && break; done </proc/cpuinfo
  flags=" ${flags#*:} "
  for f in avx avx2 bmi1 bmi2 fma movbe f16c xsave; do
    [[ "$flags" == *" $f "* ]] || return 0
  done
  for f in avx512f avx512bw avx512cd avx512dq avx512vl; do
    [[ "$flags" == *" $f "* ]] || { echo v3; return 0; }
  done
  echo v4
}

# True when this CPU runs what the native binary is compiled for: x86-64-v3, or v4 when the binary was published on
# an AVX-512 CPU (its level is kept beside it, in zkpot.isa). Without them the binary would refuse to start, so the
# scripts use the JIT build instead.
cpu_runs_native() {
  local level built
  level="$(cpu_isa_level)"
  [ -n "$level" ] || return 1
  built="$(cat "$(zkpot_native).isa" 2>/dev/null || echo v3)"
  [ "$built" = v3 ] || [ "$level" = v4 ]
}

# NativeAOT links with clang, or gcc when clang is missing; a fresh Debian 12 may have neither.
ensure_native_linker() {
  if ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
    log "installing gcc (the linker NativeAOT needs; Debian package)"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq gcc libc6-dev >/dev/null
  fi
}

# True when the native binary exists, was compiled for this CPU's level, and no source is newer.
zkpot_native_fresh() {
  local bin; bin="$(zkpot_native)"
  [ -x "$bin" ] && [ -z "$(zkpot_source_newer_than "$bin")" ] &&
    [ "$(cat "$bin.isa" 2>/dev/null)" = "$(cpu_isa_level)" ]
}

# Publishes the native CLI to $(zkpot_native) when it is missing or older than the sources; one publish at a time
# (flock), into a fresh folder moved into place, so a concurrent caller never runs a half-written binary. Fails, leaving
# any previous binary alone, when the publish fails or warns outside the known list (see ZkPot.Cli.csproj).
ensure_zkpot_native() {
  local bin; bin="$(zkpot_native)"
  if zkpot_native_fresh; then return 0; fi
  mkdir -p "$ROOT/.build"
  (
    flock 9
    if zkpot_native_fresh; then exit 0; fi
    ensure_native_linker
    local out="$ROOT/.build/zkpot-native.new" logf="$ROOT/.build/zkpot-native.log" start=$SECONDS
    rm -rf "$out"
    touch "$out.stamp" # the binary gets this time: a source saved during the publish makes it stale
    log "publishing the NativeAOT CLI (a few minutes, once per source change; log: .build/zkpot-native.log)"
    local level; level="$(cpu_isa_level)"
    if ! dotnet publish "$ROOT/src/ZkPot.Cli/ZkPot.Cli.csproj" -c Release -r linux-x64 -p:ZkPotNative=true \
           -p:ZkPotIsa="x86-64-$level" -o "$out" -nologo -v minimal -clp:NoSummary >"$logf" 2>&1; then
      log "NativeAOT publish failed:"; grep -E 'error' "$logf" | sort -u | head -n 20 >&2
      exit 1
    fi
    # Warnings the design accepts: Orleans, its Azure storage, ILGPU, Newtonsoft.Json, ScottPlot and SkiaSharp, the
    # accuracy and evaluate verbs, and the member host's minimal API (silo/ZkPot.Member: the member verb), reachable only
    # from the command lines NativeBuild.cs refuses.
    local unexpected
    unexpected="$(grep -E 'warning IL[0-9]+' "$logf" \
      | grep -vE "Assembly '(Orleans\.[A-Za-z.]+|Azure\.[A-Za-z.]+|ILGPU|Newtonsoft\.Json|ScottPlot|SkiaSharp|HarfBuzzSharp)'|ILGPU\.|/Commands/(Accuracy|Evaluate)Command\.cs\(|/silo/ZkPot\.Member/[A-Za-z]+\.cs\(" \
      | sort -u || true)"
    if [ -n "$unexpected" ]; then
      log "NativeAOT publish warned where the native build runs code (fix these, or route the verb to the JIT build):"
      echo "$unexpected" | head -n 20 >&2
      exit 1
    fi
    mkdir -p "$(dirname "$bin")"
    echo "$level" > "$bin.isa"
    mv -f "$out/zkpot" "$bin.new" && touch -r "$out.stamp" "$bin.new" && mv -f "$bin.new" "$bin"
    rm -rf "$out" "$out.stamp"
    log "NativeAOT CLI ready in $((SECONDS - start)) s: $bin"
  ) 9>"$ROOT/.build/zkpot-native.lock"
}

# True when the native build runs this command line (verb first). The list matches NativeBuild.JitOnlyVerbs in
# src/ZkPot.Cli/NativeBuild.cs: Orleans (simulate, participant), reflection-based JSON (accuracy), and ILGPU engines.
native_runs() {
  case "${1:-}" in simulate|participant|member|federation|cluster-bench|accuracy|evaluate) return 1 ;; esac
  local prev="" a
  for a in "$@"; do
    case "$a" in --engine=*) [ "${a#--engine=}" = cpu ] || return 1 ;; esac
    if [ "$prev" = --engine ] && [ "$a" != cpu ]; then return 1; fi
    prev="$a"
  done
}
