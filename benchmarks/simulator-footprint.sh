#!/usr/bin/env bash
# simulator-footprint.sh: measures the device simulator's footprint (time to bring a fleet up, memory, CPU per
# message) against a real broker, with the LwM2M server and the Sparkplug host as the fleet's readers.
#
# Usage (from anywhere; every parameter is an environment variable, all optional):
#
#   DEVICES=1000 TELEMETRY_INTERVAL=1 LWM2M_INTERVAL=10 benchmarks/simulator-footprint.sh
#   DEVICES=10000 TELEMETRY_INTERVAL=10 LWM2M_INTERVAL=60 SKIP_BUILD=1 benchmarks/simulator-footprint.sh
#
#   DEVICES                        simulated devices (DEVICE_COUNT of the simulator)            default 1000
#   TELEMETRY_INTERVAL             seconds between a device's Sparkplug DDATA                   default 1
#   LWM2M_INTERVAL                 seconds between a device's LwM2M Send                        default 10
#   DEVICE_START_INTERVAL_SECONDS  spacing of device start-ups; unset: the simulator's default  default unset
#   DEVICE_ID_PREFIX               device ids {prefix}-001...                                   default sim-bench
#   WARMUP_SECONDS                 wait after the fleet is complete, before measuring           default 30
#   MEASURE_SECONDS                length of the measurement window                             default 60
#   READY_TIMEOUT_SECONDS          deadline for the fleet to be complete (from simulator start) default 900
#   POLL_SECONDS                   readiness polling period                                     default 1
#   SKIP_BUILD=1                   use the dlls already built (otherwise: dotnet build once)
#   CONFIGURATION                  build configuration                                          default Release
#   MQTT_PLAIN_PORT, MQTT_TLS_PORT broker ports (services plain, devices TLS)                   default 21883, 28883
#   LWM2M_HTTP_PORT, SPARKPLUG_HTTP_PORT, SIMULATOR_HTTP_PORT                                   default 28080-28082
#   BIND_ADDRESS                   where the broker listens                                     default 127.0.0.1
#   BROKER_HOST                    name the clients connect to (in the broker certificate)      default localhost
#   SERVICE_LOG_LEVEL              LOG_LEVEL of the three services                              default Warning
#   SIMULATOR_EXTRA_ENV            extra "NAME=value NAME2=value" for the simulator only (experiments; no spaces
#                                  inside a value), e.g. "DOTNET_gcServer=0"
#   LABEL                          free text copied into the JSON (e.g. "before"; no double quotes)
#   RESULTS_FILE                   append the JSON line to this file as well
#   KEEP_WORKDIR=1                 keep the temporary directory (logs) after a successful run
#   MOSQUITTO                      broker binary                                                default mosquitto
#
# What it does: builds (unless SKIP_BUILD=1) the LwM2M server, the Sparkplug host, the simulator and the certificate
# tool; creates a temporary directory ($TMPDIR or /tmp, measure-simulator-footprint.*) with a development CA, a broker
# certificate and a mosquitto.conf (anonymous, plain listener for the two services, TLS listener for the devices, no
# persistence, log file, and the queue limits of the project's mosquitto/mosquitto.conf); starts mosquitto,
# the LwM2M server and the Sparkplug host (plain MQTT) and waits until both report healthy; starts the simulator
# over TLS with a fresh state directory and polls, against a deadline, until the simulator reports every device
# connected, the LwM2M server every device registered and the Sparkplug host every edge node online. It then waits
# WARMUP_SECONDS and measures over MEASURE_SECONDS. Every process it started is stopped on exit, also on failure or
# Ctrl+C; on failure the temporary directory with all logs is kept and printed. The services run with `dotnet
# X.dll` from their build output directory and a clean environment (env -i: PATH, HOME, DOTNET_ROOT only), so the
# caller's MQTT_*, DEVICE_COUNT... cannot leak in.
#
# Output (stdout): a Markdown table header and one row, then one JSON line. The columns:
#   devices             DEVICES
#   telemetry s         TELEMETRY_INTERVAL;  lwm2m s: LWM2M_INTERVAL
#   connected s         seconds from the simulator's launch (process start, so .NET start-up is included) until its
#                       /api/health first showed devices_connected = DEVICES
#   registered s        ... until the LwM2M server's /api/health first showed active_devices >= DEVICES
#   born s              ... until the Sparkplug host's /api/health first showed nodes_online >= DEVICES
#                       (resolution: POLL_SECONDS plus the time of one round of health requests)
#   RSS MB              the simulator's VmRSS (/proc/PID/status) at the end of the window, MiB
#   RSS KB/device       that VmRSS divided by DEVICES: includes the fixed cost of the runtime and ASP.NET
#                       (run with DEVICES=0 to see that base), so it is an upper bound of the per-device cost
#   msg/s               increase of sum(simulator_messages_published_total) over the window / window length:
#                       what the simulator says it published (all protocols and types)
#   sim CPU %           simulator utime+stime (/proc/PID/stat, / getconf CLK_TCK) over the window, in % of ONE core
#                       (200 % = both cores of a 2-core machine)
#   CPU us/msg          simulator CPU seconds over the window * 1e6 / messages in the window. It charges ALL the
#                       simulator's CPU (timers, keep-alives, GC, /metrics scrapes) to the messages; "n/a" when no
#                       message was published (idle runs)
#   mosquitto CPU %     the broker's CPU over the same window, % of one core, for context (it does the TLS work)
# The JSON line repeats these and adds context: peak RSS (VmHWM), threads, managed heap, the CPU of the LwM2M server
# and the Sparkplug host, the whole machine's busy, softirq and steal CPU, and what is left for processes not started
# here ("other_cpu_pct" = busy - softirq - the four processes: other people's builds make the numbers noisy; softirq,
# mostly the kernel's loopback TCP work for this traffic, is charged to no process; /proc/stat is sampled per tick
# while process times are exact, so for bursty loads like this one it reads low, even -15 %: only large values say
# something), "cpu_pressure_pct" (share of the window in which some runnable task waited for a core, from
# /proc/pressure/cpu where the kernel has it: high when the machine is oversubscribed, by us or by others), reconnects
# and publish failures in the window, the per-type message rates, warnings and errors in the service logs and the
# MQTT connections the broker saw (DEVICES + 2 means no device reconnected, start-up included).
#
# Limits: one run is one sample; repeat runs to see the spread. CPU % comes from clock ticks (10 ms resolution).
# Everything (broker, services, simulator) shares the same cores: a machine busy with other work slows the fleet's
# start-up and changes the simulator's CPU (periodic timers that fire late do less work, so contention can LOWER it);
# compare runs whose other_cpu_pct is small. The numbers depend on the broker, TLS and the runtime's GC mode (the
# service's runtimeconfig decides; this script does not change it). Stopping a large fleet at the end makes every
# device de-register at once; mosquitto may then log "Outgoing messages are being dropped for client lwm2m-server".
# That happens after the measurement and does not affect it.
set -euo pipefail
export LC_ALL=C

DEVICES=${DEVICES:-1000}
TELEMETRY_INTERVAL=${TELEMETRY_INTERVAL:-1}
LWM2M_INTERVAL=${LWM2M_INTERVAL:-10}
DEVICE_START_INTERVAL_SECONDS=${DEVICE_START_INTERVAL_SECONDS:-}
DEVICE_ID_PREFIX=${DEVICE_ID_PREFIX:-sim-bench}
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
MEASURE_SECONDS=${MEASURE_SECONDS:-60}
READY_TIMEOUT_SECONDS=${READY_TIMEOUT_SECONDS:-900}
POLL_SECONDS=${POLL_SECONDS:-1}
SKIP_BUILD=${SKIP_BUILD:-0}
CONFIGURATION=${CONFIGURATION:-Release}
MQTT_PLAIN_PORT=${MQTT_PLAIN_PORT:-21883}
MQTT_TLS_PORT=${MQTT_TLS_PORT:-28883}
LWM2M_HTTP_PORT=${LWM2M_HTTP_PORT:-28080}
SPARKPLUG_HTTP_PORT=${SPARKPLUG_HTTP_PORT:-28081}
SIMULATOR_HTTP_PORT=${SIMULATOR_HTTP_PORT:-28082}
BIND_ADDRESS=${BIND_ADDRESS:-127.0.0.1}
BROKER_HOST=${BROKER_HOST:-localhost}
SERVICE_LOG_LEVEL=${SERVICE_LOG_LEVEL:-Warning}
SIMULATOR_EXTRA_ENV=${SIMULATOR_EXTRA_ENV:-}
LABEL=${LABEL:-}
RESULTS_FILE=${RESULTS_FILE:-}
KEEP_WORKDIR=${KEEP_WORKDIR:-0}
MOSQUITTO=${MOSQUITTO:-mosquitto}
STOP_TIMEOUT_SECONDS=${STOP_TIMEOUT_SECONDS:-60}

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROJECTS=(LwM2MSparkplug.Lwm2mServer.Service LwM2MSparkplug.SparkplugHost.Service LwM2MSparkplug.DeviceSimulator.Service LwM2MSparkplug.CertificateTool)

# shellcheck source=benchmarks/stack-processes.sh
source "$REPO/benchmarks/stack-processes.sh"

for name in DEVICES WARMUP_SECONDS MEASURE_SECONDS READY_TIMEOUT_SECONDS MQTT_PLAIN_PORT MQTT_TLS_PORT LWM2M_HTTP_PORT SPARKPLUG_HTTP_PORT SIMULATOR_HTTP_PORT STOP_TIMEOUT_SECONDS; do
    [[ ${!name} =~ ^[0-9]+$ ]] || die "$name must be a whole number; got '${!name}'"
done
for name in TELEMETRY_INTERVAL LWM2M_INTERVAL POLL_SECONDS; do
    [[ ${!name} =~ ^[0-9]+([.][0-9]+)?$ ]] || die "$name must be a number of seconds; got '${!name}'"
done
(( MEASURE_SECONDS > 0 )) || die "MEASURE_SECONDS must be above 0"
for tool in dotnet curl getconf "$MOSQUITTO"; do
    command -v "$tool" >/dev/null || die "'$tool' is not installed"
done
CLK_TCK=$(getconf CLK_TCK)

# Each device is one socket in the simulator and one in the broker; both inherit this shell's limit.
if (( $(ulimit -n) < DEVICES + 1024 )); then
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    (( $(ulimit -n) >= DEVICES + 1024 )) || die "ulimit -n is $(ulimit -n); $DEVICES devices need at least $((DEVICES + 1024))"
fi

for port in "$MQTT_PLAIN_PORT" "$MQTT_TLS_PORT" "$LWM2M_HTTP_PORT" "$SPARKPLUG_HTTP_PORT" "$SIMULATOR_HTTP_PORT"; do
    ! listening "$port" || die "port $port is already in use; choose others (MQTT_PLAIN_PORT, MQTT_TLS_PORT, *_HTTP_PORT)"
done

WORKDIR=$(mktemp -d "${TMPDIR:-/tmp}/measure-simulator-footprint.XXXXXX")
STOP_ORDER=(simulator lwm2m-server sparkplug-host mosquitto)

install_cleanup

# --- build ---------------------------------------------------------------------------------------------------------
build_projects
COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null) ]]; then
    COMMIT="$COMMIT+dirty"
fi

# --- certificates and broker ---------------------------------------------------------------------------------------
BASE_ENV=(PATH="$PATH" HOME="${HOME:-$WORKDIR}")
[[ -z ${DOTNET_ROOT:-} ]] || BASE_ENV+=(DOTNET_ROOT="$DOTNET_ROOT")

# The queue limits of the project's mosquitto/mosquitto.conf.
start_broker benchmarks/simulator-footprint.sh 100 10000

now() { printf '%s' "$EPOCHREALTIME"; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

health() { curl -fsS -m 10 "http://127.0.0.1:$1/api/health" 2>/dev/null | tr -d '\n'; }
json_number() {
    # json_number KEY JSON: the whole-number value of a top-level key, or nothing.
    [[ $2 =~ \"$1\"[[:space:]]*:[[:space:]]*([0-9]+) ]] && printf '%s' "${BASH_REMATCH[1]}"
}

SERVICE_ENV=(MQTT_HOST="$BROKER_HOST" MQTT_PORT="$MQTT_PLAIN_PORT" MQTT_USE_TLS=false LOG_LEVEL="$SERVICE_LOG_LEVEL")
start_service lwm2m-server LwM2MSparkplug.Lwm2mServer.Service "${SERVICE_ENV[@]}" HTTP_PORT="$LWM2M_HTTP_PORT"
start_service sparkplug-host LwM2MSparkplug.SparkplugHost.Service "${SERVICE_ENV[@]}" HTTP_PORT="$SPARKPLUG_HTTP_PORT"
# Births and registrations are not retained, so the readers come first. Healthy = MQTT connection up (the same gate
# the standalone process uses); a registration or birth lost in the moment before its subscription is active is sent
# again by the device (registration retry) or recovered by the host's rebirth request, and shows as a later time.
wait_for lwm2m-server 120 healthy "$LWM2M_HTTP_PORT"
wait_for sparkplug-host 120 healthy "$SPARKPLUG_HTTP_PORT"
log "broker, LwM2M server and Sparkplug host are up"

# --- simulator and readiness ---------------------------------------------------------------------------------------
SIMULATOR_ENV=(
    MQTT_HOST="$BROKER_HOST" MQTT_PORT="$MQTT_TLS_PORT" MQTT_USE_TLS=true MQTT_CA_CERT="$WORKDIR/certs/ca.crt"
    HTTP_PORT="$SIMULATOR_HTTP_PORT" LOG_LEVEL="$SERVICE_LOG_LEVEL"
    DEVICE_COUNT="$DEVICES" DEVICE_ID_PREFIX="$DEVICE_ID_PREFIX"
    TELEMETRY_INTERVAL="$TELEMETRY_INTERVAL" LWM2M_INTERVAL="$LWM2M_INTERVAL"
    SIMULATOR_STATE_DIR="$WORKDIR/simulator-state"
)
[[ -z $DEVICE_START_INTERVAL_SECONDS ]] || SIMULATOR_ENV+=(DEVICE_START_INTERVAL_SECONDS="$DEVICE_START_INTERVAL_SECONDS")
if [[ -n $SIMULATOR_EXTRA_ENV ]]; then
    read -r -a extra <<<"$SIMULATOR_EXTRA_ENV"
    SIMULATOR_ENV+=("${extra[@]}")
fi

log "starting the simulator: $DEVICES devices, telemetry every $TELEMETRY_INTERVAL s, LwM2M Send every $LWM2M_INTERVAL s"
START=$(now)
start_service simulator LwM2MSparkplug.DeviceSimulator.Service "${SIMULATOR_ENV[@]}"

CONNECTED_S="" REGISTERED_S="" BORN_S=""
connected=0 registered=0 born=0 last_progress=0
READY_DEADLINE=$(( $(date +%s) + READY_TIMEOUT_SECONDS ))
while :; do
    alive simulator
    alive lwm2m-server
    alive sparkplug-host
    alive mosquitto
    sim=$(health "$SIMULATOR_HTTP_PORT" || true)
    lwm=$(health "$LWM2M_HTTP_PORT" || true)
    spb=$(health "$SPARKPLUG_HTTP_PORT" || true)
    connected=$(json_number devices_connected "$sim" || echo 0)
    registered=$(json_number active_devices "$lwm" || echo 0)
    born=$(json_number nodes_online "$spb" || echo 0)
    [[ -n $CONNECTED_S ]] || (( connected < DEVICES )) || CONNECTED_S=$(since "$START")
    [[ -n $REGISTERED_S ]] || (( registered < DEVICES )) || REGISTERED_S=$(since "$START")
    [[ -n $BORN_S ]] || (( born < DEVICES )) || BORN_S=$(since "$START")
    if (( connected >= DEVICES && registered >= DEVICES && born >= DEVICES )); then
        break
    fi
    if (( $(date +%s) >= READY_DEADLINE )); then
        log "NOT READY after $READY_TIMEOUT_SECONDS s: connected $connected, registered $registered, born $born of $DEVICES" \
            "(first complete at: connected ${CONNECTED_S:-never}, registered ${REGISTERED_S:-never}, born ${BORN_S:-never} s)"
        printf '{"status":"not_ready","label":"%s","commit":"%s","devices":%s,"telemetry_interval_s":%s,"lwm2m_interval_s":%s,"timeout_s":%s,"connected":%s,"registered":%s,"born":%s}\n' \
            "$LABEL" "$COMMIT" "$DEVICES" "$TELEMETRY_INTERVAL" "$LWM2M_INTERVAL" "$READY_TIMEOUT_SECONDS" "${connected:-0}" "${registered:-0}" "${born:-0}"
        exit 1
    fi
    if (( $(date +%s) - last_progress >= 15 )); then
        log "t+$(since "$START") s: connected $connected, registered $registered, born $born of $DEVICES"
        last_progress=$(date +%s)
    fi
    pause "$POLL_SECONDS"
done
log "fleet complete: connected after ${CONNECTED_S} s, registered after ${REGISTERED_S} s, born after ${BORN_S} s"

# --- measurement ---------------------------------------------------------------------------------------------------
cpu_ticks() {
    # utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat; the name may hold spaces).
    local line rest fields
    read -r line <"/proc/$1/stat"
    rest=${line##*) }
    read -r -a fields <<<"$rest"
    printf '%s' "$(( fields[11] + fields[12] ))"
}
machine_ticks() {
    # "busy softirq steal" for the whole machine (all cores) from /proc/stat: busy excludes idle, iowait and steal.
    local label user nice system irq softirq steal
    read -r label user nice system _ _ irq softirq steal _ <"/proc/stat"
    [[ $label == cpu ]] || die "unexpected /proc/stat"
    printf '%s %s %s' "$(( user + nice + system + irq + softirq ))" "$softirq" "$steal"
}
cpu_pressure_us() {
    # Microseconds in which at least one runnable task waited for a CPU (PSI "some total"); empty without PSI.
    if [[ -r /proc/pressure/cpu ]]; then
        awk '$1 == "some" { sub("total=", "", $5); print $5 }' /proc/pressure/cpu
    fi
}
status_kb() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }
scrape() { curl -fsS -m 30 "http://127.0.0.1:$SIMULATOR_HTTP_PORT/metrics" >"$1" || die "could not read the simulator's /metrics"; }
metric_sum() { awk -v name="$2" '$1 == name || index($1, name "{") == 1 { sum += $NF } END { printf "%.0f", sum }' "$1"; }

log "warming up for $WARMUP_SECONDS s"
pause "$WARMUP_SECONDS"
for name in simulator lwm2m-server sparkplug-host mosquitto; do alive "$name"; done

declare -A CPU0=() CPU1=()
scrape "$WORKDIR/metrics-start.txt"
T0=$(now)
for name in simulator lwm2m-server sparkplug-host mosquitto; do CPU0[$name]=$(cpu_ticks "${PIDS[$name]}"); done
read -r BUSY0 SOFTIRQ0 STEAL0 <<<"$(machine_ticks)"
PRESSURE0=$(cpu_pressure_us)
log "measuring for $MEASURE_SECONDS s"
pause "$MEASURE_SECONDS"
for name in simulator lwm2m-server sparkplug-host mosquitto; do alive "$name"; CPU1[$name]=$(cpu_ticks "${PIDS[$name]}"); done
read -r BUSY1 SOFTIRQ1 STEAL1 <<<"$(machine_ticks)"
PRESSURE1=$(cpu_pressure_us)
T1=$(now)
scrape "$WORKDIR/metrics-end.txt"
RSS_KB=$(status_kb "${PIDS[simulator]}" VmRSS)
HWM_KB=$(status_kb "${PIDS[simulator]}" VmHWM)
THREADS=$(status_kb "${PIDS[simulator]}" Threads)
sim=$(health "$SIMULATOR_HTTP_PORT" || true)
lwm=$(health "$LWM2M_HTTP_PORT" || true)
spb=$(health "$SPARKPLUG_HTTP_PORT" || true)
END_CONNECTED=$(json_number devices_connected "$sim" || echo null)
END_REGISTERED=$(json_number active_devices "$lwm" || echo null)
END_BORN=$(json_number nodes_online "$spb" || echo null)

M0="$WORKDIR/metrics-start.txt" M1="$WORKDIR/metrics-end.txt"
MSG0=$(metric_sum "$M0" simulator_messages_published_total)
MSG1=$(metric_sum "$M1" simulator_messages_published_total)
RECONNECTS=$(( $(metric_sum "$M1" simulator_mqtt_connects_total) - $(metric_sum "$M0" simulator_mqtt_connects_total) ))
FAILURES=$(( $(metric_sum "$M1" simulator_publish_failures_total) - $(metric_sum "$M0" simulator_publish_failures_total) ))
MANAGED_BYTES=$(metric_sum "$M1" dotnet_total_memory_bytes)
RATES_BY_TYPE=$(awk -v seconds="$(awk -v a="$T0" -v b="$T1" 'BEGIN { print b - a }')" '
    index($1, "simulator_messages_published_total{") == 1 {
        match($1, /protocol="[^"]*"/); protocol = substr($1, RSTART + 10, RLENGTH - 11)
        match($1, /message_type="[^"]*"/); type = substr($1, RSTART + 14, RLENGTH - 15)
        key = protocol "/" type
        if (FILENAME == ARGV[1]) start[key] = $NF; else { end[key] = $NF; keys[key] = 1 }
    }
    END { for (k in keys) { rate = (end[k] - start[k]) / seconds; if (rate > 0) printf "%s%s=%.1f", (n++ ? " " : ""), k, rate } }' "$M0" "$M1")

SIM_WARNINGS=$(count_lines '^\[[0-9:]+ WRN\]' "$WORKDIR/simulator.log")
SIM_ERRORS=$(count_lines '^\[[0-9:]+ (ERR|FTL)\]' "$WORKDIR/simulator.log")
SERVICE_WARNINGS=$(( $(count_lines '^\[[0-9:]+ WRN\]' "$WORKDIR/lwm2m-server.log") + $(count_lines '^\[[0-9:]+ WRN\]' "$WORKDIR/sparkplug-host.log") ))
SERVICE_ERRORS=$(( $(count_lines '^\[[0-9:]+ (ERR|FTL)\]' "$WORKDIR/lwm2m-server.log") + $(count_lines '^\[[0-9:]+ (ERR|FTL)\]' "$WORKDIR/sparkplug-host.log") ))
BROKER_CONNECTIONS=$(count_lines 'New client connected' "$WORKDIR/mosquitto.log")

RESULT=$(awk \
    -v devices="$DEVICES" -v clk="$CLK_TCK" -v t0="$T0" -v t1="$T1" \
    -v sim0="${CPU0[simulator]}" -v sim1="${CPU1[simulator]}" \
    -v mq0="${CPU0[mosquitto]}" -v mq1="${CPU1[mosquitto]}" \
    -v lw0="${CPU0[lwm2m-server]}" -v lw1="${CPU1[lwm2m-server]}" \
    -v sp0="${CPU0[sparkplug-host]}" -v sp1="${CPU1[sparkplug-host]}" \
    -v busy0="$BUSY0" -v busy1="$BUSY1" -v softirq0="$SOFTIRQ0" -v softirq1="$SOFTIRQ1" -v steal0="$STEAL0" -v steal1="$STEAL1" \
    -v msg0="$MSG0" -v msg1="$MSG1" -v rss="$RSS_KB" -v hwm="$HWM_KB" -v managed="$MANAGED_BYTES" '
    BEGIN {
        seconds = t1 - t0
        sim = (sim1 - sim0) / clk; mq = (mq1 - mq0) / clk; lw = (lw1 - lw0) / clk; sp = (sp1 - sp0) / clk
        # Machine ticks are summed over all cores: in % of one core as well.
        machine = (busy1 - busy0) / clk; softirq = (softirq1 - softirq0) / clk; steal = (steal1 - steal0) / clk
        messages = msg1 - msg0
        printf "%.1f %.1f %.0f %.1f %.1f %s %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.0f %.1f %.0f\n",
            seconds, rss / 1024, rss / (devices > 0 ? devices : 1), messages / seconds, 100 * sim / seconds,
            (messages > 0 ? sprintf("%.1f", sim * 1e6 / messages) : "n/a"), 100 * mq / seconds,
            100 * lw / seconds, 100 * sp / seconds, 100 * machine / seconds, 100 * softirq / seconds, 100 * steal / seconds,
            100 * (machine - softirq - sim - mq - lw - sp) / seconds, messages, hwm / 1024, managed / 1048576
    }')
read -r WINDOW_S RSS_MB RSS_KB_PER_DEVICE MSG_RATE SIM_CPU CPU_US_PER_MSG MQ_CPU LW_CPU SP_CPU MACHINE_CPU SOFTIRQ_CPU STEAL_CPU OTHER_CPU MESSAGES HWM_MB MANAGED_MB <<<"$RESULT"
(( DEVICES > 0 )) || RSS_KB_PER_DEVICE="n/a"
CPU_PRESSURE="n/a"
if [[ -n $PRESSURE0 && -n $PRESSURE1 ]]; then
    CPU_PRESSURE=$(awk -v p0="$PRESSURE0" -v p1="$PRESSURE1" -v s="$WINDOW_S" 'BEGIN { printf "%.1f", (p1 - p0) / 1e4 / s }')
fi

echo "| devices | telemetry s | lwm2m s | connected s | registered s | born s | RSS MB | RSS KB/device | msg/s | sim CPU % | CPU us/msg | mosquitto CPU % |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
    "$DEVICES" "$TELEMETRY_INTERVAL" "$LWM2M_INTERVAL" "$CONNECTED_S" "$REGISTERED_S" "$BORN_S" "$RSS_MB" "$RSS_KB_PER_DEVICE" \
    "$MSG_RATE" "$SIM_CPU" "$CPU_US_PER_MSG" "$MQ_CPU"
json_value() { if [[ $1 =~ ^[0-9]+([.][0-9]+)?$ ]]; then printf '%s' "$1"; else printf 'null'; fi; }
JSON=$(printf '{"status":"ok","label":"%s","commit":"%s","devices":%s,"telemetry_interval_s":%s,"lwm2m_interval_s":%s,"start_interval_s":%s,"connected_s":%s,"registered_s":%s,"born_s":%s,"warmup_s":%s,"window_s":%s,"rss_mb":%s,"rss_kb_per_device":%s,"messages":%s,"msg_per_s":%s,"sim_cpu_pct":%s,"cpu_us_per_msg":%s,"mosquitto_cpu_pct":%s,"lwm2m_server_cpu_pct":%s,"sparkplug_host_cpu_pct":%s,"machine_cpu_pct":%s,"softirq_cpu_pct":%s,"steal_cpu_pct":%s,"other_cpu_pct":%s,"cpu_pressure_pct":%s,"cores":%s,"rss_peak_mb":%s,"managed_heap_mb":%s,"threads":%s,"reconnects_in_window":%s,"publish_failures_in_window":%s,"end_connected":%s,"end_registered":%s,"end_born":%s,"broker_connections":%s,"sim_log_warnings":%s,"sim_log_errors":%s,"service_log_warnings":%s,"service_log_errors":%s,"msg_per_s_by_type":"%s"}' \
    "$LABEL" "$COMMIT" "$DEVICES" "$TELEMETRY_INTERVAL" "$LWM2M_INTERVAL" "$(json_value "$DEVICE_START_INTERVAL_SECONDS")" \
    "$CONNECTED_S" "$REGISTERED_S" "$BORN_S" "$WARMUP_SECONDS" "$WINDOW_S" "$RSS_MB" "$(json_value "$RSS_KB_PER_DEVICE")" "$MESSAGES" "$MSG_RATE" \
    "$SIM_CPU" "$(json_value "$CPU_US_PER_MSG")" "$MQ_CPU" "$LW_CPU" "$SP_CPU" "$MACHINE_CPU" "$SOFTIRQ_CPU" "$STEAL_CPU" "$OTHER_CPU" "$(json_value "$CPU_PRESSURE")" "$(getconf _NPROCESSORS_ONLN)" \
    "$HWM_MB" "$MANAGED_MB" "$(json_value "$THREADS")" "$RECONNECTS" "$FAILURES" "$(json_value "$END_CONNECTED")" "$(json_value "$END_REGISTERED")" "$(json_value "$END_BORN")" \
    "$BROKER_CONNECTIONS" "$SIM_WARNINGS" "$SIM_ERRORS" "$SERVICE_WARNINGS" "$SERVICE_ERRORS" "$RATES_BY_TYPE")
echo "$JSON"
[[ -z $RESULTS_FILE ]] || echo "$JSON" >>"$RESULTS_FILE"

# Warnings about the run's validity go to stderr: the numbers are printed either way.
(( RECONNECTS == 0 )) || log "WARNING: $RECONNECTS MQTT (re)connects during the window: the fleet was not steady"
(( FAILURES == 0 )) || log "WARNING: $FAILURES failed publishes during the window"
[[ $END_CONNECTED == "$DEVICES" ]] || log "WARNING: at the end of the window $END_CONNECTED of $DEVICES devices were connected"
awk -v other="$OTHER_CPU" 'BEGIN { exit !(other > 10) }' && log "WARNING: processes not started here used $OTHER_CPU % of a core during the window: expect noise"
(( SIM_ERRORS + SERVICE_ERRORS == 0 )) || log "WARNING: errors in the service logs (simulator $SIM_ERRORS, others $SERVICE_ERRORS)"
exit 0
