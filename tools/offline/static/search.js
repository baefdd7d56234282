// The offline edition's search (tools/offline): a classic script, because a
// page opened from file:// cannot fetch, and the index (search-index.<lang>.js,
// loaded before this by a <script src>) sets window.SMEX_OFFLINE_SEARCH.
// It matches the way the site's own filters do: every word typed must appear
// in the title, summary or topics, after the same folding.
(function () {
  "use strict";
  var data = window.SMEX_OFFLINE_SEARCH;
  var root = document.querySelector("[data-search-ui]");
  if (!data || !root) {
    return;
  }

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

  function element(name, text, attributes) {
    var node = document.createElement(name);
    if (text) {
      node.textContent = text;
    }
    Object.keys(attributes || {}).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    return node;
  }

  var items = data.items.map(function (item) {
    item.text = fold([item.title, item.summary].concat(item.topics).join(" "));
    return item;
  });
  root.textContent = "";
  var form = element("form", "", { role: "search", "class": "offline-search" });
  form.appendChild(element("label", data.labels.query, { "for": "offline-search-q" }));
  var input = element("input", "", { type: "search", id: "offline-search-q", name: "q" });
  form.appendChild(input);
  var status = element("p", "", { "aria-live": "polite", "data-offline-status": "" });
  var list = element("ol", "", { "class": "offline-search__results", "data-offline-results": "" });
  root.appendChild(form);
  root.appendChild(status);
  root.appendChild(list);
  function run() {
    var terms = fold(input.value).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!terms.length) {
      status.textContent = "";
      return;
    }
    var hits = items.filter(function (item) {
      return terms.every(function (term) { return item.text.indexOf(term) !== -1; });
    });
    status.textContent = hits.length
      ? data.labels.found.replace("{n}", String(hits.length))
      : data.labels.none;
    hits.forEach(function (item) {
      var row = element("li");
      row.appendChild(element("a", item.title, { href: item.href }));
      if (item.date) {
        row.appendChild(document.createTextNode(" "));
        row.appendChild(element("time", item.date, { datetime: item.date }));
      }
      if (item.summary) {
        row.appendChild(element("p", item.summary));
      }
      list.appendChild(row);
    });
  }

  input.addEventListener("input", run);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
    run();
  }
})();
