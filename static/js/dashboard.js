/* Orders dashboard: live updates without reloading.
 *
 * Polls the live endpoint (data-live-url) every few seconds with the cursor of its
 * last answer and the ETag it got (a 304 costs nothing), pauses while the tab is
 * hidden, and patches the table: changed rows are replaced in place, new ones go on
 * top (newest-first, first page only) and both get a short highlight.
 * Row and summary fragments are rendered, and escaped, by the server's templates;
 * no data from the JSON is ever turned into markup here.
 */
(function () {
  "use strict";

  var rows = document.querySelector("[data-live-rows]");
  if (!rows || !window.fetch || !("content" in document.createElement("template"))) return;

  var statusBox = document.querySelector("[data-live-status]");
  var statusText = document.querySelector("[data-live-text]");
  var tableWrap = document.querySelector("[data-live-table]");
  var empty = document.querySelector("[data-live-empty]");
  var more = document.querySelector("[data-live-more]");
  var summary = document.querySelector("[data-live-summary]");
  var chips = document.querySelector("[data-live-chips]");

  var endpoint = rows.getAttribute("data-live-url");
  var cursor = rows.getAttribute("data-live-cursor") || "";
  // Orders created before the page was rendered are already on it (or on another
  // page of it): only later ones count as new. Both are UTC ISO strings of one
  // format, so they compare as strings.
  var renderedAt = cursor;
  var insertNew = rows.getAttribute("data-live-insert") === "true";
  var interval = parseInt(rows.getAttribute("data-live-poll"), 10) || 4000;
  var HIGHLIGHT_MS = 4000;

  var etag = null;
  var timer = null;
  var busy = false;
  var failures = 0;

  function setStatus(state, text) {
    if (!statusBox || !statusText) return;
    statusBox.classList.remove("is-live", "is-paused", "is-offline");
    statusBox.classList.add("is-" + state);
    statusText.textContent = text;
  }

  // The page says its times are UTC: so is this one (24-hour, as elsewhere).
  function clock() {
    return new Date().toISOString().slice(11, 19) + " UTC";
  }

  // Markup rendered by our own templates (every value escaped there) → DOM nodes.
  function fromServer(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  }

  function rowFor(id) {
    var all = rows.querySelectorAll("tr[data-order-id]");
    for (var i = 0; i < all.length; i += 1) {
      if (all[i].getAttribute("data-order-id") === id) return all[i];
    }
    return null;
  }

  function highlight(row) {
    row.classList.add("is-changed");
    window.setTimeout(function () { row.classList.remove("is-changed"); }, HIGHLIGHT_MS);
  }

  function replaceChildrenWith(container, html) {
    if (!container || typeof html !== "string") return;
    container.replaceChildren(fromServer(html));
  }

  function apply(data) {
    if (typeof data.cursor === "string" && data.cursor) cursor = data.cursor;
    var shown = 0;
    var elsewhere = 0;
    (data.orders || []).forEach(function (order) {
      var isNew = Boolean(order["new"]) && String(order.created) > renderedAt;
      var existing = rowFor(order.id);
      if (existing && existing.getAttribute("data-updated") === order.updated) return;
      var row = fromServer(order.html).querySelector("tr");
      if (!row) return;
      if (existing) {
        existing.replaceWith(row);
      } else if (order.matches && isNew && insertNew) {
        rows.insertBefore(row, rows.firstElementChild);
      } else {
        // A new order that belongs on another page or further down this sort order.
        if (order.matches && isNew) elsewhere += 1;
        return;
      }
      highlight(row);
      shown += 1;
    });
    if (data.summary) {
      replaceChildrenWith(summary, data.summary.strip);
      replaceChildrenWith(chips, data.summary.chips);
    }
    if (shown && tableWrap && tableWrap.hidden) {
      tableWrap.hidden = false;
      if (empty) empty.hidden = true;
    }
    if ((elsewhere || data.truncated) && more) more.hidden = false;
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(poll, delay);
  }

  function poll() {
    timer = null;
    if (document.hidden || busy) return;
    busy = true;
    var url = new URL(endpoint, window.location.href);
    url.searchParams.set("since", cursor);
    var headers = { Accept: "application/json" };
    if (etag) headers["If-None-Match"] = etag;
    // no-store: the browser's cache must not answer for us, our If-None-Match does.
    fetch(url.toString(), { headers: headers, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 304) return null;
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/json") === -1) {
          throw new Error("HTTP " + response.status);
        }
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then(function (data) {
        failures = 0;
        if (data) apply(data);
        setStatus("live", "Live · checked " + clock());
      })
      .catch(function () {
        failures += 1;
        setStatus("offline", "Live updates interrupted; retrying…");
      })
      .then(function () {
        busy = false;
        if (!document.hidden) schedule(interval * Math.min(Math.pow(2, failures), 8));
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      window.clearTimeout(timer);
      timer = null;
      setStatus("paused", "Live updates paused while this tab is hidden");
    } else {
      schedule(0);
    }
  });

  setStatus("live", "Live");
  schedule(document.hidden ? interval : Math.min(interval, 1500));
}());
