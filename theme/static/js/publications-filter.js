/* Instant filtering of the publications index by type, year, topic and text.
 *
 * Without this script the index shows every card and links to the static
 * type and year pages; the filter form stays hidden (CSS) until the script
 * marks <html> with "pub-filter-ready". State lives in the URL query
 * (?type=guide&year=2022&topic=privacy&q=hate), so a filtered view can be
 * shared; the live count ("7 publications") is announced politely.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-pub-filter]");
  var list = document.querySelector("[data-pub-list]");
  var counter = document.getElementById("pub-count");
  if (!form || !list || !counter) return;

  var FIELDS = ["type", "year", "topic", "q"];
  var cards = Array.prototype.slice.call(list.querySelectorAll("[data-pub-card]"));
  var empty = document.querySelector("[data-pub-empty]");
  var lang = document.documentElement.lang || "en";
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩";

  // Lowercase, drop Latin accents and Arabic diacritics and tatweel, and fold
  // the letter variants people type interchangeably (أ إ آ ٱ -> ا, ى -> ي, ة -> ه).
  function fold(text) {
    return (text || "")
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, "")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
      .replace(/\u0649/g, "\u064a")
      .replace(/\u0629/g, "\u0647");
  }

  cards.forEach(function (card) {
    var title = card.querySelector("[data-pub-title]");
    var summary = card.querySelector("[data-pub-summary]");
    card._pubText = fold((title ? title.textContent : "") + " " + (summary ? summary.textContent : ""));
    card._pubTopics = (card.getAttribute("data-topics") || "").split(/\s+/);
  });

  function digits(text) {
    if (counter.getAttribute("data-digits") !== "arab") return text;
    return text.replace(/[0-9]/g, function (d) { return ARABIC_INDIC[+d]; });
  }

  function countText(n) {
    var category = plural ? plural.select(n) : (n === 1 ? "one" : "other");
    var form = counter.getAttribute("data-count-" + category) ||
      counter.getAttribute("data-count-other") || "{n}";
    return form.replace("{n}", digits(String(n)));
  }

  function current() {
    var state = {};
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      state[name] = field ? field.value.trim() : "";
    });
    return state;
  }

  function matches(card, state, terms) {
    if (state.type && card.getAttribute("data-type") !== state.type) return false;
    if (state.year && card.getAttribute("data-year") !== state.year) return false;
    if (state.topic && card._pubTopics.indexOf(state.topic) === -1) return false;
    for (var i = 0; i < terms.length; i++) {
      if (card._pubText.indexOf(terms[i]) === -1) return false;
    }
    return true;
  }

  function apply(updateUrl) {
    var state = current();
    var terms = fold(state.q).split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card, state, terms);
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    if (empty) empty.hidden = shown !== 0;
    var text = countText(shown);
    if (counter.textContent !== text) counter.textContent = text;
    if (updateUrl) {
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) { if (state[name]) params.set(name, state[name]); });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(null, "", url);
    }
  }

  // A shared URL opens filtered: copy the query into the form first.
  var params = new URLSearchParams(window.location.search);
  FIELDS.forEach(function (name) {
    var field = form.elements[name];
    var value = params.get(name);
    if (!field || value === null) return;
    if (field.tagName === "SELECT") {
      var known = Array.prototype.some.call(field.options, function (o) { return o.value === value; });
      if (known) field.value = value;
    } else {
      field.value = value;
    }
  });

  form.addEventListener("input", function () { apply(true); });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply(true);
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { apply(true); }, 0);
  });

  document.documentElement.classList.add("pub-filter-ready");
  apply(false);
})();
