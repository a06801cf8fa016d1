// legwise: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  // A copy button for the diary's private link (shown only when the browser can copy).
  var copy = document.querySelector("button.copy-link");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var status = document.querySelector(".copy-status");
      navigator.clipboard.writeText(copy.getAttribute("data-copy")).then(function () {
        if (status) status.textContent = "Copied.";
      }, function () {
        if (status) status.textContent = "Could not copy: select the link and copy it.";
      });
    });
  }
})();
(function () {
  "use strict";
  var form = document.querySelector(".question-form");
  if (!form) return;
  var kind = form.getAttribute("data-kind");
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="answer"]'));
  var next = form.querySelector('button[value="answer"]');

  // One submission per page: a tap that already answered is not followed by a second post
  // (a double tap, or Next pressed as well) that would answer the next question unseen.
  form.addEventListener("submit", function (event) {
    if (form.getAttribute("data-sent")) { event.preventDefault(); return; }
    form.setAttribute("data-sent", "1");
  });
  window.addEventListener("pageshow", function () { form.removeAttribute("data-sent"); });

  // One choice: a tap on a row answers at once. Arrow keys only move the choice
  // (a keyboard user confirms with Enter or the Next button).
  var pointer = false;
  form.addEventListener("pointerdown", function () { pointer = true; });
  form.addEventListener("keydown", function () { pointer = false; });
  if (kind === "single" || kind === "choice") {
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        if (pointer && next) {
          if (form.requestSubmit) { form.requestSubmit(next); } else { next.click(); }
        }
      });
    });
  }

  // Tick all that apply: "None of these" and "Not sure" stand alone.
  if (kind === "any_of") {
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        if (!box.checked) return;
        var alone = box.hasAttribute("data-alone");
        boxes.forEach(function (other) {
          if (other !== box && (alone || other.hasAttribute("data-alone"))) other.checked = false;
        });
      });
    });
  }

  // Number keys 1-9 pick an option when no text field has the focus.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.tagName === "INPUT" && target.type === "text" || target.tagName === "TEXTAREA")) return;
    var n = parseInt(event.key, 10);
    if (!(n >= 1 && n <= boxes.length)) return;
    var box = boxes[n - 1];
    if (box.type === "checkbox") { box.checked = !box.checked; } else { box.checked = true; }
    box.dispatchEvent(new Event("change", { bubbles: true }));
    box.focus();
  });

  // Put the cursor in the answer box of a number question.
  var field = form.querySelector('input[type="text"]');
  if (field && !field.value) field.focus();
})();
