// Live LwM2M events over the server's WebSocket (/ws/events), reconnecting with a growing pause when the connection
// breaks; the banner says so meanwhile.

import { hideBanner, showBanner } from "./api.js";

/**
 * Calls onEvent with each event (parsed) for one endpoint, or for all when endpoint is null, until the returned
 * function is called.
 */
export function subscribe(endpoint, onEvent) {
  let socket = null;
  let stopped = false;
  let pause = 500;
  let timer = null;

  function open() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const query = endpoint ? `?endpoint=${encodeURIComponent(endpoint)}` : "";
    socket = new WebSocket(`${scheme}://${location.host}/ws/events${query}`);
    socket.addEventListener("open", () => {
      pause = 500;
      hideBanner();
    });
    socket.addEventListener("message", message => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      if (!endpoint || event.endpoint === endpoint || event.type === "events_missed") {
        onEvent(event);
      }
    });
    socket.addEventListener("close", () => {
      if (stopped) {
        return;
      }
      showBanner("The live event stream is interrupted; reconnecting.");
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
