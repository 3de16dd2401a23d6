# shellcheck shell=bash
# stack-processes.sh: what benchmarks/simulator-footprint.sh and benchmarks/loadtest-mosquitto.sh share, sourced by
# both: logging, port checks, interruptible sleeps, building the projects, starting services in a clean environment,
# waiting for them with deadlines, and stopping every started process on exit (keeping the logs on failure).
#
# The sourcing script sets REPO, and before the functions below run: WORKDIR, STOP_ORDER (names, stopped in this
# order), STOP_TIMEOUT_SECONDS, KEEP_WORKDIR, BIND_ADDRESS; for build_projects PROJECTS, SKIP_BUILD, CONFIGURATION and
# optionally ASSEMBLIES (project → assembly name where they differ); for start_service BASE_ENV; for start_broker also
# BROKER_HOST, MOSQUITTO, MQTT_PLAIN_PORT and MQTT_TLS_PORT.

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

listening() {
    # Is something listening on this TCP port? Without connecting when ss is there: a bare TCP connect to the TLS
    # port makes mosquitto log an OpenSSL error and a protocol error, which would look like a device problem.
    if command -v ss >/dev/null; then
        [[ -n $(ss -Hltn "sport = :$1") ]]
    else
        (exec 3<>"/dev/tcp/$BIND_ADDRESS/$1") 2>/dev/null
    fi
}

# Sleeps run in the background and are waited for, because bash runs a trap (Ctrl+C, TERM) only when the foreground
# command ends: `wait` ends at once on a signal, a foreground `sleep 60` does not.
SLEEP_PID=""
pause() {
    sleep "$1" &
    SLEEP_PID=$!
    wait "$SLEEP_PID" || true
    SLEEP_PID=""
}

declare -A PIDS=()
declare -p ASSEMBLIES &>/dev/null || declare -A ASSEMBLIES=()

# shellcheck disable=SC2317  # called from the EXIT trap, which shellcheck does not follow
stop_process() {
    local name=$1 pid=${PIDS[$1]:-} waited=0
    [[ -n $pid ]] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null && (( waited < STOP_TIMEOUT_SECONDS * 10 )); do
            sleep 0.1
            waited=$((waited + 1))
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "$name (pid $pid) did not stop within ${STOP_TIMEOUT_SECONDS} s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    wait "$pid" 2>/dev/null || true
    unset "PIDS[$name]"
}

# shellcheck disable=SC2317  # the EXIT trap, which shellcheck does not follow
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    [[ -z $SLEEP_PID ]] || kill "$SLEEP_PID" 2>/dev/null || true
    for name in "${STOP_ORDER[@]}"; do
        stop_process "$name"
    done
    if (( status != 0 )); then
        log "FAILED (exit status $status). Logs and configuration are kept in $WORKDIR"
        for file in "$WORKDIR"/*.log; do
            [[ -s $file ]] || continue
            printf -- '--- last lines of %s\n' "$file" >&2
            tail -n 15 "$file" >&2
        done
    elif [[ $KEEP_WORKDIR == 1 ]]; then
        log "logs kept in $WORKDIR"
    else
        rm -rf "$WORKDIR"
    fi
    exit "$status"
}

# Installs cleanup: every process in PIDS is stopped on exit, Ctrl+C and TERM.
install_cleanup() {
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# Builds PROJECTS (unless SKIP_BUILD=1) and finds each one's dll: DLLS[project].
declare -A DLLS=()
build_projects() {
    local project assembly found
    if [[ $SKIP_BUILD != 1 ]]; then
        for project in "${PROJECTS[@]}"; do
            log "building $project ($CONFIGURATION)"
            dotnet build "$REPO/src/$project/$project.csproj" -c "$CONFIGURATION" -nologo --disable-build-servers >>"$WORKDIR/build.log" 2>&1 \
                || die "dotnet build of $project failed; see $WORKDIR/build.log"
        done
    fi
    for project in "${PROJECTS[@]}"; do
        assembly=${ASSEMBLIES[$project]:-$project}
        found=("$REPO/src/$project/bin/$CONFIGURATION"/*/"$assembly.dll")
        [[ -f ${found[0]} ]] || die "$assembly.dll not found under src/$project/bin/$CONFIGURATION (build it, or drop SKIP_BUILD)"
        (( ${#found[@]} == 1 )) || die "several builds of $assembly.dll: ${found[*]}"
        DLLS[$project]=${found[0]}
    done
}

alive() {
    local name=$1
    kill -0 "${PIDS[$name]}" 2>/dev/null || die "$name (pid ${PIDS[$name]}) exited; see $WORKDIR/$name.log"
}

wait_for() {
    # wait_for NAME SECONDS COMMAND...: polls COMMAND until it succeeds, the process NAME dies or the time is up.
    local name=$1 seconds=$2 deadline
    shift 2
    deadline=$(( $(date +%s) + seconds ))
    until "$@"; do
        alive "$name"
        (( $(date +%s) < deadline )) || die "$name not ready after $seconds s"
        pause 0.2
    done
}

start_broker() {
    # start_broker WRITER MAX_INFLIGHT MAX_QUEUED [CONFIG_LINES]: a development CA and broker certificate, then an
    # anonymous Mosquitto without persistence, with a plain listener (services) and a TLS one (devices); waits for both.
    local writer=$1 max_inflight=$2 max_queued=$3 extra=${4:-}
    env -i "${BASE_ENV[@]}" dotnet "${DLLS[LwM2MSparkplug.CertificateTool]}" --out "$WORKDIR/certs" --dns "$BROKER_HOST" --ip 127.0.0.1 --name broker \
        >"$WORKDIR/certificate-tool.log" 2>&1 || die "the certificate tool failed; see $WORKDIR/certificate-tool.log"
    cat >"$WORKDIR/mosquitto.conf" <<CONF
# Written by $writer
per_listener_settings false
allow_anonymous true
persistence false
$extra
# As in the project's mosquitto/mosquitto.conf (unless overridden): room for queued traffic to a busy reader.
max_inflight_messages $max_inflight
max_queued_messages $max_queued
# Only has an effect when started as root: stay root, so the broker can read the key and write the log here.
user $(id -un)
log_dest file $WORKDIR/mosquitto.log
log_type error
log_type warning
log_type notice
log_type information
connection_messages true
log_timestamp true
log_timestamp_format %Y-%m-%dT%H:%M:%S

# Plain MQTT: the LwM2M server and the Sparkplug host.
listener $MQTT_PLAIN_PORT $BIND_ADDRESS
max_connections -1

# MQTT over TLS: the devices (and the load test's own clients).
listener $MQTT_TLS_PORT $BIND_ADDRESS
max_connections -1
cafile $WORKDIR/certs/ca.crt
certfile $WORKDIR/certs/broker.crt
keyfile $WORKDIR/certs/broker.key
CONF
    log "work directory $WORKDIR"
    "$MOSQUITTO" -c "$WORKDIR/mosquitto.conf" >"$WORKDIR/mosquitto.stdout.log" 2>&1 &
    PIDS[mosquitto]=$!
    wait_for mosquitto 30 listening "$MQTT_PLAIN_PORT"
    wait_for mosquitto 30 listening "$MQTT_TLS_PORT"
}

start_service() {
    # start_service NAME PROJECT NAME=value...: runs the dll from its output directory (appsettings.json) in a clean environment.
    local name=$1 dll=${DLLS[$2]}
    shift 2
    (cd "$(dirname "$dll")" && exec env -i "${BASE_ENV[@]}" "$@" dotnet "$dll") >"$WORKDIR/$name.log" 2>&1 &
    PIDS[$name]=$!
}

# shellcheck disable=SC2317  # called through wait_for, which shellcheck does not follow
health() { curl -fsS -m 10 "http://127.0.0.1:$1/api/health" 2>/dev/null | tr -d '\n'; }
# shellcheck disable=SC2317  # called through wait_for, which shellcheck does not follow
healthy() { [[ $(health "$1") == *'"status":"healthy"'* ]]; }

count_lines() { local n; n=$(grep -cE "$1" "$2" 2>/dev/null) || true; printf '%s' "${n:-0}"; }
