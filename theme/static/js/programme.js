/* The programme, improved (programme.html, session.html).
 *
 * Without this script the programme is a plain list per day and a session
 * page gives its time in the edition's zone; both read fully. This adds:
 * - filters by day, track, room and language, kept in the address (?track=…)
 *   so a filtered programme can be shared and survives a reload;
 * - "now / next" while the convening runs, from each session's instants;
 * - on a session page, the visitor's own time when it is not the edition's,
 *   marked when it falls on the day before or after.
 * Every word comes from the page (data-* attributes written in its language).
 */
(function () {
  "use strict";

  var FILTERS = ["day", "track", "room", "language"];
  var MINUTE = 60000;

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return key in values ? values[key] : match;
    });
  }

  /* --- filters ------------------------------------------------------------ */

  function filters(form) {
    var cards = all(document, "[data-session]");
    var count = form.querySelector("[data-programme-count]");
    var none = document.querySelector("[data-programme-none]");
    var selects = FILTERS.map(function (key) {
      return form.querySelector("select[name=" + key + "]");
    }).filter(Boolean);

    function fromAddress() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        var wanted = params.get(select.name) || "";
        var known = all(select, "option").some(function (o) { return o.value === wanted; });
        select.value = known ? wanted : "";
      });
    }

    function toAddress() {
      var url = new URL(window.location.href);
      selects.forEach(function (select) {
        if (select.value) url.searchParams.set(select.name, select.value);
        else url.searchParams.delete(select.name);
      });
      window.history.replaceState(null, "", url);
    }

    function apply() {
      var wanted = {};
      selects.forEach(function (select) { wanted[select.name] = select.value; });
      var shown = 0;
      cards.forEach(function (card) {
        var match = selects.every(function (select) {
          var value = wanted[select.name];
          var have = card.getAttribute("data-" + select.name) || "";
          // a session in several languages lists them all: "ar en"
          if (select.name === "language") return !value || have.split(" ").indexOf(value) >= 0;
          return !value || have === value;
        });
        // written only when it changes: on load nothing does, and a
        // programme has hundreds of cards (each write restyles the page)
        if (card.parentNode.hidden === match) card.parentNode.hidden = !match;
        if (match) shown += 1;
      });
      // A time slot or a day with nothing left in it goes too.
      all(document, "[data-programme-slot], [data-programme-day]").forEach(function (group) {
        var empty = !group.querySelector("li:not([hidden]) > [data-session]");
        if (group.hidden !== empty) group.hidden = empty;
      });
      if (none) none.hidden = shown > 0;
      var filtered = selects.some(function (select) { return select.value; });
      count.textContent = filtered ? fill(count.getAttribute("data-template"),
        { shown: shown, count: cards.length }) : "";
    }

    form.addEventListener("change", function () { toAddress(); apply(); });
    form.addEventListener("reset", function () {
      // After the browser has reset the fields.
      setTimeout(function () { toAddress(); apply(); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    fromAddress();
    apply();
    form.hidden = false;
  }

  /* --- now / next ----------------------------------------------------------- */

  function nowNext(box) {
    var cards = all(document, "[data-session]").map(function (card) {
      return {
        card: card,
        start: Date.parse(card.getAttribute("data-start")),
        end: Date.parse(card.getAttribute("data-end"))
      };
    });
    if (!cards.length) return;
    var first = Math.min.apply(null, cards.map(function (c) { return c.start; }));
    var last = Math.max.apply(null, cards.map(function (c) { return c.end; }));
    var nowList = box.querySelector("[data-programme-now-list]");
    var nextList = box.querySelector("[data-programme-next-list]");

    function item(entry) {
      var li = document.createElement("li");
      li.appendChild(entry.card.querySelector(".session-card__title a").cloneNode(true));
      var room = entry.card.querySelector(".session-card__room bdi");
      if (room) {
        li.appendChild(document.createTextNode(" · "));
        li.appendChild(room.cloneNode(true));
      }
      return li;
    }

    function show(list, entries) {
      list.textContent = "";
      entries.forEach(function (entry) { list.appendChild(item(entry)); });
      list.parentNode.hidden = !entries.length;
    }

    function tick() {
      var now = Date.now();
      box.hidden = now < first || now >= last;
      if (!box.hidden) {
        show(nowList, cards.filter(function (c) { return c.start <= now && now < c.end; }));
        var ahead = cards.filter(function (c) { return c.start > now; });
        var soonest = Math.min.apply(null, ahead.map(function (c) { return c.start; }));
        show(nextList, ahead.filter(function (c) { return c.start === soonest; }));
      }
      if (now < last) setTimeout(tick, MINUTE - (now % MINUTE));
    }

    tick();
  }

  /* --- the visitor's own time ------------------------------------------------ */

  // Each formatter is made once: making one costs about a millisecond (four
  // on a phone), and comparing the two clocks asked for ten.
  var formats = {};

  function formatter(key, locale, options) {
    if (!formats[key]) formats[key] = new Intl.DateTimeFormat(locale, options);
    return formats[key];
  }

  function dayIn(date, zone) {
    // YYYY-MM-DD of an instant in a zone ("en-CA" writes dates that way).
    return formatter("day " + zone, "en-CA", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit"
    }).format(date);
  }

  function wallClock(date, zone) {
    return dayIn(date, zone) + " " + formatter("clock " + zone, "en-GB", {
      timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).format(date);
  }

  function localTime(when, out) {
    var visitor = formatter("visitor").resolvedOptions().timeZone;
    var zone = when.getAttribute("data-zone");
    var start = new Date(when.getAttribute("data-start"));
    var end = new Date(when.getAttribute("data-end"));
    if (!visitor || !zone || isNaN(start) || isNaN(end)) return;
    if (wallClock(start, zone) === wallClock(start, visitor) &&
        wallClock(end, zone) === wallClock(end, visitor)) return; // the same clock
    var locale = out.getAttribute("data-locale") || document.documentElement.lang;
    var date = new Intl.DateTimeFormat(locale, {
      timeZone: visitor, weekday: "long", day: "numeric", month: "long"
    });
    var time = new Intl.DateTimeFormat(locale, {
      timeZone: visitor, hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    });
    var zoneName = new Intl.DateTimeFormat(locale, { timeZone: visitor, timeZoneName: "short" })
      .formatToParts(start).filter(function (p) { return p.type === "timeZoneName"; });
    var theirs = dayIn(start, visitor);
    var ours = dayIn(start, zone);
    var marker = theirs > ours ? out.getAttribute("data-next-day")
      : theirs < ours ? out.getAttribute("data-previous-day") : "";
    var text = date.format(start) + out.getAttribute("data-separator") +
      time.format(start) + "–" + time.format(end) +
      (zoneName.length ? " " + zoneName[0].value : "") + (marker ? " " + marker : "");
    out.textContent = fill(out.getAttribute("data-template"), { time: text });
    out.setAttribute("data-day-marker", marker ? (theirs > ours ? "+1" : "-1") : "0");
    out.hidden = false;
  }

  function init() {
    var form = document.querySelector("[data-programme-filters]");
    if (form) filters(form);
    var box = document.querySelector("[data-programme-now]");
    if (box) nowNext(box);
    var when = document.querySelector("[data-session-time]");
    var out = document.querySelector("[data-session-local]");
    if (when && out) localTime(when, out);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
