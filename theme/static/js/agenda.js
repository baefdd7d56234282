/* My agenda (issue 22): the stars ([data-agenda-toggle], shown only when this
 * runs) keep the choice in this browser (localStorage), for both languages of
 * the site; no request anywhere. js/agenda-page.js shows it. */
(function () {
  "use strict";

  var KEY = "smex-agenda"; // ["2025/tstaaa", …]

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function read() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(value) ? value.filter(function (v) { return typeof v === "string"; }) : [];
    } catch (error) {
      return [];
    }
  }

  function write(list) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(list));
    } catch (error) { /* storage off: this page only */ }
  }

  var chosen = read();

  function has(id) { return chosen.indexOf(id) >= 0; }

  function set(id, on) {
    chosen = chosen.filter(function (v) { return v !== id; });
    if (on) chosen.push(id);
    write(chosen);
  }

  /* the stars */

  // A programme page has a star per session (200 and more): each is touched
  // only when its state differs, and one listener serves them all.
  function sync() {
    all("[data-agenda-toggle]").forEach(function (button) {
      var on = has(button.getAttribute("data-agenda-toggle")) ? "true" : "false";
      if (button.getAttribute("aria-pressed") !== on) button.setAttribute("aria-pressed", on);
    });
  }

  function showStars(onChange) {
    all("[data-agenda-toggle]").forEach(function (button) { button.hidden = false; });
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-agenda-toggle]") : null;
      if (!button) return;
      var id = button.getAttribute("data-agenda-toggle");
      set(id, !has(id));
      sync();
      onChange();
    });
    sync();
  }

  var listeners = [];

  // The agenda page (js/agenda-page.js) reads and changes the same choice.
  window.smexAgenda = {
    has: has,
    set: set,
    sync: sync,
    onChange: function (listener) { listeners.push(listener); }
  };

  function init() {
    showStars(function () { listeners.forEach(function (listener) { listener(); }); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
