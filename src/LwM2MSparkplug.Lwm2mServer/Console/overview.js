// The overview page: devices per protocol, message rates over the last minutes, invalid messages by reason, the
// Kafka bridge and the latest events, from /api/overview, refreshed every few seconds.

import { getJson } from "./api.js";
import { lineChart } from "./chart.js";
import { ago, clock, element, facts, panel, showValue, table } from "./dom.js";

const refreshMilliseconds = 3000;

/** "lwm2m_registered" → "LwM2M registered": the API's snake_case names as labels. */
function label(name) {
  return name.replaceAll("_", " ").replace(/^lwm2m\b/i, "LwM2M").replace(/^sparkplug\b/i, "Sparkplug").replace(/^./, c => c.toUpperCase());
}

function counts(object) {
  return facts(Object.entries(object ?? {}).filter(([, value]) => typeof value !== "object").map(([name, value]) => [label(name), showValue(value)]));
}

function invalid(byProtocol) {
  const rows = Object.entries(byProtocol ?? {}).flatMap(([protocol, reasons]) =>
    Object.entries(reasons ?? {}).sort(([, a], [, b]) => b - a).map(([reason, count]) =>
      element("tr", {}, element("td", {}, label(protocol)), element("td", {}, reason), element("td", { class: "number" }, count.toLocaleString()))));
  return rows.length === 0 ? element("p", { class: "counts" }, "None since the services started.") : table(["Protocol", "Reason", "Count"], rows);
}

const yesNo = value => value === undefined || value === null ? null : value ? "yes" : "no";

function bridge(status) {
  if (!status || status.configured === false) {
    return element("p", { class: "counts", id: "bridge" }, "No bridge configured (BRIDGE_URL is empty).");
  }
  const tone = status.status === "healthy" ? "good" : status.status === "degraded" || status.status === "pending" ? "warn" : "bad";
  return element("div", { id: "bridge" },
    facts([
      ["Status", element("span", { class: `state ${tone}` }, status.status ?? "—")],
      ["Kafka reachable", yesNo(status.kafka_reachable)],
      ["MQTT connected", yesNo(status.mqtt_connected)],
      ["Records in flight", status.in_flight],
      ["Read", ago(status.as_of)],
    ]),
    status.error ? element("p", { class: "result error" }, status.error) : "");
}

function events(latest) {
  if (!latest?.length) {
    return element("p", { class: "counts" }, "No events yet.");
  }
  return table(["Time", "Type", "Endpoint", "Sequence"], latest.map(event => element("tr", {},
    element("td", {}, clock(event.timestamp)),
    element("td", {}, event.type),
    element("td", {}, event.endpoint ? element("a", { href: `#/devices/${encodeURIComponent(event.endpoint)}` }, event.endpoint) : "—"),
    element("td", {}, event.sequence ?? "—"))));
}

async function refresh(body) {
  let overview;
  try {
    overview = await getJson("/api/overview");
  } catch (failure) {
    body.replaceChildren(element("p", { class: "result error" }, failure.message));
    return;
  }
  const rates = overview.rates ?? { lwm2m: [], sparkplug: [], at: [] };
  const source = overview.sparkplug_source;
  body.replaceChildren(
    element("div", { class: "columns" },
      panel("Devices", counts(overview.devices)),
      panel("Kafka bridge", bridge(overview.bridge)),
      panel("Sparkplug host", source?.reachable === false
        ? element("p", { class: "result error" }, source.error ?? "The Sparkplug host does not answer.")
        : facts([["Reachable", "yes"], ["Read", ago(source?.as_of)]]))),
    panel("Messages per second",
      lineChart([
        { name: "LwM2M", values: rates.lwm2m ?? [], className: "lwm2m" },
        { name: "Sparkplug", values: rates.sparkplug ?? [], className: "sparkplug" },
      ], (rates.at ?? []).map(clock), "msg/s")),
    element("div", { class: "columns" },
      panel("Invalid messages by reason", invalid(overview.invalid_messages)),
      panel("Latest events", events(overview.latest_events))));
}

/** Renders the overview into view; returns the function that stops its refreshing. */
export function showOverview(view) {
  const body = element("div", { id: "overview" }, element("p", {}, "Loading…"));
  view.replaceChildren(body);
  refresh(body);
  const timer = setInterval(() => refresh(body), refreshMilliseconds);
  return () => clearInterval(timer);
}
