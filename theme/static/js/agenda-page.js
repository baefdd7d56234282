/* The My agenda page ([data-agenda-page]), after js/agenda.js: the starred
 * sessions by day (all are in the page, hidden), the visitor's own time where
 * it differs, a calendar file built here from the page's own data
 * ([data-agenda-export]) and a link carrying the choice in its fragment (never
 * sent to a server). Trusted Types: no HTML from strings, only createElement
 * and textContent. */
(function () {
  "use strict";

  var SHARE = "s"; // #s=tstaaa.tstbbb
  var agendaOf = window.smexAgenda;
  var has = agendaOf.has;
  var set = agendaOf.set;

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  /* the calendar file */

  function icsText(value) {
    return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r?\n/g, "\\n");
  }

  function fold(line) {
    // RFC 5545: at most 75 octets a line
    var out = [];
    var current = "";
    var size = 0;
    Array.from(line).forEach(function (ch) {
      var octets = new TextEncoder().encode(ch).length;
      if (size + octets > 74) {
        out.push(current);
        current = " ";
        size = 1;
      }
      current += ch;
      size += octets;
    });
    out.push(current);
    return out.join("\r\n");
  }

  function utcStamp(date) {
    return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  }

  function calendar(cards, button) {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//SMEX//Bread&Net my agenda//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
      "X-WR-CALNAME:" + icsText(button.getAttribute("data-calname") || "")];
    var now = utcStamp(new Date());
    cards.forEach(function (card) {
      var link = card.querySelector(".session-card__title a");
      var room = card.querySelector(".session-card__room bdi");
      lines.push("BEGIN:VEVENT",
        "UID:" + card.getAttribute("data-uid"),
        "DTSTAMP:" + now,
        "DTSTART:" + utcStamp(new Date(card.getAttribute("data-start"))),
        "DTEND:" + utcStamp(new Date(card.getAttribute("data-end"))),
        "SUMMARY:" + icsText(link.textContent.trim()),
        "URL:" + link.href);
      // changed or removed since an earlier import: as the site's own .ics says
      if (card.hasAttribute("data-sequence")) {
        lines.push("SEQUENCE:" + parseInt(card.getAttribute("data-sequence"), 10),
          "LAST-MODIFIED:" + utcStamp(new Date(card.getAttribute("data-modified"))));
      }
      lines.push("STATUS:" + (card.hasAttribute("data-agenda-removed") ? "CANCELLED"
        : button.getAttribute("data-status") || "CONFIRMED"));
      if (room) lines.push("LOCATION:" + icsText(room.textContent.trim()));
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function download(text, name) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /* the visitor's own time */

  // Each Intl.DateTimeFormat is made once: making one costs about a
  // millisecond, and a card needed four (Lighthouse: half a second of script
  // on the agenda of a 200-session programme).
  var formats = {};

  function formatter(key, locale, options) {
    if (!formats[key]) formats[key] = new Intl.DateTimeFormat(locale, options);
    return formats[key];
  }

  function clock(date, zone) {
    return formatter("clock " + zone, "en-GB", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).format(date);
  }

  // Written once, when the card is first shown: the other cards stay hidden.
  var timed = [];

  function ownTime(card, page) {
    var out = card.querySelector("[data-agenda-local]");
    if (!out || timed.indexOf(card) >= 0) return;
    timed.push(card);
    var visitor = formatter("visitor").resolvedOptions().timeZone;
    var zone = page.getAttribute("data-zone");
    var start = new Date(card.getAttribute("data-start"));
    var end = new Date(card.getAttribute("data-end"));
    if (!visitor || clock(start, zone) === clock(start, visitor)) return;
    var locale = page.getAttribute("data-locale") || document.documentElement.lang;
    var format = formatter("day", locale, {
      timeZone: visitor, weekday: "long", day: "numeric", month: "long",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short"
    });
    var time = formatter("time", locale, {
      timeZone: visitor, hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    });
    var text = format.format(start) + "–" + time.format(end);
    out.textContent = page.getAttribute("data-template").replace("{time}", text);
    out.hidden = false;
  }

  /* the agenda page */

  function agenda(page) {
    var year = page.getAttribute("data-agenda-page");
    var cards = all("[data-agenda-card]", page);
    var shared = new URLSearchParams(window.location.hash.slice(1)).get(SHARE);
    if (shared) {
      shared.split(".").forEach(function (slug) {
        var id = year + "/" + slug;
        if (/^[a-z0-9-]+$/.test(slug) && !has(id) &&
            cards.some(function (c) { return c.getAttribute("data-agenda-card") === id; })) {
          set(id, true);
        }
      });
    }
    agendaOf.sync();
    var tools = page.querySelector("[data-agenda-tools]");
    var empty = page.querySelector("[data-agenda-empty]");
    var share = page.querySelector("[data-agenda-share]");
    var button = page.querySelector("[data-agenda-export]");

    function render() {
      var mine = cards.filter(function (c) { return has(c.getAttribute("data-agenda-card")); });
      mine.forEach(function (card) { ownTime(card, page); });
      cards.forEach(function (card) { card.parentNode.hidden = mine.indexOf(card) < 0; });
      all("[data-agenda-day]", page).forEach(function (day) {
        day.hidden = !day.querySelector("li:not([hidden]) > [data-agenda-card]");
      });
      empty.hidden = mine.length > 0;
      tools.hidden = mine.length === 0;
      var slugs = mine.map(function (c) { return c.getAttribute("data-agenda-card").split("/")[1]; });
      share.href = window.location.origin + window.location.pathname + "#" + SHARE + "=" +
        slugs.join(".");
      return mine;
    }

    if (button) {
      button.addEventListener("click", function () {
        download(calendar(render(), button), button.getAttribute("data-filename"));
      });
    }
    render();
    agendaOf.onChange(render);
  }

  var page = document.querySelector("[data-agenda-page]");
  if (page) agenda(page);
})();
