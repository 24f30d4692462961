// Success page: while it waits for Printora's webhook, re-read this same page every
// 700 ms and show the confirmation as soon as it is there (the webhook usually lands
// within a second of the shopper's return). Without JavaScript a 3 s refresh does it.
(function () {
  "use strict";

  var INTERVAL_MS = 700;
  var GIVE_UP_MS = 10 * 60 * 1000;
  var main = document.querySelector("main");
  if (!main || !document.querySelector("[data-callback-waiting]")) return;

  var started = Date.now();
  var busy = false;

  function check() {
    if (busy || document.hidden) return;
    busy = true;
    fetch(window.location.href, {
      headers: { "Accept": "text/html" },
      credentials: "same-origin",
      cache: "no-store"
    })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) return;
        // Our own server-rendered page: swap in its main content once it stops waiting.
        var next = new DOMParser().parseFromString(html, "text/html");
        var nextMain = next.querySelector("main");
        if (nextMain && !nextMain.querySelector("[data-callback-waiting]")) {
          main.innerHTML = nextMain.innerHTML;
          document.title = next.title;
          clearInterval(timer);
        }
      })
      .catch(function () { /* offline for a moment: the next tick tries again */ })
      .then(function () {
        busy = false;
        if (Date.now() - started > GIVE_UP_MS) clearInterval(timer);
      });
  }

  var timer = setInterval(check, INTERVAL_MS);
})();
