// The console's one door to the server: JSON requests, problem details (RFC 9457) turned into readable errors, the
// API key for changing operations, and the banner that says when the server cannot be reached.

const keyStorage = "lwm2msparkplug.apiKey";
const banner = () => document.getElementById("banner");

/** An error from the server or the network, with the problem's title and detail as its message. */
export class ApiError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

export function showBanner(text) {
  banner().textContent = text;
  banner().hidden = false;
}

export function hideBanner() {
  banner().hidden = true;
}

function headers(body) {
  const result = { Accept: "application/json" };
  if (body !== undefined) {
    result["Content-Type"] = "application/json";
  }
  const key = sessionStorage.getItem(keyStorage);
  if (key) {
    result.Authorization = `Bearer ${key}`;
  }
  return result;
}

async function send(method, path, body) {
  let response;
  try {
    response = await fetch(path, { method, headers: headers(body), body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    showBanner("The connection to the server is lost; retrying.");
    throw new ApiError("The server cannot be reached.", 0, null);
  }
  hideBanner();
  return response;
}

/**
 * Sends a request and returns the parsed JSON answer (null for an empty one). A 401 on a changing operation asks for
 * the API key once per tab and tries again; reading needs no key unless the server protects reads too.
 */
export async function call(method, path, body) {
  let response = await send(method, path, body);
  if (response.status === 401) {
    const key = window.prompt("This server asks for its API key (API_KEY) for this operation. Enter it once for this tab:");
    if (key) {
      sessionStorage.setItem(keyStorage, key.trim());
      response = await send(method, path, body);
    }
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const title = json?.title ?? `The server answered ${response.status}`;
    const detail = json?.detail;
    throw new ApiError(detail ? `${title}: ${detail}` : title, response.status, json);
  }
  return json;
}

export const getJson = path => call("GET", path);
