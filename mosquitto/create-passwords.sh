#!/bin/sh
# Writes Mosquitto's password file from environment variables, one account per service instance and tool:
#   MQTT_LWM2M_SERVER_PASSWORD, MQTT_SPARKPLUG_HOST_PASSWORD, MQTT_BRIDGE_PASSWORD (both bridge replicas' accounts),
#   MQTT_MONITOR_PASSWORD, MQTT_HEALTHCHECK_PASSWORD
# Devices have no account: they authenticate with certificates on the device listener (mosquitto.conf).
# Usage: create-passwords.sh PASSWORD_FILE
# Passwords are hashed by mosquitto_passwd (sha512-pbkdf2); the plain text never reaches the disk.
set -eu

passwd_file=${1:?usage: create-passwords.sh PASSWORD_FILE}

require() {
    eval "value=\${$1:-}"
    if [ -z "$value" ]; then
        echo "create-passwords.sh: $1 is not set; set it in .env (see .env.example)." >&2
        exit 2
    fi
}

for variable in MQTT_LWM2M_SERVER_PASSWORD MQTT_SPARKPLUG_HOST_PASSWORD MQTT_BRIDGE_PASSWORD MQTT_MONITOR_PASSWORD MQTT_HEALTHCHECK_PASSWORD; do
    require "$variable"
done

umask 077
temporary="$passwd_file.new"
: > "$temporary"
mosquitto_passwd -b "$temporary" lwm2m-server "$MQTT_LWM2M_SERVER_PASSWORD"
mosquitto_passwd -b "$temporary" sparkplug-host "$MQTT_SPARKPLUG_HOST_PASSWORD"
mosquitto_passwd -b "$temporary" mqtt-kafka-bridge "$MQTT_BRIDGE_PASSWORD"
mosquitto_passwd -b "$temporary" mqtt-kafka-bridge-2 "$MQTT_BRIDGE_PASSWORD"
mosquitto_passwd -b "$temporary" monitor "$MQTT_MONITOR_PASSWORD"
mosquitto_passwd -b "$temporary" healthcheck "$MQTT_HEALTHCHECK_PASSWORD"
if [ "$(id -u)" = 0 ] && id mosquitto >/dev/null 2>&1; then
    # The broker drops to the mosquitto user and warns about files it does not own.
    chown mosquitto:mosquitto "$temporary"
fi
mv "$temporary" "$passwd_file"
echo "create-passwords.sh: wrote 6 accounts to $passwd_file"
