/* Printora sandbox editor: progressive enhancement of templates/printora_sandbox/editor.html.
 *
 * The page works without this file: every choice is a real form field in one
 * checkout form. This script only makes it feel like an editor: the mockup follows
 * the product, colour and size; only the chosen product's colours and sizes are
 * offered; the price and summary update live; design and checkout become two steps.
 * No inline script or style is needed (the CSP forbids them).
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-pe]");
  if (!root) return;
  var form = root.querySelector("[data-pe-form]");
  var stage = root.querySelector("[data-pe-stage]");
  if (!form || !stage) return;

  root.classList.add("pe--js");
  Array.prototype.forEach.call(root.querySelectorAll("[data-pe-js-only]"), function (el) {
    el.hidden = false;
  });

  var currency = root.getAttribute("data-currency") || "USD";
  var shippingCents = toCents(root.getAttribute("data-shipping"));
  var money = new Intl.NumberFormat("en-US", { style: "currency", currency: currency });
  var quantityInput = form.querySelector("input[name='quantity']");
  var payButton = form.querySelector("[data-pe-pay]");

  function toCents(value) {
    return Math.round(parseFloat(value || "0") * 100) || 0;
  }

  function all(selector, scope) {
    return Array.prototype.slice.call((scope || root).querySelectorAll(selector));
  }

  function checked(name) {
    return form.querySelector("input[name='" + name + "']:checked:not(:disabled)");
  }

  function quantity() {
    var value = parseInt(quantityInput.value, 10);
    if (isNaN(value)) return 1;
    return Math.min(100, Math.max(1, value));
  }

  function isDark(hex) {
    var match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || "");
    if (!match) return false;
    var r = parseInt(match[1], 16);
    var g = parseInt(match[2], 16);
    var b = parseInt(match[3], 16);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 140;
  }

  function setText(key, text) {
    all("[data-pe-out='" + key + "']").forEach(function (el) {
      el.textContent = text;
    });
  }

  /* Offer only the chosen product's colours and sizes, keeping the shopper's
     colour or size where the new product has it too. */
  function showVariants(kind, slug, preferred) {
    var previous = checked(kind);
    var keep = previous ? previous.value : null;
    var active = null;
    all("[data-pe-variant='" + kind + "']").forEach(function (group) {
      var isActive = group.getAttribute("data-product") === slug;
      group.hidden = !isActive;
      group.disabled = !isActive;
      group.classList.toggle("is-current", isActive);
      if (isActive) active = group;
    });
    if (!active) return;
    var inputs = all("input[name='" + kind + "']", active);
    if (inputs.some(function (input) { return input.checked; })) return;
    var choice =
      inputs.filter(function (input) { return input.value === keep; })[0] ||
      inputs.filter(function (input) { return input.value === preferred; })[0] ||
      inputs[0];
    if (choice) choice.checked = true;
  }

  function showMockup(key) {
    all("[data-mockup]", stage).forEach(function (mockup) {
      mockup.hidden = mockup.getAttribute("data-mockup") !== key;
    });
  }

  function paint(hex) {
    all(".pe-garment", stage).forEach(function (shape) {
      shape.setAttribute("fill", hex);
    });
    all("[data-pe-out-fill]", stage).forEach(function (dot) {
      dot.setAttribute("fill", hex);
    });
    stage.style.setProperty("--pe-garment", hex);
    stage.classList.toggle("is-dark", isDark(hex));
  }

  function render() {
    var product = checked("product");
    var colour = checked("colour");
    var size = checked("size");
    if (!product) return;
    var qty = quantity();
    var unitCents = toCents(product.getAttribute("data-price"));
    var subtotal = unitCents * qty;

    if (size) showMockup(size.getAttribute("data-mockup") || product.value);
    if (colour) paint(colour.getAttribute("data-hex"));

    setText("product", product.getAttribute("data-name"));
    setText("colour", colour ? colour.value : "—");
    setText("colour-legend", colour ? ": " + colour.value : "");
    setText("size", size ? size.value : "—");
    setText("quantity", String(qty));
    setText("unit", money.format(unitCents / 100));
    setText("subtotal", money.format(subtotal / 100));
    setText("shipping", money.format(shippingCents / 100));
    setText("total", money.format((subtotal + shippingCents) / 100));

    all("[data-pe-qty]").forEach(function (button) {
      var step = parseInt(button.getAttribute("data-pe-qty"), 10);
      button.disabled = step < 0 ? qty <= 1 : qty >= 100;
    });
  }

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.name === "product") {
      showVariants("colour", target.value, null);
      showVariants("size", target.value, "M");
    }
    if (target === quantityInput) quantityInput.value = String(quantity());
    render();
  });
  quantityInput.addEventListener("input", render);

  /* Quantity stepper */
  all("[data-pe-qty]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var step = parseInt(button.getAttribute("data-pe-qty"), 10);
      quantityInput.value = String(Math.min(100, Math.max(1, quantity() + step)));
      render();
    });
  });

  /* Two steps: design, then checkout */
  var steps = all("[data-pe-step]");

  function stepOf(element) {
    var section = element.closest("[data-pe-step]");
    return section ? section.getAttribute("data-pe-step") : null;
  }

  function go(name, moveFocus) {
    root.setAttribute("data-step", name);
    steps.forEach(function (section) {
      section.hidden = section.getAttribute("data-pe-step") !== name;
    });
    all(".pe-steps [data-pe-goto]").forEach(function (link) {
      if (link.getAttribute("data-pe-goto") === name) link.setAttribute("aria-current", "step");
      else link.removeAttribute("aria-current");
    });
    if (moveFocus) {
      var heading = root.querySelector("#pe-" + name + "-title");
      if (heading) heading.focus();
    }
  }

  all("[data-pe-goto]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      go(link.getAttribute("data-pe-goto"), true);
    });
  });

  /* A field the browser finds invalid may sit in the hidden step: show that step. */
  form.addEventListener(
    "invalid",
    function (event) {
      var name = stepOf(event.target);
      if (name && root.getAttribute("data-step") !== name) go(name, false);
    },
    true
  );

  /* Error summary links jump to fields that may sit in the hidden step. */
  all(".pe-alert a[href^='#pe-field-']").forEach(function (link) {
    link.addEventListener("click", function () {
      var target = root.querySelector(link.getAttribute("href"));
      var name = target && stepOf(target);
      if (name) go(name, false);
    });
  });

  form.addEventListener("submit", function () {
    if (!payButton) return;
    payButton.disabled = true;
    payButton.setAttribute("aria-busy", "true");
  });
  window.addEventListener("pageshow", function () {
    if (!payButton) return;
    payButton.disabled = false;
    payButton.removeAttribute("aria-busy");
  });

  /* "Link expires in N minutes", kept current. */
  var left = root.querySelector("[data-pe-expiry-left]");
  if (left) {
    var expires = Date.parse(left.getAttribute("data-expires"));
    var tick = function () {
      var minutes = Math.ceil((expires - Date.now()) / 60000);
      if (isNaN(expires)) return;
      if (minutes <= 0) {
        left.textContent = "now (your open checkout stays valid)";
        window.clearInterval(timer);
        return;
      }
      left.textContent = minutes === 1 ? "in 1 minute" : "in " + minutes + " minutes";
    };
    var timer = window.setInterval(tick, 15000);
    tick();
  }

  /* Start: the chosen product's options, and the step that needs attention. */
  var product = checked("product");
  if (product) {
    // Choices that the chosen product does not offer (possible only in a posted,
    // rejected form) are replaced by the nearest valid one; the error stays shown.
    showVariants("colour", product.value, null);
    showVariants("size", product.value, "M");
  }
  render();

  var firstError = root.querySelector("[data-pe-step] .errorlist");
  go(firstError ? stepOf(firstError) : "design", false);
})();
