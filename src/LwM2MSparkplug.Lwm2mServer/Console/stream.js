// The server's WebSockets (/ws/events, /ws/fleet): one JSON message at a time, reconnecting with a growing pause
// when the connection breaks; the banner says so meanwhile.

import { hideBanner, showBanner } from "./api.js";

/** Calls onMessage with each message (parsed JSON) of the WebSocket at path, until the returned function is called. */
export function openStream(path, onMessage) {
  let socket = null;
  let stopped = false;
  let pause = 500;
  let timer = null;

  function open() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}${path}`);
    socket.addEventListener("open", () => {
      pause = 500;
      hideBanner();
    });
    socket.addEventListener("message", message => {
      let parsed;
      try {
        parsed = JSON.parse(message.data);
      } catch {
        return;
      }
      onMessage(parsed);
    });
    socket.addEventListener("close", () => {
      if (stopped) {
        return;
      }
      showBanner("The live connection to the server is interrupted; reconnecting.");
      timer = setTimeout(open, pause);
      pause = Math.min(pause * 2, 10000);
    });
  }

  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket?.close();
  };
}

/** Each LwM2M event of one endpoint (and events_missed records), live. */
export function subscribeToEvents(endpoint, onEvent) {
  return openStream(`/ws/events?endpoint=${encodeURIComponent(endpoint)}`, event => {
    if (event.endpoint === endpoint || event.type === "events_missed") {
      onEvent(event);
    }
  });
}
