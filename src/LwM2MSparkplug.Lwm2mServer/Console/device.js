// The device page (#/devices/{endpoint}): one device, both protocols. The LwM2M side: registration, the object tree
// from the registration and the object model (/api/devices/{ep}/objectspecs) with Read, Write, Execute, Discover,
// Observe/Cancel and Write-Attributes, observations and their notifications live. The Sparkplug side: the edge node
// and its devices' metrics, live, with Rebirth and writes of writable metrics. Below, the device's recent events.

import { call, getJson } from "./api.js";
import { ago, clock, element, facts, panel, showValue, table } from "./dom.js";
import { subscribeToEvents } from "./stream.js";

const refreshMilliseconds = 2000;
const keptEvents = 50;

/** "21.5" → 21.5, "true" → true, "abc" → "abc": what a person types into a value field, as JSON. */
function parseValue(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The registered objects and instances from the registration's CoRE links (</3/0>,</3303/0>,…). */
function instancesOf(objectLinks) {
  const instances = new Map();
  for (const match of (objectLinks ?? "").matchAll(/<\/(\d+)(?:\/(\d+))?>/g)) {
    const objectId = Number(match[1]);
    if (!instances.has(objectId)) {
      instances.set(objectId, []);
    }
    if (match[2] !== undefined) {
      instances.get(objectId).push(Number(match[2]));
    }
  }
  return instances;
}

function valuesTable(values) {
  if (!values?.length) {
    return null;
  }
  return table(["Path", "Name", "Value", "Units"], values.map(value => element("tr", {},
    element("td", {}, value.path),
    element("td", {}, value.name ?? ""),
    element("td", { class: "value" }, showValue(value.value)),
    element("td", {}, value.units ?? ""))));
}

/** The device page; returns the function that stops its refreshing and its event stream. */
export function showDevice(view, endpoint) {
  const api = `/api/devices/${encodeURIComponent(endpoint)}`;
  const fleetApi = `/api/fleet/${encodeURIComponent(endpoint)}`;
  const result = element("div", { id: "operation-result", class: "result", "aria-live": "polite" });
  const registration = element("div", { id: "registration" }, "Loading…");
  const sparkplug = element("div", { id: "sparkplug" }, "Loading…");
  const metrics = element("div", { id: "sparkplug-metrics" });
  const objects = element("div", { id: "objects" }, "Loading…");
  const observations = element("div", { id: "observations" });
  const notifications = element("ol", { id: "notifications", class: "feed" });
  const recent = element("ol", { id: "recent-events", class: "feed" });
  const metricRows = new Map();
  let last = null;
  let stopped = false;

  // ---- Operations: every button and the operation form show their answer in one place --------------------------

  async function run(label, action) {
    result.className = "result";
    result.replaceChildren(`${label}…`);
    try {
      const answer = await action();
      result.replaceChildren(...describe(label, answer));
    } catch (error) {
      result.className = "result error";
      result.replaceChildren(`${label}: ${error.message}`);
    }
  }

  function describe(label, answer) {
    if (!answer) {
      return [element("p", {}, `${label}: done.`)];
    }
    if (answer.state === "queued" || answer.queued_at) {
      return [element("p", {}, `${label}: held for the sleeping device; it is sent when the device wakes.`)];
    }
    const parts = [element("p", {}, `${label}: ${answer.code ? `device answered ${answer.code}` : "accepted"}`)];
    if (answer.observation_id) {
      parts.push(element("p", {}, `Observation ${answer.observation_id}: notifications appear below as they arrive.`));
    }
    if (answer.links) {
      parts.push(element("pre", {}, answer.links.replaceAll(",", ",\n")));
    }
    if (answer.location) {
      parts.push(element("p", {}, `Created at ${answer.location}`));
    }
    const values = valuesTable(answer.values);
    if (values) {
      parts.push(values);
    }
    return parts;
  }

  const operations = {
    read: (path, value, format) => call("GET", `${api}${path}${format ? `?format=${encodeURIComponent(format)}` : ""}`),
    discover: path => call("GET", `${api}${path}/discover`),
    write: (path, value) => call("PUT", `${api}${path}`, { value: parseValue(value) }),
    execute: (path, value) => call("POST", `${api}${path}`, value ? { args: value } : {}),
    observe: (path, value, format) => call("POST", `${api}${path}/observe${format ? `?format=${encodeURIComponent(format)}` : ""}`).then(answer => { refreshObservations(); return answer; }),
    cancel: path => call("DELETE", `${api}${path}/observe`).then(answer => { refreshObservations(); return answer; }),
    attributes: (path, value) => call("PUT", `${api}${path}/attributes`, Object.fromEntries(Array.from(new URLSearchParams(value), ([k, v]) => [k, parseValue(v)]))),
  };
  const operationLabels = {
    read: "Read", discover: "Discover", write: "Write", execute: "Execute", observe: "Observe", cancel: "Cancel observation", attributes: "Write-Attributes",
  };

  const pathInput = element("input", { name: "path", value: "/3/0/9", "aria-label": "LwM2M path", size: 14 });
  const operationSelect = element("select", { name: "operation", "aria-label": "Operation" },
    Object.entries(operationLabels).map(([key, text]) => element("option", { value: key }, text)));
  const valueInput = element("input", { name: "value", "aria-label": "Value, arguments or attributes", placeholder: "value · args · pmin=5&pmax=60", size: 22 });
  const formatSelect = element("select", { name: "format", "aria-label": "Content format" },
    ["", "senml+json", "senml+cbor", "lwm2m+cbor", "cbor", "text", "tlv", "lwm2m+json"].map(name => element("option", { value: name }, name || "default format")));
  const operationForm = element("form", {
    class: "operation",
    id: "operation-form",
    onsubmit: event => {
      event.preventDefault();
      const operation = operationSelect.value;
      run(`${operationLabels[operation]} ${pathInput.value}`, () => operations[operation](pathInput.value, valueInput.value, formatSelect.value));
    },
  }, pathInput, operationSelect, valueInput, formatSelect, element("button", { type: "submit" }, "Send"));

  // ---- The object tree ---------------------------------------------------------------------------------------------

  function resourceRow(objectId, instanceId, resource) {
    const path = `/${objectId}/${instanceId}/${resource.id}`;
    const ops = resource.operations ?? "";
    const value = element("td", { class: "value", "data-path": path });
    const input = ops.includes("W") ? element("input", { "aria-label": `Value for ${path}`, size: 10 }) : null;
    const buttons = [];
    if (ops.includes("R")) {
      buttons.push(element("button", { type: "button", onclick: () => run(`Read ${path}`, async () => {
        const answer = await operations.read(path);
        value.textContent = showValue(answer?.values?.[0]?.value);
        return answer;
      }) }, "Read"));
      buttons.push(element("button", { type: "button", onclick: () => run(`Observe ${path}`, () => operations.observe(path)) }, "Observe"));
    }
    if (input) {
      buttons.push(input, element("button", { type: "button", onclick: () => run(`Write ${path}`, () => operations.write(path, input.value)) }, "Write"));
    }
    if (ops.includes("E")) {
      buttons.push(element("button", { type: "button", onclick: () => run(`Execute ${path}`, () => operations.execute(path, "")) }, "Execute"));
    }
    return element("tr", {},
      element("td", {}, path),
      element("td", {}, resource.name),
      element("td", {}, ops || "—"),
      element("td", {}, resource.type === "none" ? "" : resource.type),
      value,
      element("td", {}, resource.units ?? ""),
      element("td", {}, element("span", { class: "actions" }, buttons)));
  }

  function objectTree(specs, objectLinks, known) {
    const instances = instancesOf(objectLinks);
    return specs.map(object => {
      const spec = object.spec;
      const title = `/${object.id} ${spec?.name ?? "unknown object"} (v${object.version})`;
      const ids = instances.get(object.id) ?? [];
      const body = !spec
        ? element("p", { class: "counts" }, "Not in the server's object model: use the operation form with its paths.")
        : ids.map(instanceId => element("div", {},
            element("h3", {}, `Instance /${object.id}/${instanceId}`),
            table(["Path", "Name", "Ops", "Type", "Value", "Units", ""],
              spec.resources.map(resource => {
                const row = resourceRow(object.id, instanceId, resource);
                const cached = known?.[object.id]?.[instanceId]?.[resource.id];
                if (cached !== undefined) {
                  row.querySelector(".value").textContent = showValue(cached);
                }
                return row;
              }))));
      return element("details", { open: object.id !== 1 && object.id !== 0 ? true : false },
        element("summary", {}, title), body);
    });
  }

  // ---- Observations and notifications ------------------------------------------------------------------------------

  async function refreshObservations() {
    let list;
    try {
      list = await getJson(`${api}/observations`);
    } catch (error) {
      observations.replaceChildren(element("p", { class: "result error" }, error.message));
      return;
    }
    const items = Array.isArray(list) ? list : list?.observations ?? [];
    observations.replaceChildren(items.length === 0
      ? element("p", { class: "counts" }, "No observations.")
      : table(["Observation", "Path", "Notifications", "Last", ""], items.map(observation => element("tr", {},
          element("td", {}, observation.observation_id),
          element("td", {}, observation.path ?? (observation.paths ?? []).join(" ")),
          element("td", { class: "number" }, observation.notifications),
          element("td", {}, ago(observation.last_notification_at)),
          element("td", {}, observation.path
            ? element("button", { type: "button", onclick: () => run(`Cancel ${observation.path}`, () => operations.cancel(observation.path)) }, "Cancel")
            : "")))));
  }

  function addToFeed(feed, item) {
    feed.prepend(item);
    while (feed.children.length > keptEvents) {
      feed.lastChild.remove();
    }
  }

  function onEvent(event) {
    if (event.type === "events_missed") {
      addToFeed(recent, element("li", { class: "warn" }, `${event.missed} events were missed (the stream fell behind).`));
      return;
    }
    const data = event.data ?? {};
    addToFeed(recent, element("li", {}, element("time", {}, clock(event.timestamp)), ` ${event.type}`, data.operation ? ` ${data.operation}` : "", data.path ? ` ${data.path}` : "", data.code ? ` → ${data.code}` : ""));
    if (event.type === "notification") {
      const values = (data.values ?? []).map(value => `${value.path} = ${showValue(value.value)}${value.units ? ` ${value.units}` : ""}`).join(", ");
      addToFeed(notifications, element("li", { class: "notification" }, element("time", {}, clock(event.timestamp)), ` ${data.path ?? (data.paths ?? []).join(" ")}: ${values}`));
      for (const value of data.values ?? []) {
        const cell = objects.querySelector(`td.value[data-path="${CSS.escape(value.path)}"]`);
        if (cell) {
          cell.textContent = showValue(value.value);
        }
      }
      refreshObservations();
    }
    if (event.type === "registration" || event.type === "deregistration" || event.type === "update" || event.type === "expiry") {
      refresh();
    }
  }

  // ---- Sparkplug ---------------------------------------------------------------------------------------------------

  function metricKey(deviceId, name) {
    return `${deviceId ?? ""}\u0000${name}`;
  }

  function writeMetric(deviceId, metric, input) {
    const target = deviceId
      ? `${fleetApi}/sparkplug/devices/${encodeURIComponent(deviceId)}/metrics/${metric.name.split("/").map(encodeURIComponent).join("/")}`
      : `${fleetApi}/sparkplug/metrics/${metric.name.split("/").map(encodeURIComponent).join("/")}`;
    return run(`Write ${deviceId ? `${deviceId}/` : ""}${metric.name}`, () => call("POST", target, { value: parseValue(input.value) }));
  }

  function metricRow(deviceId, metric) {
    const writable = metric.properties?.writable === true || metric.properties?.writable?.value === true;
    const input = writable ? element("input", { "aria-label": `New value for ${metric.name}`, size: 8 }) : null;
    const cells = {
      value: element("td", { class: "value" }),
      timestamp: element("td", {}),
      quality: element("td", {}),
    };
    const row = element("tr", { "data-metric": metric.name, "data-device": deviceId ?? "" },
      element("td", {}, deviceId ?? "node"),
      element("td", {}, metric.name),
      cells.value,
      element("td", {}, metric.datatype),
      cells.timestamp,
      cells.quality,
      element("td", {}, input ? element("span", { class: "actions" }, input, element("button", { type: "button", onclick: () => writeMetric(deviceId, metric, input) }, "Write")) : ""));
    return { row, cells };
  }

  function qualityText(metric) {
    const name = metric.quality === 192 ? "good" : metric.quality === 500 ? "stale" : metric.quality === 0 ? "bad" : String(metric.quality);
    return metric.stale && name !== "stale" ? `${name}, stale` : name;
  }

  function showMetrics(node) {
    const all = [
      ...(node?.metrics ?? []).map(metric => [null, metric]),
      ...(node?.devices ?? []).flatMap(device => (device.metrics ?? []).map(metric => [device.device_id, metric])),
    ];
    if (all.length === 0) {
      metrics.replaceChildren(element("p", { class: "counts" }, node ? "The edge node reported no metrics." : "No Sparkplug edge node with this id."));
      metricRows.clear();
      return;
    }
    let body = metrics.querySelector("tbody");
    if (!body) {
      metrics.replaceChildren(table(["Device", "Metric", "Value", "Datatype", "Timestamp", "Quality", ""], []));
      body = metrics.querySelector("tbody");
    }
    for (const [deviceId, metric] of all) {
      const key = metricKey(deviceId, metric.name);
      if (!metricRows.has(key)) {
        const created = metricRow(deviceId, metric);
        metricRows.set(key, created);
        body.append(created.row);
      }
      const { cells, row } = metricRows.get(key);
      cells.value.textContent = showValue(metric.value);
      cells.timestamp.textContent = metric.timestamp ? clock(metric.timestamp) : "—";
      cells.quality.textContent = qualityText(metric);
      row.classList.toggle("stale", metric.stale === true);
    }
  }

  // ---- Refresh: registration, Sparkplug state and metrics -----------------------------------------------------------

  function noteChanges(detail) {
    const node = detail.sparkplug_node;
    if (last) {
      const before = last.sparkplug_node;
      if (before && node && before.online !== node.online) {
        addToFeed(recent, element("li", { class: node.online ? "good" : "warn" }, element("time", {}, clock(Date.now())), ` Sparkplug ${node.online ? "online" : "offline"} (bdSeq ${node.bd_seq ?? "—"})`));
      } else if (before && node && before.bd_seq !== node.bd_seq) {
        addToFeed(recent, element("li", { class: "warn" }, element("time", {}, clock(Date.now())), ` Sparkplug session restarted (bdSeq ${before.bd_seq ?? "—"} → ${node.bd_seq ?? "—"})`));
      }
      if (last.state !== detail.state) {
        addToFeed(recent, element("li", {}, element("time", {}, clock(Date.now())), ` LwM2M ${last.state ?? "unknown"} → ${detail.state ?? "unknown"}`));
      }
    }
    last = detail;
  }

  async function refresh() {
    let detail;
    try {
      detail = await getJson(fleetApi);
    } catch (error) {
      registration.replaceChildren(element("p", { class: "result error" }, error.message));
      return;
    }
    if (stopped) {
      return;
    }
    noteChanges(detail);
    registration.replaceChildren(facts([
      ["State", element("span", { class: `state ${detail.state === "registered" ? "good" : detail.state === "offline" ? "warn" : "bad"}`, id: "lwm2m-state" }, detail.state ?? "—")],
      ["Dialect", detail.dialect],
      ["Version", detail.version],
      ["Binding", detail.binding_mode],
      ["Registration", detail.registration_id],
      ["Lifetime left", detail.lifetime_left_seconds === null || detail.lifetime_left_seconds === undefined ? null : `${detail.lifetime_left_seconds} s of ${detail.lifetime_seconds} s`],
      ["Last update", ago(detail.last_update_at)],
      ["Messages (1 min)", detail.messages_per_minute],
    ]));
    const node = detail.sparkplug_node;
    const source = detail.sparkplug_source;
    sparkplug.replaceChildren(
      source?.reachable === false ? element("p", { class: "result error" }, `Sparkplug view unavailable: ${source.error ?? "the Sparkplug host does not answer"}`) : "",
      node
        ? facts([
            ["State", element("span", { class: `state ${node.stale ? "warn" : node.online ? "good" : "bad"}`, id: "sparkplug-state" }, node.stale ? "stale" : node.online ? "online" : "offline")],
            ["Group", node.group_id],
            ["bdSeq", element("span", { id: "bd-seq" }, String(node.bd_seq ?? "—"))],
            ["Last seq", node.last_seq],
            ["Born", ago(node.birth_time)],
            ["Last message", ago(node.last_message_time)],
            ["Devices", (node.devices ?? []).map(device => `${device.device_id} (${device.online ? "online" : "offline"})`).join(", ") || "none"],
            ["Messages (1 min)", detail.sparkplug?.messages_per_minute],
          ])
        : element("p", { class: "counts" }, "No Sparkplug edge node with this id."),
      node ? element("button", { type: "button", id: "rebirth", onclick: () => run("Rebirth", () => call("POST", `${fleetApi}/sparkplug/rebirth`)) }, "Request rebirth") : "");
    showMetrics(node);
  }

  async function loadObjects() {
    try {
      const [device, specs] = await Promise.all([getJson(api), getJson(`${api}/objectspecs`)]);
      objects.replaceChildren(...objectTree(Array.isArray(specs) ? specs : specs?.objects ?? [], device.object_links, device.objects));
    } catch (error) {
      objects.replaceChildren(element("p", { class: "result error" }, `The object tree is unavailable: ${error.message}`));
    }
  }

  view.replaceChildren(
    element("p", {}, element("a", { href: "#/" }, "← Fleet")),
    element("h2", { class: "device-title" }, endpoint),
    element("div", { class: "columns" },
      panel("LwM2M registration", registration),
      panel("Sparkplug edge node", sparkplug)),
    panel("Operation", operationForm, result),
    element("div", { class: "columns" },
      panel("Observations", observations, element("h3", {}, "Notifications"), notifications),
      panel("Recent events", recent)),
    panel("Sparkplug metrics", metrics),
    panel("Objects", objects));

  refresh();
  loadObjects();
  refreshObservations();
  const unsubscribe = subscribeToEvents(endpoint, onEvent);
  const timer = setInterval(refresh, refreshMilliseconds);
  return () => {
    stopped = true;
    clearInterval(timer);
    unsubscribe();
  };
}
