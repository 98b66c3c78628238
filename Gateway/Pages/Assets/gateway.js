// Show/hide buttons for password fields. Without scripts the buttons stay hidden and the form still works.
document.querySelectorAll("[data-toggle-password]").forEach(function (button) {
  var input = document.getElementById(button.getAttribute("data-toggle-password"));
  if (!input) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var show = input.type === "password";
    input.type = show ? "text" : "password";
    button.textContent = show ? "Hide" : "Show";
    button.setAttribute("aria-pressed", String(show));
    input.focus();
  });
});
