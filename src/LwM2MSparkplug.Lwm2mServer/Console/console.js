// The console: the fleet page (#/) and a device page (#/devices/{endpoint}), from the server's public REST API only.
// Every text that comes from a device is set with textContent, never parsed as HTML: endpoint names and values are
// device input.

const refreshMilliseconds = 2000;
const pageSize = 100;
const view = document.getElementById("view");
const banner = document.getElementById("banner");

let fleetTimer = null;
const fleet = { offset: 0, sort: "endpoint", descending: false, filter: "" };

/** Creates an element with attributes and children (strings become text nodes). */
function element(name, attributes = {}, ...children) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith("on")) {
      node.addEventListener(key.slice(2), value);
    } else if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  }
  return node;
}

/** GETs JSON; a problem (RFC 9457) or an unreachable server becomes an Error with a readable message. */
async function getJson(path) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: "application/json" } });
  } catch {
    showBanner("The connection to the server is lost; retrying.");
    throw new Error("The server cannot be reached.");
  }
  hideBanner();
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(body?.detail ?? body?.title ?? `The server answered ${response.status}.`);
  }
  return body;
}

function showBanner(text) {
  banner.textContent = text;
  banner.hidden = false;
}

function hideBanner() {
  banner.hidden = true;
}

function ago(timestamp) {
  if (!timestamp) {
    return "—";
  }
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(timestamp)) / 1000));
  return seconds < 120 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
}

function stateCell(text, tone) {
  return element("td", {}, element("span", { class: `state ${tone}` }, text));
}

// ---- Fleet page ----------------------------------------------------------------------------------------------------

const columns = [
  { key: "endpoint", label: "Endpoint" },
  { key: null, label: "Dialect" },
  { key: "lwm2m_state", label: "LwM2M" },
  { key: null, label: "Lifetime left" },
  { key: "last_update_at", label: "Last update" },
  { key: "sparkplug_online", label: "Sparkplug" },
  { key: null, label: "bdSeq" },
  { key: null, label: "Last message" },
];

function fleetRow(device) {
  // LwM2M fields sit on the device itself; the Sparkplug side is nested and absent without an edge node.
  const lwm2m = device;
  const sparkplug = device.sparkplug ?? null;
  const lwm2mTone = lwm2m.state === "registered" ? "good" : lwm2m.state === "offline" ? "warn" : "bad";
  return element("tr", {},
    element("td", {}, element("a", { href: `#/devices/${encodeURIComponent(device.endpoint)}` }, device.endpoint)),
    element("td", {}, device.dialect ?? "—"),
    stateCell(lwm2m.state ?? "—", lwm2mTone),
    element("td", {}, lwm2m.lifetime_left_seconds === undefined || lwm2m.lifetime_left_seconds === null ? "—" : `${lwm2m.lifetime_left_seconds} s`),
    element("td", {}, ago(lwm2m.last_update_at)),
    sparkplug ? stateCell(sparkplug.online ? "online" : "offline", sparkplug.online ? "good" : "bad") : element("td", {}, "—"),
    element("td", {}, sparkplug?.bd_seq ?? "—"),
    element("td", {}, ago(sparkplug?.last_message_at)));
}

async function renderFleet() {
  const query = new URLSearchParams({ offset: fleet.offset, limit: pageSize, sort: (fleet.descending ? "-" : "") + fleet.sort });
  if (fleet.filter) {
    query.set("filter", fleet.filter);
  }
  let page;
  try {
    page = await getJson(`/api/fleet?${query}`);
  } catch (error) {
    document.getElementById("fleet-error")?.replaceChildren(error.message);
    return;
  }
  document.getElementById("fleet-error")?.replaceChildren();
  const body = document.getElementById("fleet-rows");
  if (!body) {
    return;
  }
  body.replaceChildren(...page.devices.map(fleetRow));
  const last = Math.min(page.offset + page.devices.length, page.total);
  document.getElementById("fleet-counts").textContent = page.total === 0 ? "No devices yet." : `${page.offset + 1}–${last} of ${page.total} devices`;
  document.getElementById("previous").disabled = page.offset === 0;
  document.getElementById("next").disabled = last >= page.total;
  const source = page.sparkplug_source;
  document.getElementById("sparkplug-source").textContent =
    source && source.reachable === false ? `Sparkplug view unavailable: ${source.error ?? "the Sparkplug host does not answer"}` : "";
}

function showFleet() {
  const headers = columns.map(column => element("th", {},
    column.key
      ? element("button", {
          type: "button",
          "aria-sort": fleet.sort === column.key ? (fleet.descending ? "descending" : "ascending") : false,
          onclick: () => {
            fleet.descending = fleet.sort === column.key ? !fleet.descending : false;
            fleet.sort = column.key;
            showFleet();
          },
        }, column.label)
      : column.label));
  const filter = element("input", { type: "search", placeholder: "Filter by endpoint", value: fleet.filter, "aria-label": "Filter by endpoint" });
  filter.addEventListener("input", () => {
    fleet.filter = filter.value;
    fleet.offset = 0;
    renderFleet();
  });
  view.replaceChildren(
    element("div", { class: "toolbar" }, filter, element("span", { id: "fleet-counts", class: "counts" }), element("span", { id: "sparkplug-source", class: "counts" })),
    element("p", { id: "fleet-error", class: "result error" }),
    element("table", { id: "fleet" }, element("thead", {}, element("tr", {}, headers)), element("tbody", { id: "fleet-rows" })),
    element("div", { class: "pager" },
      element("button", { id: "previous", type: "button", onclick: () => { fleet.offset = Math.max(0, fleet.offset - pageSize); renderFleet(); } }, "Previous"),
      element("button", { id: "next", type: "button", onclick: () => { fleet.offset += pageSize; renderFleet(); } }, "Next")));
  filter.focus();
  renderFleet();
  fleetTimer = setInterval(renderFleet, refreshMilliseconds);
}

// ---- Device page ---------------------------------------------------------------------------------------------------

function facts(pairs) {
  return element("dl", { class: "facts" }, pairs.flatMap(([label, value]) => [element("dt", {}, label), element("dd", {}, value ?? "—")]));
}

async function showDevice(endpoint) {
  const api = `/api/devices/${encodeURIComponent(endpoint)}`;
  view.replaceChildren(element("p", {}, "Loading…"));
  let device;
  try {
    device = await getJson(api);
  } catch (error) {
    view.replaceChildren(element("p", { class: "result error" }, error.message), element("a", { href: "#/" }, "Back to the fleet"));
    return;
  }
  const result = element("div", { class: "result", id: "read-result" });
  const path = element("input", { name: "path", value: "/3/0/9", "aria-label": "LwM2M path", size: 14 });
  const format = element("select", { name: "format", "aria-label": "Content format" },
    ["", "senml+json", "senml+cbor", "lwm2m+cbor", "text"].map(name => element("option", { value: name }, name || "default format")));
  const read = element("form", {
    class: "operation",
    onsubmit: async event => {
      event.preventDefault();
      result.className = "result";
      result.textContent = "Reading…";
      const query = format.value ? `?format=${encodeURIComponent(format.value)}` : "";
      try {
        const answer = await getJson(`${api}${path.value}${query}`);
        result.replaceChildren(element("p", {}, `Device answered ${answer.code}`),
          element("table", {}, element("tbody", {}, answer.values.map(value =>
            element("tr", {}, element("td", {}, value.path), element("td", {}, value.name ?? ""), element("td", { class: "value" }, JSON.stringify(value.value)), element("td", {}, value.units ?? ""))))));
      } catch (error) {
        result.className = "result error";
        result.textContent = error.message;
      }
    },
  }, element("label", {}, "Read ", path), format, element("button", { type: "submit" }, "Read"));
  view.replaceChildren(
    element("p", {}, element("a", { href: "#/" }, "← Fleet")),
    element("h2", {}, device.endpoint),
    element("section", { class: "panel" }, element("h2", {}, "LwM2M registration"), facts([
      ["Dialect", device.dialect],
      ["Version", device.version],
      ["Binding", device.binding_mode],
      ["Lifetime", `${device.lifetime_seconds} s`],
      ["Last update", ago(device.last_update_at)],
      ["Online", device.online ? "yes" : "no"],
      ["Objects", device.object_links],
    ])),
    element("section", { class: "panel" }, element("h2", {}, "Sparkplug"), device.sparkplug
      ? facts([["Group", device.sparkplug.group_id], ["Online", device.sparkplug.online ? "yes" : "no"], ["bdSeq", device.sparkplug.bd_seq], ["Born", ago(device.sparkplug.birth_time)]])
      : element("p", {}, "No Sparkplug session seen for this device.")),
    element("section", { class: "panel" }, element("h2", {}, "Read"), read, result));
}

// ---- Routing -------------------------------------------------------------------------------------------------------

function route() {
  clearInterval(fleetTimer);
  fleetTimer = null;
  const match = location.hash.match(/^#\/devices\/(.+)$/);
  if (match) {
    showDevice(decodeURIComponent(match[1]));
  } else {
    showFleet();
  }
}

window.addEventListener("hashchange", route);
route();
