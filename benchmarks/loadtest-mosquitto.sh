#!/usr/bin/env bash
# loadtest-mosquitto.sh: runs the load test (src/LwM2MSparkplug.LoadTest) against a real broker: Debian's Mosquitto,
# with the Sparkplug host and the LwM2M server as processes of their own, and no bridge or Kafka.
#
# Usage (from anywhere; the script's parameters are environment variables, all optional; every argument goes to the
# load test, see `dotnet run --project src/LwM2MSparkplug.LoadTest -- --help`):
#
#   benchmarks/loadtest-mosquitto.sh -n 10 -r 500 -d 3 --warmup 1 --no-live --markdown -
#   SKIP_BUILD=1 benchmarks/loadtest-mosquitto.sh -n 100 -r 20000 -d 60 --find-max --json run.json --markdown run.md
#
#   SKIP_BUILD=1                   use the dlls already built (otherwise: dotnet build once)
#   CONFIGURATION                  build configuration                                          default Release
#   MQTT_PLAIN_PORT, MQTT_TLS_PORT broker ports (services plain, load devices TLS)              default 31883, 38883
#   LWM2M_HTTP_PORT, SPARKPLUG_HTTP_PORT                                                        default 38080, 38081
#   BIND_ADDRESS                   where the broker listens                                     default 127.0.0.1
#   BROKER_HOST                    name the clients connect to (in the broker certificate)      default localhost
#   SERVICE_LOG_LEVEL              LOG_LEVEL of the two services                                default Warning
#   MAX_INFLIGHT_MESSAGES          Mosquitto's max_inflight_messages                            default 100
#   MAX_QUEUED_MESSAGES            Mosquitto's max_queued_messages (per client; past it the     default 10000
#                                  broker drops and counts in $SYS/broker/publish/messages/dropped)
#                                  (both defaults are those of the project's mosquitto/mosquitto.conf)
#   SYS_INTERVAL                   Mosquitto's sys_interval, seconds between $SYS reports       default 1
#   READY_TIMEOUT_SECONDS          deadline for each service to report healthy                  default 120
#   KEEP_WORKDIR=1                 keep the temporary directory (logs) after a successful run
#   MOSQUITTO                      broker binary                                                default mosquitto
#   STOP_TIMEOUT_SECONDS           how long each process may take to stop before it is killed   default 60
#
# What it does: builds (unless SKIP_BUILD=1) the Sparkplug host, the LwM2M server, the load test and the certificate
# tool; creates a temporary directory ($TMPDIR or /tmp, loadtest-mosquitto.*) with a development CA, a broker
# certificate and a mosquitto.conf (anonymous, plain listener for the two services, TLS listener for the load devices,
# no persistence, log file, sys_interval, and the queue limits above); starts mosquitto, then the Sparkplug host and the
# LwM2M server on plain MQTT, and waits (with a deadline) until both report healthy. It then runs the load test over
# TLS against them: --mqtt-host BROKER_HOST --mqtt-port MQTT_TLS_PORT --tls --ca-cert (the development CA), the two
# services' URLs, --bridge-url "" (no bridge: its hops are left out of the report) and --kafka none, followed by the
# script's arguments. Every process it started is stopped on exit, also on failure or Ctrl+C; on failure (any exit
# status but 0) the temporary directory with all logs is kept and printed. The services and the load test run with
# `dotnet X.dll` from their build output and a clean environment (env -i: PATH, HOME, DOTNET_ROOT; for the load test
# also TERM, COLUMNS and LINES, for its live table), so the caller's MQTT_*, LOG_LEVEL... cannot leak in. The services
# run in their output directory (their appsettings.json); the load test runs in the caller's directory, so relative
# --json and --markdown paths land where the caller expects.
#
# Output: stdout is the load test's own: its progress (the live table on a terminal, else one line per phase) and its
# report (the Markdown tables unless --json or --markdown say otherwise). stderr has this script's progress and, after
# the run, the clients Mosquitto logged "Outgoing messages are being dropped for client ..." for, with how often it
# started dropping for each (over the whole run: device bring-up, warm-ups and drains too, not only the measured
# phases), and the warnings and errors in the two services' logs. The exit status is the load test's: 0 every hop's
# counts add up, 3 they do not, 2 bad arguments, 1 it could not run; or this script's own 1 when the stack could not
# be started, 130/143 when interrupted.
#
# Limits: the broker counts drops only in total ($SYS/broker/publish/messages/dropped, which Mosquitto 2.0 publishes,
# retained, like .../received; it publishes a total only when it changed and $SYS/broker/uptime at every report): the
# report cannot tell whose queue a message was dropped from and says so, so a lossy phase shows those drops as
# unexplained at the hops; Mosquitto's log (see above) names the clients. The services keep their default MQTT client
# ids, which the load test does not know (it asks the broker for nothing per client anyway). Mosquitto reports every
# SYS_INTERVAL + 1 s, and a fresh read of the totals waits for two reports, so each phase's counts take a few seconds
# longer than with the self-contained stack. Everything (broker, services, load devices) shares the machine's cores:
# the load test itself uses a good share of them, so the rates say what this machine does with all of it at once.
set -euo pipefail
export LC_ALL=C

SKIP_BUILD=${SKIP_BUILD:-0}
CONFIGURATION=${CONFIGURATION:-Release}
MQTT_PLAIN_PORT=${MQTT_PLAIN_PORT:-31883}
MQTT_TLS_PORT=${MQTT_TLS_PORT:-38883}
LWM2M_HTTP_PORT=${LWM2M_HTTP_PORT:-38080}
SPARKPLUG_HTTP_PORT=${SPARKPLUG_HTTP_PORT:-38081}
BIND_ADDRESS=${BIND_ADDRESS:-127.0.0.1}
BROKER_HOST=${BROKER_HOST:-localhost}
SERVICE_LOG_LEVEL=${SERVICE_LOG_LEVEL:-Warning}
MAX_INFLIGHT_MESSAGES=${MAX_INFLIGHT_MESSAGES:-100}
MAX_QUEUED_MESSAGES=${MAX_QUEUED_MESSAGES:-10000}
SYS_INTERVAL=${SYS_INTERVAL:-1}
READY_TIMEOUT_SECONDS=${READY_TIMEOUT_SECONDS:-120}
KEEP_WORKDIR=${KEEP_WORKDIR:-0}
MOSQUITTO=${MOSQUITTO:-mosquitto}
STOP_TIMEOUT_SECONDS=${STOP_TIMEOUT_SECONDS:-60}

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROJECTS=(LwM2MSparkplug.SparkplugHost.Service LwM2MSparkplug.Lwm2mServer.Service LwM2MSparkplug.LoadTest LwM2MSparkplug.CertificateTool)
declare -A ASSEMBLIES=([LwM2MSparkplug.LoadTest]=loadtest)

# shellcheck source=benchmarks/stack-processes.sh
source "$REPO/benchmarks/stack-processes.sh"

for argument in "$@"; do
    case $argument in
        -h | --help | -\?)
            sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
            exit 0
            ;;
        --self-contained | --set | --set=* | --mqtt-host* | --mqtt-port* | --tls | --ca-cert* | --username* | --password* \
            | --sparkplug-host-url* | --lwm2m-server-url* | --bridge-url* | --kafka*)
            die "$argument describes the stack, which this script starts and passes to the load test itself; leave it out"
            ;;
    esac
done
for name in MQTT_PLAIN_PORT MQTT_TLS_PORT LWM2M_HTTP_PORT SPARKPLUG_HTTP_PORT MAX_INFLIGHT_MESSAGES MAX_QUEUED_MESSAGES SYS_INTERVAL READY_TIMEOUT_SECONDS STOP_TIMEOUT_SECONDS; do
    [[ ${!name} =~ ^[0-9]+$ ]] || die "$name must be a whole number; got '${!name}'"
done
# The load test waits at most 30 s for two reports; Mosquitto reports every SYS_INTERVAL + 1 s.
(( SYS_INTERVAL >= 1 && SYS_INTERVAL <= 10 )) || die "SYS_INTERVAL must be 1 to 10 (seconds); got $SYS_INTERVAL"
for tool in dotnet curl "$MOSQUITTO"; do
    command -v "$tool" >/dev/null || die "'$tool' is not installed"
done

# Each load device is one socket in the load test and one in the broker; both inherit this shell's limit.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

for port in "$MQTT_PLAIN_PORT" "$MQTT_TLS_PORT" "$LWM2M_HTTP_PORT" "$SPARKPLUG_HTTP_PORT"; do
    ! listening "$port" || die "port $port is already in use; choose others (MQTT_PLAIN_PORT, MQTT_TLS_PORT, *_HTTP_PORT)"
done

WORKDIR=$(mktemp -d "${TMPDIR:-/tmp}/loadtest-mosquitto.XXXXXX")
STOP_ORDER=(loadtest lwm2m-server sparkplug-host mosquitto)

install_cleanup

# --- build ---------------------------------------------------------------------------------------------------------
build_projects

# --- certificates and broker ---------------------------------------------------------------------------------------
BASE_ENV=(PATH="$PATH" HOME="${HOME:-$WORKDIR}")
[[ -z ${DOTNET_ROOT:-} ]] || BASE_ENV+=(DOTNET_ROOT="$DOTNET_ROOT")

# The load test reads $SYS/broker/publish/messages/received and .../dropped (and .../uptime, which marks each report).
start_broker benchmarks/loadtest-mosquitto.sh "$MAX_INFLIGHT_MESSAGES" "$MAX_QUEUED_MESSAGES" "sys_interval $SYS_INTERVAL"

SERVICE_ENV=(MQTT_HOST="$BROKER_HOST" MQTT_PORT="$MQTT_PLAIN_PORT" MQTT_USE_TLS=false LOG_LEVEL="$SERVICE_LOG_LEVEL")
start_service sparkplug-host LwM2MSparkplug.SparkplugHost.Service "${SERVICE_ENV[@]}" HTTP_PORT="$SPARKPLUG_HTTP_PORT"
start_service lwm2m-server LwM2MSparkplug.Lwm2mServer.Service "${SERVICE_ENV[@]}" HTTP_PORT="$LWM2M_HTTP_PORT"
# Healthy = MQTT connection up; the load test then waits until every device is born and registered.
wait_for sparkplug-host "$READY_TIMEOUT_SECONDS" healthy "$SPARKPLUG_HTTP_PORT"
wait_for lwm2m-server "$READY_TIMEOUT_SECONDS" healthy "$LWM2M_HTTP_PORT"
log "broker, Sparkplug host and LwM2M server are up"

# --- load test -----------------------------------------------------------------------------------------------------
LOADTEST_ENV=("${BASE_ENV[@]}")
for name in TERM COLUMNS LINES; do
    [[ -z ${!name:-} ]] || LOADTEST_ENV+=("$name=${!name}")
done
LOADTEST_ARGS=(
    --mqtt-host "$BROKER_HOST" --mqtt-port "$MQTT_TLS_PORT" --tls --ca-cert "$WORKDIR/certs/ca.crt"
    --sparkplug-host-url "http://127.0.0.1:$SPARKPLUG_HTTP_PORT/" --lwm2m-server-url "http://127.0.0.1:$LWM2M_HTTP_PORT/"
    --bridge-url "" --kafka none
)
log "running the load test: loadtest$(printf ' %q' "${LOADTEST_ARGS[@]}" "$@")"
# Standard input is passed on explicitly: a background command would otherwise read /dev/null.
env -i "${LOADTEST_ENV[@]}" dotnet "${DLLS[LwM2MSparkplug.LoadTest]}" "${LOADTEST_ARGS[@]}" "$@" <&0 &
PIDS[loadtest]=$!
STATUS=0
wait "${PIDS[loadtest]}" || STATUS=$?
unset "PIDS[loadtest]"
for name in sparkplug-host lwm2m-server mosquitto; do
    kill -0 "${PIDS[$name]}" 2>/dev/null || log "WARNING: $name (pid ${PIDS[$name]}) exited during the run; see $WORKDIR/$name.log"
done

# --- what the report cannot say ------------------------------------------------------------------------------------
DROPPING=$(awk '/Outgoing messages are being dropped for client/ { client = $NF; sub(/\.$/, "", client); count[client]++ }
    END { for (c in count) printf "%s%s (%d x)", (n++ ? ", " : ""), c, count[c] }' "$WORKDIR/mosquitto.log" 2>/dev/null || true)
if [[ -n $DROPPING ]]; then
    log "during the run (device bring-up, warm-ups and drains included) mosquitto started dropping outgoing messages (queue of $MAX_QUEUED_MESSAGES full) for: $DROPPING"
else
    log "during the run mosquitto logged no dropping of outgoing messages"
fi
for name in sparkplug-host lwm2m-server; do
    warnings=$(count_lines '^\[[0-9:]+ WRN\]' "$WORKDIR/$name.log")
    errors=$(count_lines '^\[[0-9:]+ (ERR|FTL)\]' "$WORKDIR/$name.log")
    (( warnings + errors == 0 )) || log "$name logged $warnings warnings and $errors errors (KEEP_WORKDIR=1 keeps $WORKDIR/$name.log)"
done
exit "$STATUS"
