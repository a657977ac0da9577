# Process helpers shared by scripts/dev-cluster and scripts/lib/dev-federation: pid files under $DIR, waiting, stopping,
# Azurite. Sourced after bootstrap.sh, with DIR set.

alive() { [ -f "$DIR/$1.pid" ] && kill -0 "$(cat "$DIR/$1.pid")" 2>/dev/null; }

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2; shift 2
  for _ in $(seq 1 "$limit"); do "$@" && return 0; sleep 1; done
  log "$what did not come up within $limit s"; return 1
}

stop() { # stop NAME: TERM, then KILL after 15 s
  alive "$1" || { rm -f "$DIR/$1.pid"; return 0; }
  local pid; pid=$(cat "$DIR/$1.pid")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 15); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$DIR/$1.pid"
}

start_azurite() { # start_azurite BLOB_PORT QUEUE_PORT TABLE_PORT (AZURITE_ACCOUNTS in the environment names the accounts, if any)
  alive azurite && return 0
  mkdir -p "$DIR/azurite"
  setsid "$ROOT/node_modules/.bin/azurite" --blobHost 127.0.0.1 --blobPort "$1" --tableHost 127.0.0.1 --tablePort "$3" \
    --queueHost 127.0.0.1 --queuePort "$2" --location "$DIR/azurite" --skipApiVersionCheck --disableTelemetry \
    >"$DIR/azurite.log" 2>&1 < /dev/null &
  echo $! > "$DIR/azurite.pid"
  wait_for 60 "Azurite (see $DIR/azurite.log)" grep -q "Table service is successfully listening" "$DIR/azurite.log"
}
