/* Live countdown for the convening (partials/countdown.html).
 *
 * The server already wrote what is counted down to, its date and the days
 * left at build time; this only keeps the "left" line current (days, hours,
 * minutes, in the page's language and digits) and moves to the next target
 * when one passes, without a reload. It wakes once a minute, or at the next
 * target if that comes sooner. Screen readers hear nothing per tick: the
 * polite live region speaks only when a milestone passes. No animation here;
 * the stylesheet's only transition is off under prefers-reduced-motion.
 */
(function () {
  "use strict";

  var MINUTE = 60000;
  var MAX_DELAY = 2147483647; // setTimeout's largest delay

  function locale(root) {
    var lang = root.getAttribute("data-lang") ||
      document.documentElement.getAttribute("lang") || "en";
    var digits = root.getAttribute("data-digits");
    return digits ? lang + "-u-nu-" + digits : lang;
  }

  function makeFormat(loc) {
    var units = {};
    ["day", "hour", "minute"].forEach(function (unit) {
      units[unit] = new Intl.NumberFormat(loc, {
        style: "unit", unit: unit, unitDisplay: "long"
      });
    });
    var list = typeof Intl.ListFormat === "function"
      ? new Intl.ListFormat(loc, { style: "long", type: "unit" }) : null;
    return function (ms) {
      // Whole minutes, rounded up: "0 minutes" never shows before the moment.
      var minutes = Math.max(Math.ceil(ms / MINUTE), 0);
      var parts = [];
      var days = Math.floor(minutes / 1440);
      var hours = Math.floor((minutes % 1440) / 60);
      var mins = minutes % 60;
      if (days) parts.push(units.day.format(days));
      if (hours) parts.push(units.hour.format(hours));
      if (mins || !parts.length) parts.push(units.minute.format(mins));
      return list ? list.format(parts) : parts.join(" ");
    };
  }

  function start(root) {
    var targets = Array.prototype.slice.call(
      root.querySelectorAll("[data-countdown-target]"));
    if (!targets.length) return;
    var status = root.querySelector("[data-countdown-status]");
    var over = root.querySelector("[data-countdown-over]");
    var announce = root.querySelector("[data-countdown-announce]");
    var title = root.querySelector("[data-countdown-title]");
    var template = root.getAttribute("data-left-template") || "{duration}";
    var format = makeFormat(locale(root));
    var times = targets.map(function (el) {
      return Date.parse(el.getAttribute("data-at"));
    });
    var shown = -1;
    var timer = null;

    function currentIndex(now) {
      for (var i = 0; i < times.length; i++) {
        if (times[i] > now) return i;
      }
      return times.length;
    }

    function show(index, now) {
      var changed = shown !== -1 && index !== shown;
      targets.forEach(function (el, i) { el.hidden = i !== index; });
      var done = index > 0 ? targets[index - 1].getAttribute("data-done") : "";
      if (status && index >= targets.length) status.textContent = "";
      else if (status && index > 0) status.textContent = done;
      if (over) over.hidden = index < targets.length;
      // The heading follows the event: under way once it started, then over.
      if (title) {
        var ahead = targets[index];
        if (index >= targets.length) {
          title.textContent = title.getAttribute("data-title-over");
        } else if (ahead.getAttribute("data-key") === "end") {
          title.textContent = title.getAttribute("data-title-now");
        }
      }
      if (changed && announce) {
        // One message per milestone, not per tick.
        var next = targets[index];
        var what = next ? next.querySelector(".countdown__what") : null;
        var when = next ? next.querySelector("time") : null;
        announce.textContent = [done, what && what.textContent,
          when && when.textContent].filter(Boolean).join(" ");
      }
      shown = index;
    }

    function tick() {
      var now = Date.now();
      var index = currentIndex(now);
      if (index !== shown) show(index, now);
      if (index >= targets.length) {
        root.setAttribute("data-countdown-state", "over");
        return;
      }
      var left = targets[index].querySelector("[data-countdown-left]");
      var ms = times[index] - now;
      var text = template.replace("{duration}", format(ms));
      if (left && left.textContent !== text) left.textContent = text;
      // Wake when the rounded-up minute count drops, or at the target.
      var delay = ms % MINUTE || MINUTE;
      timer = setTimeout(tick, Math.min(delay, ms, MAX_DELAY));
    }

    root.setAttribute("data-countdown-state", "live");
    tick();
    // Coming back to a tab whose timers were throttled: catch up at once.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") {
        clearTimeout(timer);
        tick();
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(
      document.querySelectorAll("[data-countdown]"), start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
