// /create-session/: live image preview, copy buttons, and the live webhook list.
(function () {
  "use strict";

  var input = document.querySelector("#id_image_url");
  var image = document.querySelector("[data-preview-image]");
  var empty = document.querySelector("[data-preview-empty]");
  if (input && image && empty) {
    var timer = null;
    var show = function () {
      var url = input.value.trim();
      var ok = /^https?:\/\/\S+$/i.test(url);
      image.hidden = !ok;
      empty.hidden = ok;
      if (ok && image.getAttribute("src") !== url) image.src = url;
    };
    var broken = function () {
      image.hidden = true;
      empty.hidden = false;
      empty.textContent = "This URL doesn't load as an image here.";
    };
    image.addEventListener("error", broken);
    // The server-rendered image may have failed before this (deferred) script ran.
    if (!image.hidden && image.complete && image.naturalWidth === 0) broken();
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(show, 300);
    });
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var source = document.querySelector(button.getAttribute("data-copy"));
      if (!source) return;
      var text = source.textContent.trim();
      var done = function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy link"; }, 1500);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done);
      } else {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        try { document.execCommand("copy"); done(); } catch (e) { /* selected for manual copy */ }
      }
    });
  });

  var live = document.querySelector("[data-live-events]");
  if (live) {
    var url = live.getAttribute("data-live-events");
    var refresh = function () {
      if (document.hidden) return;
      fetch(url, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null && html !== live.innerHTML) live.innerHTML = html; })
        .catch(function () { /* try again on the next tick */ });
    };
    setInterval(refresh, 4000);
    document.addEventListener("visibilitychange", refresh);
  }
})();
