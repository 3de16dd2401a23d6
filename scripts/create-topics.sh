#!/bin/bash
# Creates the stack's Kafka topics in Redpanda, each with its partition count; topics that exist are kept.
# KAFKA_TOPICS lists "name:partitions" separated by spaces; RPK_BROKERS names the brokers.
set -euo pipefail

: "${KAFKA_TOPICS:?set KAFKA_TOPICS to 'topic:partitions topic:partitions ...'}"
: "${RPK_BROKERS:?set RPK_BROKERS, e.g. redpanda:9092}"
replicas=${KAFKA_REPLICAS:-1}

for entry in $KAFKA_TOPICS; do
    topic=${entry%%:*}
    partitions=${entry##*:}
    if [[ -z "$topic" || ! "$partitions" =~ ^[1-9][0-9]*$ ]]; then
        echo "create-topics.sh: '$entry' is not 'topic:partitions'" >&2
        exit 2
    fi
    if rpk topic describe "$topic" > /dev/null 2>&1; then
        echo "kept    $topic"
    else
        rpk topic create "$topic" --partitions "$partitions" --replicas "$replicas"
    fi
done
