#!/usr/bin/env bash
# Watches data flow into Redpanda: bridge status and metrics, message counts per topic, service health and the
# most recent messages. Interactive by default: r refreshes, m shows recent messages, t picks their topic,
# q quits; the screen also refreshes every REFRESH_SECONDS.
#
#   scripts/monitor-redpanda-data.sh                      Compose stack (rpk inside the redpanda container)
#   scripts/monitor-redpanda-data.sh --kcat HOST:PORT     any Kafka, read with kcat (e.g. the standalone's)
#   scripts/monitor-redpanda-data.sh --once               print the status once and exit
#
# Environment: BRIDGE_URL (http://localhost:8083), LWM2M_URL (http://localhost:8080),
# SPARKPLUG_URL (http://localhost:8081), CONNECT_URL (http://localhost:8087), RPK (docker-compose exec -T redpanda rpk),
# TOPICS (the stack's topics), MESSAGES (5), REFRESH_SECONDS (5).
set -uo pipefail

BRIDGE_URL=${BRIDGE_URL:-http://localhost:8083}
LWM2M_URL=${LWM2M_URL:-http://localhost:8080}
SPARKPLUG_URL=${SPARKPLUG_URL:-http://localhost:8081}
CONNECT_URL=${CONNECT_URL:-http://localhost:8087}
RPK=${RPK:-docker-compose exec -T redpanda rpk}
TOPICS=${TOPICS:-iot.telemetry.sparkplug.data iot.telemetry.lwm2m.registration iot.telemetry.lwm2m.updates iot.telemetry.lwm2m.http iot.telemetry.deadletter}
MESSAGES=${MESSAGES:-5}
REFRESH_SECONDS=${REFRESH_SECONDS:-5}

kcat_brokers=""
once=false
while [[ $# -gt 0 ]]; do
    case "$1" in
        --kcat) kcat_brokers=${2:?--kcat needs HOST:PORT}; shift 2 ;;
        --once) once=true; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
    esac
done

read -r -a topics <<< "$TOPICS"
message_topic=${topics[0]}

if [[ -n "$kcat_brokers" ]] && ! command -v kcat > /dev/null; then
    echo "kcat is not installed (Debian/Ubuntu: apt-get install kcat)" >&2
    exit 2
fi

backend="rpk ($RPK)"
[[ -n "$kcat_brokers" ]] && backend="kcat $kcat_brokers"

bold=$(tput bold 2> /dev/null || true)
plain=$(tput sgr0 2> /dev/null || true)

# Prints "ok" or "down" for a URL that answers 2xx.
probe() {
    if curl -fsS --max-time 3 -o /dev/null "$1" 2> /dev/null; then echo "ok"; else echo "down"; fi
}

# One JSON field of a flat JSON object, without jq.
json_field() {
    sed -n "s/.*\"$2\":[ ]*\"\{0,1\}\([^,\"}]*\).*/\1/p" <<< "$1"
}

# The number of messages in a topic: the sum over partitions of (high watermark - log start).
topic_count() {
    local topic=$1
    if [[ -n "$kcat_brokers" ]]; then
        # The last message of each partition carries its offset; count = last offset + 1 (nothing is deleted here).
        kcat -b "$kcat_brokers" -C -t "$topic" -o -1 -e -q -f '%o\n' 2> /dev/null |
            awk '{ total += $1 + 1 } END { print total + 0 }'
    else
        $RPK topic describe "$topic" -p 2> /dev/null |
            awk 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "LOG-START-OFFSET") s = i; if ($i == "HIGH-WATERMARK") h = i }; next }
                 h { total += $h - $s } END { if (h) print total }'
    fi
}

recent_messages() {
    local topic=$1
    if [[ -n "$kcat_brokers" ]]; then
        kcat -b "$kcat_brokers" -C -t "$topic" -o "-$MESSAGES" -e -q -f '[%p:%o] key=%k %s\n' 2> /dev/null | tail -n "$MESSAGES"
    else
        $RPK topic consume "$topic" --offset "-$MESSAGES" --num "$MESSAGES" --format '[%p:%o] key=%k %v\n' 2> /dev/null
    fi
}

show_status() {
    local health
    echo "${bold}LwM2MSparkplug data monitor${plain}  $(date '+%Y-%m-%d %H:%M:%S')  (Kafka via $backend)"
    echo
    echo "${bold}Bridge${plain} $BRIDGE_URL"
    health=$(curl -sS --max-time 3 "$BRIDGE_URL/api/health" 2> /dev/null || true)
    if [[ -z "$health" ]]; then
        echo "  not reachable"
    else
        echo "  status: $(json_field "$health" status)   mqtt connected: $(json_field "$health" mqtt_connected)   kafka reachable: $(json_field "$health" kafka_reachable)   in flight: $(json_field "$health" in_flight)"
        curl -sS --max-time 3 "$BRIDGE_URL/metrics" 2> /dev/null |
            grep -E '^bridge_(records_forwarded_total|mqtt_messages_received_total|delivery_failures_total|dead_letters_total)' |
            sed 's/^/  /'
    fi
    echo
    echo "${bold}Topics${plain} (messages)"
    for topic in "${topics[@]}"; do
        count=$(topic_count "$topic")
        printf '  %-36s %s\n' "$topic" "${count:-unavailable}"
    done
    echo
    echo "${bold}Connections${plain}"
    printf '  %-18s %s\n' "lwm2m-server" "$(probe "$LWM2M_URL/api/health")"
    printf '  %-18s %s\n' "sparkplug-host" "$(probe "$SPARKPLUG_URL/api/health")"
    printf '  %-18s %s\n' "mqtt-kafka-bridge" "$(probe "$BRIDGE_URL/api/health")"
    printf '  %-18s %s\n' "redpanda-connect" "$(probe "$CONNECT_URL/ready")"
}

show_messages() {
    echo
    echo "${bold}Last $MESSAGES messages of $message_topic${plain}"
    recent_messages "$message_topic" | cut -c1-200 | sed 's/^/  /'
}

if $once; then
    show_status
    show_messages
    exit 0
fi

show_messages_next=false
while true; do
    clear 2> /dev/null || true
    show_status
    if $show_messages_next; then
        show_messages
        show_messages_next=false
    fi
    echo
    echo "[r] refresh  [m] recent messages  [t] topic ($message_topic)  [q] quit"
    if read -r -s -n 1 -t "$REFRESH_SECONDS" key; then
        case "$key" in
            q|Q) exit 0 ;;
            m|M) show_messages_next=true ;;
            t|T)
                echo
                select topic in "${topics[@]}"; do
                    [[ -n "${topic:-}" ]] && message_topic=$topic && break
                done
                show_messages_next=true ;;
            *) ;;
        esac
    elif [[ $? -le 128 ]]; then
        exit 0 # stdin closed
    fi
done
