// 适老化 reading tools: three text sizes and a high-contrast mode, remembered across pages.
// Loaded in <head> so that a remembered choice applies before the page is drawn. Without
// JavaScript the tools stay hidden and the page reads at its normal size.
(function () {
  var root = document.documentElement;
  var sizes = ["", "text-large", "text-larger"];
  function saved(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: this page only */ }
  }
  function apply() {
    var size = Number(saved("bulletin.text-size")) || 0;
    sizes.forEach(function (name, i) { if (name) root.classList.toggle(name, i === size); });
    var high = saved("bulletin.contrast") === "high";
    root.classList.toggle("contrast-high", high);
    document.querySelectorAll(".reading-tools [data-size]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(Number(button.dataset.size) === size));
    });
    document.querySelectorAll(".reading-tools [data-contrast]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(high));
    });
  }
  apply();
  document.addEventListener("DOMContentLoaded", function () {
    var tools = document.querySelector(".reading-tools");
    if (!tools) return;
    tools.hidden = false;
    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.dataset.size !== undefined) save("bulletin.text-size", button.dataset.size);
      if (button.hasAttribute("data-contrast")) {
        save("bulletin.contrast", root.classList.contains("contrast-high") ? "normal" : "high");
      }
      apply();
    });
    apply();
  });
})();
