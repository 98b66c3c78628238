// Small enhancements. Every page works without them: the Show buttons stay hidden, times stay in UTC,
// and forms submit as plain HTML forms.
(function () {
  "use strict";

  // Show/hide password fields. The name says what pressing does (as GOV.UK's password input does),
  // and focus stays on the button so it can be pressed again.
  document.querySelectorAll("[data-toggle-password]").forEach(function (button) {
    var inputs = button.getAttribute("data-toggle-password").split(" ")
      .map(function (id) { return document.getElementById(id); })
      .filter(Boolean);
    if (inputs.length === 0) return;
    // Older or hand-written templates may lack the label or still carry aria-pressed: name the button here.
    var noun = (button.getAttribute("aria-label") || "Show password").replace(/^Show /, "");
    button.setAttribute("aria-label", "Show " + noun);
    button.removeAttribute("aria-pressed");
    button.hidden = false;
    button.addEventListener("click", function () {
      var show = inputs[0].type === "password";
      inputs.forEach(function (input) { input.type = show ? "text" : "password"; });
      button.textContent = show ? "Hide" : "Show";
      button.setAttribute("aria-label", (show ? "Hide " : "Show ") + noun);
    });
  });

  // A second click on a submit button would post the form twice; the second answer (for example
  // "username taken" right after the account was created) would then be the one shown.
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-submitting")) {
        event.preventDefault();
        return;
      }
      form.setAttribute("data-submitting", "true");
      form.querySelectorAll("[type=submit]").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
      // Passwords go back to hidden: browsers offer to save a password only from a password field,
      // and the back/forward cache must not show one in clear.
      form.querySelectorAll("[data-toggle-password]").forEach(function (b) {
        if (b.textContent === "Hide") b.click();
      });
    });
  });

  // Coming back through the back/forward cache, forms must be usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submitting]").forEach(function (form) {
      form.removeAttribute("data-submitting");
      form.querySelectorAll("[aria-disabled]").forEach(function (b) { b.removeAttribute("aria-disabled"); });
    });
  });

  // Times are rendered in UTC on the server, which cannot know the reader's time zone.
  document.querySelectorAll("time[data-local-time]").forEach(function (time) {
    var date = new Date(time.getAttribute("datetime"));
    if (isNaN(date.getTime())) return;
    time.textContent = date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  });
})();
