// The fleet page: every device, both protocols, one row each; paged, filtered and sorted by the server, live from
// /ws/fleet, which sends the page (at most once a second) when it changes: the browser never sees raw events.

import { element, ago, stateCell } from "./dom.js";
import { openStream } from "./stream.js";

const pageSize = 100;
const state = { offset: 0, sort: "endpoint", descending: false, filter: "" };

const columns = [
  { key: "endpoint", label: "Endpoint" },
  { key: null, label: "Dialect" },
  { key: "lwm2m_state", label: "LwM2M" },
  { key: null, label: "Lifetime left" },
  { key: "last_update_at", label: "Last update" },
  { key: null, label: "Version" },
  { key: "sparkplug_online", label: "Sparkplug" },
  { key: null, label: "bdSeq" },
  { key: null, label: "Last seq" },
  { key: null, label: "Last message" },
  { key: null, label: "Quality" },
  { key: null, label: "Msg/min" },
];

const lwm2mTones = { registered: "good", offline: "warn", deregistered: "muted", expired: "bad", unregistered: "muted" };

function quality(sparkplug) {
  const counts = sparkplug?.quality;
  if (!counts) {
    return "—";
  }
  const parts = [`${counts.good ?? 0} good`];
  if (counts.stale) {
    parts.push(`${counts.stale} stale`);
  }
  if (counts.bad) {
    parts.push(`${counts.bad} bad`);
  }
  return parts.join(", ");
}

function rate(device) {
  const lwm2m = device.messages_per_minute;
  const sparkplug = device.sparkplug?.messages_per_minute;
  if (lwm2m === undefined && sparkplug === undefined) {
    return "—";
  }
  return `${lwm2m ?? 0} + ${sparkplug ?? 0}`;
}

function row(device) {
  // LwM2M fields sit on the device itself; the Sparkplug side is nested and absent without an edge node.
  const sparkplug = device.sparkplug ?? null;
  return element("tr", { "data-endpoint": device.endpoint },
    element("td", {}, element("a", { href: `#/devices/${encodeURIComponent(device.endpoint)}` }, device.endpoint)),
    element("td", {}, device.dialect ?? "—"),
    stateCell(device.state ?? "—", lwm2mTones[device.state] ?? "muted"),
    element("td", {}, device.lifetime_left_seconds === undefined || device.lifetime_left_seconds === null ? "—" : `${device.lifetime_left_seconds} s`),
    element("td", {}, ago(device.last_update_at ?? device.left_at)),
    element("td", {}, device.version ? `${device.version} ${device.binding_mode ?? ""}` : "—"),
    sparkplug ? stateCell(sparkplug.stale ? "stale" : sparkplug.online ? "online" : "offline", sparkplug.stale ? "warn" : sparkplug.online ? "good" : "bad") : element("td", {}, "—"),
    element("td", {}, sparkplug?.bd_seq ?? "—"),
    element("td", {}, sparkplug?.last_seq ?? "—"),
    element("td", {}, ago(sparkplug?.last_message_at)),
    element("td", {}, quality(sparkplug)),
    element("td", { title: "LwM2M + Sparkplug messages in the last minute" }, rate(device)));
}

let closeStream = () => {};

/** (Re)subscribes to the page the state describes; called whenever the filter, sort or page changes. */
function refresh() {
  closeStream();
  const query = new URLSearchParams({ offset: state.offset, limit: pageSize, sort: (state.descending ? "-" : "") + state.sort });
  if (state.filter) {
    query.set("filter", state.filter);
  }
  closeStream = openStream(`/ws/fleet?${query}`, render);
}

function render(page) {
  const body = document.getElementById("fleet-rows");
  if (!body) {
    return;
  }
  body.replaceChildren(...page.devices.map(row));
  const last = Math.min(page.offset + page.devices.length, page.total);
  document.getElementById("fleet-counts").textContent = page.total === 0 ? "No devices yet." : `${page.offset + 1}–${last} of ${page.total} devices`;
  document.getElementById("previous").disabled = page.offset === 0;
  document.getElementById("next").disabled = last >= page.total;
  const source = page.sparkplug_source;
  document.getElementById("sparkplug-source").textContent =
    source && source.reachable === false ? `Sparkplug view unavailable: ${source.error ?? "the Sparkplug host does not answer"}` : "";
}

function sortButton(column) {
  return element("button", {
    type: "button",
    "data-sort": column.key,
    onclick: () => {
      state.descending = state.sort === column.key ? !state.descending : false;
      state.sort = column.key;
      markSort();
      refresh();
    },
  }, column.label);
}

function markSort() {
  for (const button of document.querySelectorAll("#fleet th button")) {
    const sorted = button.dataset.sort === state.sort;
    button.toggleAttribute("aria-sort", sorted);
    if (sorted) {
      button.setAttribute("aria-sort", state.descending ? "descending" : "ascending");
    }
  }
}

/** Renders the fleet page into view; returns the function that stops its refreshing. */
export function showFleet(view) {
  const headers = columns.map(column => element("th", {}, column.key ? sortButton(column) : column.label));
  const filter = element("input", { type: "search", placeholder: "Filter by endpoint", value: state.filter, "aria-label": "Filter by endpoint" });
  filter.addEventListener("input", () => {
    state.filter = filter.value;
    state.offset = 0;
    refresh();
  });
  view.replaceChildren(
    element("div", { class: "toolbar" }, filter, element("span", { id: "fleet-counts", class: "counts" }, "Loading…"), element("span", { id: "sparkplug-source", class: "counts" })),
    element("table", { id: "fleet" }, element("thead", {}, element("tr", {}, headers)), element("tbody", { id: "fleet-rows" })),
    element("div", { class: "pager" },
      element("button", { id: "previous", type: "button", onclick: () => { state.offset = Math.max(0, state.offset - pageSize); refresh(); } }, "Previous"),
      element("button", { id: "next", type: "button", onclick: () => { state.offset += pageSize; refresh(); } }, "Next")));
  markSort();
  filter.focus();
  refresh();
  return () => closeStream();
}
