// The console's entry point: routes #/ (fleet), #/overview and #/devices/{endpoint} to their pages. Each page
// returns the function that stops its timers and streams when another page takes its place.

import { showDevice } from "./device.js";
import { showFleet } from "./fleet.js";
import { showOverview } from "./overview.js";

const view = document.getElementById("view");
let stopPage = () => {};

function route() {
  stopPage();
  const device = location.hash.match(/^#\/devices\/(.+)$/);
  for (const link of document.querySelectorAll("nav a")) {
    link.toggleAttribute("aria-current", link.getAttribute("href") === (device ? "#/" : location.hash || "#/"));
  }
  if (device) {
    stopPage = showDevice(view, decodeURIComponent(device[1]));
  } else if (location.hash === "#/overview") {
    stopPage = showOverview(view);
  } else {
    stopPage = showFleet(view);
  }
}

window.addEventListener("hashchange", route);
route();
