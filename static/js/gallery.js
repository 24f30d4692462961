/* DreamCanvas gallery (/ai-image-app/): progressive enhancement only. Without JS the
 * search form submits, thumbnails link to /ai-image-app/<slug>/ and "Print on Product"
 * posts a form. No inline scripts anywhere, so a strict CSP can apply. */
(function () {
  "use strict";

  var NETWORK_ERROR = "Could not reach the server. Check your connection and try again.";
  var FALLBACK_ERRORS = {
    400: "This artwork can't be printed right now. Please try another one.",
    403: "Your session has expired. Reload the page and try again.",
    429: "Too many print requests right now.",
    502: "Printora is not responding right now. Please try again in a moment.",
    503: "Printora is temporarily unavailable. Please try again in a moment.",
  };
  var GENERIC_ERROR = "Something went wrong on our side. Please try again in a moment.";
  var REQUEST_TIMEOUT_MS = 30000;

  function $(sel, root) {
    return (root || document).querySelector(sel);
  }

  function getHtml(url, signal) {
    var init = { headers: { Accept: "text/html" }, credentials: "same-origin", signal: signal };
    return fetch(url, init).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.text();
    });
  }

  function readCookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|;\\s*)" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  function showActiveChip(root) {
    // On phones the chips scroll sideways; keep the chosen one in sight.
    var chip = $(".gl-chip--active", root);
    if (chip) chip.scrollIntoView({ block: "nearest", inline: "center" });
  }

  function revealEnhancements(root) {
    // Copy buttons are useless without JS, so the HTML ships them hidden.
    (root || document).querySelectorAll("[data-copy-target][hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }

  /* live search */

  function setUpSearch() {
    var form = $("[data-gallery-search]");
    var results = $("[data-gallery-results]");
    if (!form || !results || !window.fetch) return;
    var input = form.querySelector("input[name=q]");
    var status = document.getElementById("gallery-status");
    var timer = 0;
    var inflight = null;

    function query() {
      var params = new URLSearchParams(new FormData(form));
      Array.from(params.keys()).forEach(function (key) {
        if (!params.get(key)) params.delete(key);
      });
      return params.toString();
    }

    function refresh() {
      var qs = query();
      if (inflight) inflight.abort();
      inflight = new AbortController();
      results.setAttribute("aria-busy", "true");
      getHtml(form.action + "?" + (qs ? qs + "&" : "") + "fragment=results", inflight.signal)
        .then(function (html) {
          results.innerHTML = html;
          results.removeAttribute("aria-busy");
          history.replaceState(history.state, "", qs ? "?" + qs : form.action);
          var summary = $("[data-results-summary]", results);
          if (status && summary) status.textContent = summary.textContent.trim();
        })
        .catch(function (error) {
          if (error.name === "AbortError") return;
          results.removeAttribute("aria-busy");
          form.submit(); // let the server-rendered page do it
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      refresh();
    });
  }

  /* the modal */

  var FOCUSABLE =
    'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), ' +
    'textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

  function setUpModal() {
    var dialog = document.getElementById("artwork-dialog");
    if (!dialog || typeof dialog.showModal !== "function" || !window.fetch) return;
    var body = $("[data-dialog-body]", dialog);
    var pageTitle = document.title;
    var opener = null;
    var loads = 0;
    // Closing calls history.back(), which is asynchronous: a click that lands
    // before it completes waits for it.
    var backPending = false;
    var queued = null;
    var closed = true;

    function fragmentUrl(url) {
      var u = new URL(url, location.href);
      u.searchParams.set("fragment", "1");
      return u.toString();
    }

    function open(url, trigger) {
      opener = trigger || opener;
      var token = ++loads;
      body.setAttribute("aria-busy", "true");
      body.innerHTML = '<p class="gl-dialog__loading">Loading artwork…</p>';
      if (!dialog.open) dialog.showModal(); // focuses the close button
      closed = false;
      getHtml(fragmentUrl(url))
        .then(function (html) {
          if (token !== loads || !dialog.open) return;
          body.innerHTML = html;
          body.removeAttribute("aria-busy");
          revealEnhancements(body);
          var title = $("[data-artwork-title]", body);
          if (title) {
            document.title = title.textContent.trim() + " · DreamCanvas";
            title.focus();
          }
        })
        .catch(function () {
          if (token === loads) location.assign(url); // the normal page still works
        });
    }

    function linkFor(url) {
      var path = new URL(url, location.href).pathname;
      return Array.from(document.querySelectorAll("a[data-artwork]")).find(function (a) {
        return new URL(a.href).pathname === path;
      });
    }

    function show(link) {
      history.pushState({ artwork: link.href }, "", link.href);
      open(link.href, link);
    }

    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-artwork]");
      if (!link || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return; // new tab etc.
      event.preventDefault();
      if (backPending) queued = link;
      else show(link);
    });

    window.addEventListener("popstate", function (event) {
      if (backPending) {
        backPending = false;
        if (queued) show(queued);
        queued = null;
        return;
      }
      var state = event.state;
      if (state && state.artwork) {
        open(state.artwork, linkFor(state.artwork)); // forward again
      } else {
        close(true);
      }
    });

    // Closing is handled synchronously: the "close" event comes a task later and,
    // after a quick reopen (back then forward), would be stale.
    function finish(fromHistory) {
      closed = true;
      loads++; // ignore a fragment still on its way
      body.innerHTML = "";
      document.title = pageTitle;
      if (!fromHistory && history.state && history.state.artwork) {
        backPending = true;
        history.back(); // the URL leaves /<slug>/ too
      }
      var target = opener && document.contains(opener) ? opener : $("[data-gallery-search] input");
      if (target) target.focus();
    }

    function close(fromHistory) {
      if (!dialog.open) return;
      dialog.close();
      finish(fromHistory);
    }

    $("[data-dialog-close]", dialog).addEventListener("click", function () {
      close(false);
    });

    // A click on the backdrop lands on the <dialog> itself (its frame fills the box).
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) close(false);
    });

    dialog.addEventListener("cancel", function (event) {
      event.preventDefault(); // Esc
      close(false);
    });

    // Any other way it closed (a browser may refuse to let "cancel" be prevented).
    dialog.addEventListener("close", function () {
      if (!closed && !dialog.open) finish(false);
    });

    // Keep Tab inside the dialog, cycling from the last control back to the first.
    dialog.addEventListener("keydown", function (event) {
      if (event.key !== "Tab") return;
      var items = Array.from(dialog.querySelectorAll(FOCUSABLE)).filter(function (el) {
        return !el.hidden && el.getClientRects().length > 0;
      });
      if (!items.length) return;
      var first = items[0];
      var last = items[items.length - 1];
      var active = document.activeElement;
      if (event.shiftKey && (active === first || !dialog.contains(active) || active === $("[data-artwork-title]", dialog))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    });
  }

  /* copy prompt */

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      // Older browsers and plain-http hosts: the execCommand route.
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      (document.querySelector("dialog[open]") || document.body).appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      area.remove();
      if (ok) resolve();
      else reject(new Error("copy failed"));
    });
  }

  function setUpCopy() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-copy-target]");
      if (!button) return;
      var source = document.getElementById(button.getAttribute("data-copy-target"));
      var label = $("[data-copy-label]", button) || button;
      if (!source) return;
      copyText(source.textContent.trim()).then(
        function () {
          label.textContent = "Copied!";
          button.classList.add("is-copied");
          setTimeout(function () {
            label.textContent = "Copy";
            button.classList.remove("is-copied");
          }, 2000);
        },
        function () {
          // Select the text so the shopper can press Ctrl+C / ⌘C themselves.
          var range = document.createRange();
          range.selectNodeContents(source);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          label.textContent = "Press Ctrl+C";
        }
      );
    });
  }

  /* Print on Product */

  function shopperMessage(response, data) {
    var message = data && typeof data.error === "string" && data.error.trim();
    message = message || FALLBACK_ERRORS[response.status] || GENERIC_ERROR;
    if (response.status === 429) {
      var wait = Number(data && data.retryAfter);
      if (!(wait > 0)) wait = Number(response.headers.get("Retry-After"));
      // The server's sentence may already give the wait ("... try again in 57 s."): say it once.
      if (wait > 0 && !/again in \d/i.test(message)) message += " Try again in " + Math.ceil(wait) + " s.";
    }
    return message;
  }

  function openPlaceholderTab() {
    var tab = null;
    try {
      tab = window.open("", "_blank");
    } catch (e) {
      tab = null;
    }
    if (!tab) return null;
    try {
      tab.opener = null; // the editor must not be able to reach back into this page
      tab.document.title = "Opening Printora…";
      var p = tab.document.createElement("p");
      p.textContent = "Opening Printora's editor…";
      p.style.cssText = "font:16px system-ui,sans-serif;color:#4a4766;text-align:center;margin-top:40vh";
      tab.document.body.appendChild(p);
    } catch (e) {
      /* the tab is still usable for navigation */
    }
    return tab;
  }

  function startPrint(form) {
    if (form.getAttribute("aria-busy") === "true") return; // a double click makes one session
    var button = $("[data-print-button]", form);
    var label = $("[data-print-label]", form);
    var errorBox = $("[data-print-error]", form);
    var statusBox = $("[data-print-status]", form);
    var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");
    var fields = Object.fromEntries(new FormData(form));
    delete fields.csrfmiddlewaretoken;
    var idle = label.textContent;

    form.setAttribute("aria-busy", "true");
    button.disabled = true;
    label.textContent = "Preparing your design…";
    errorBox.textContent = "";
    statusBox.textContent = "";

    // Opened now, during the click, so the popup blocker allows it; navigated later.
    var tab = openPlaceholderTab();
    var controller = new AbortController();
    var timer = setTimeout(function () {
      controller.abort();
    }, REQUEST_TIMEOUT_MS);

    function finish() {
      clearTimeout(timer);
      form.removeAttribute("aria-busy");
      button.disabled = false;
      label.textContent = idle;
    }

    function fail(message) {
      if (tab && !tab.closed) tab.close();
      errorBox.textContent = message;
      errorBox.scrollIntoView({ block: "nearest" });
      finish();
    }

    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": (tokenInput && tokenInput.value) || readCookie("csrftoken"),
      },
      body: JSON.stringify(fields),
      signal: controller.signal,
    }).then(
      function (response) {
        return response
          .json()
          .catch(function () {
            return null; // an HTML error page, or nothing at all
          })
          .then(function (data) {
            if (!response.ok) return fail(shopperMessage(response, data));
            var url = data && data.redirectUrl;
            if (typeof url !== "string" || !/^https?:\/\//i.test(url)) {
              return fail("Printora sent an unexpected reply. Please try again.");
            }
            if (tab && !tab.closed) {
              tab.location.href = url;
              statusBox.textContent = "Printora is open in a new tab.";
              finish();
            } else {
              window.location.assign(url); // popup blocked: go there in this tab
            }
          });
      },
      function (error) {
        fail(
          error && error.name === "AbortError"
            ? "The server took too long to answer. Please try again."
            : NETWORK_ERROR
        );
      }
    );
  }

  function setUpPrint() {
    if (!window.fetch) return;
    document.addEventListener("submit", function (event) {
      var form = event.target.closest && event.target.closest("form[data-print-form]");
      if (!form) return;
      event.preventDefault();
      startPrint(form);
    });
  }

  revealEnhancements(document);
  showActiveChip(document);
  setUpSearch();
  setUpModal();
  setUpCopy();
  setUpPrint();
})();
