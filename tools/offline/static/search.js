// The offline edition's search (tools/offline), on the search page's own form,
// status line and result list (theme/templates/search.html): every label and
// message comes from the page, in its language. A classic script, because a
// page opened from file:// can neither fetch nor import a module; the index
// (search-index.<lang>.js, loaded before this by a <script src>) sets
// window.SMEX_OFFLINE_SEARCH. Every word typed must appear in a page's title,
// summary or topics once both are folded as the online search folds a query
// (fold() is theme/static/js/search.js's own, letter for letter: a test checks
// it), and as Pagefind's Arabic stemmer folds the page (ة as ه, any ى as ي).
(function () {
  "use strict";
  var data = window.SMEX_OFFLINE_SEARCH;
  var form = document.querySelector("[data-search-form]");
  var status = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  if (!data || !form || !status || !list) {
    return;
  }
  var input = form.querySelector("input[type=search]");
  var filters = form.querySelectorAll("[data-search-filter]");
  var lang = document.documentElement.lang;
  var numbers = new Intl.NumberFormat(lang + "-u-nu-" + (form.getAttribute("data-digits") || "latn"));
  var plural = new Intl.PluralRules(lang);

  var HARAKAT = /[\u0640\u064B-\u065F\u0670]/g;
  function fold(text) {
    return text.normalize("NFC")
      .replace(HARAKAT, "")
      .replace(/[\u0671\u0622\u0623\u0625]/g, "\u0627")
      .replace(/\u0649(?=$|[^\u0600-\u06FF])/g, "\u064A")
      .replace(/[\u0660-\u0669\u06F0-\u06F9]/g, function (d) {
        return String((d.charCodeAt(0) & 0xF) % 10);
      });
  }
  function key(text) {
    return fold(String(text || ""))
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\u0629/g, "\u0647")
      .replace(/\u0649/g, "\u064a");
  }

  var items = data.items.map(function (item) {
    item.text = key([item.title, item.summary].concat(item.topics).join(" "));
    return item;
  });
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  filters.forEach(function (select) {
    var wanted = params.get(select.name);
    if (wanted && select.querySelector("option[value='" + CSS.escape(wanted) + "']")) {
      select.value = wanted;
    }
  });
  form.hidden = false;
  document.querySelectorAll("[data-search-no-js]").forEach(function (note) {
    note.hidden = true;
  });

  function matches(item, terms, picked) {
    if (picked.kind && item.kind !== picked.kind) {
      return false;
    }
    if (picked.topic && item.topicKeys.indexOf(picked.topic) === -1) {
      return false;
    }
    return terms.every(function (term) { return item.text.indexOf(term) !== -1; });
  }

  function run() {
    var terms = key(input.value).split(/\s+/).filter(Boolean);
    var picked = {};
    filters.forEach(function (select) {
      if (select.value) {
        picked[select.name] = select.value;
      }
    });
    if (!terms.length && !Object.keys(picked).length) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    var hits = items.filter(function (item) { return matches(item, terms, picked); });
    var pattern = status.getAttribute("data-count-" + plural.select(hits.length)) ||
      status.getAttribute("data-count-other");
    status.textContent = pattern.replace("{n}", numbers.format(hits.length));
    list.replaceChildren.apply(list, hits.slice(0, 50).map(result));
  }

  function kindLabel(kind) {
    var option = kind && form.querySelector("#search-kind option[value='" + CSS.escape(kind) + "']");
    return option ? option.textContent : "";
  }

  function result(item) {
    var row = element("li", "search-result");
    var heading = element("h2", "search-result__title");
    var link = element("a", "", item.title);
    link.href = item.href;
    heading.appendChild(link);
    row.appendChild(heading);
    var facts = [kindLabel(item.kind), item.date].filter(Boolean);
    if (facts.length) {
      row.appendChild(element("p", "search-result__meta", facts.join(" · ")));
    }
    if (item.summary) {
      row.appendChild(element("p", "search-result__excerpt", item.summary));
    }
    return row;
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  input.addEventListener("input", run);
  filters.forEach(function (select) {
    select.addEventListener("change", run);
  });
  run();
})();
