// Small DOM helpers shared by the console's pages. Text from devices is always set as text, never parsed as HTML.

/** Creates an element with attributes and children (strings become text nodes); on* attributes become listeners. */
export function element(name, attributes = {}, ...children) {
  const node = name.startsWith("svg:")
    ? document.createElementNS("http://www.w3.org/2000/svg", name.slice(4))
    : document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith("on")) {
      node.addEventListener(key.slice(2), value);
    } else if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

/** A definition list of label/value pairs; a missing value shows as a dash. */
export function facts(pairs) {
  return element("dl", { class: "facts" }, pairs.flatMap(([label, value]) => [element("dt", {}, label), element("dd", {}, value ?? "—")]));
}

/** A panel with a heading. */
export function panel(title, ...children) {
  return element("section", { class: "panel" }, element("h2", {}, title), ...children);
}

/** "12 s ago" / "3 min ago" for an ISO timestamp or epoch milliseconds; a dash for none. */
export function ago(timestamp) {
  if (timestamp === undefined || timestamp === null || timestamp === "") {
    return "—";
  }
  const at = typeof timestamp === "number" ? timestamp : Date.parse(timestamp);
  if (Number.isNaN(at)) {
    return "—";
  }
  const seconds = Math.max(0, Math.round((Date.now() - at) / 1000));
  if (seconds < 120) {
    return `${seconds} s ago`;
  }
  return seconds < 7200 ? `${Math.round(seconds / 60)} min ago` : `${Math.round(seconds / 3600)} h ago`;
}

/** A clock time for an ISO timestamp or epoch milliseconds. */
export function clock(timestamp) {
  const at = typeof timestamp === "number" ? new Date(timestamp) : new Date(Date.parse(timestamp));
  return Number.isNaN(at.getTime()) ? "—" : at.toLocaleTimeString();
}

/** A value as a person reads it: strings as they are, everything else as JSON. */
export function showValue(value) {
  if (value === undefined || value === null) {
    return "—";
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A table cell holding a coloured state word. */
export function stateCell(text, tone) {
  return element("td", {}, element("span", { class: `state ${tone}` }, text));
}

/** A table with a header row and body rows. */
export function table(headers, rows, attributes = {}) {
  return element("table", attributes,
    element("thead", {}, element("tr", {}, headers.map(header => element("th", {}, header)))),
    element("tbody", {}, rows));
}
