// Search page: our own interface on Pagefind's JavaScript API.
//
// Every result is built with DOM calls (createElement, textContent); the
// highlights Pagefind marks in an excerpt become <mark> elements made the same
// way. No string is ever parsed as HTML, so the page holds under the
// production policy `require-trusted-types-for 'script'`. Every label and
// message comes from the page (search.html), in its language.
//
// Pagefind runs its engine in a Web Worker when it can. Under Trusted Types,
// `new Worker(url)` needs a TrustedScriptURL, which Pagefind does not make:
// the one policy the CSP allows ("default") lets through exactly this
// bundle's pagefind-worker.js and nothing else (no HTML, no script text).
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  var status = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  if (!form || !status || !list) {
    return;
  }
  var input = form.querySelector("input[type=search]");
  var filters = form.querySelectorAll("[data-search-filter]");
  var lang = document.documentElement.lang;
  var bundle = new URL(form.getAttribute("data-bundle"), window.location.href).href;
  var digits = form.getAttribute("data-digits") || "latn";
  var numbers = new Intl.NumberFormat(lang + "-u-nu-" + digits);
  var plural = new Intl.PluralRules(lang);

  allowOnlyOurWorker(bundle + "pagefind-worker.js");

  var engine = null;
  function pagefind() {
    if (!engine) {
      engine = import(bundle + "pagefind.js").then(function (module) {
        return module.options({ basePath: bundle, excerptLength: 24 }).then(function () {
          module.init();
          return module;
        });
      });
    }
    return engine;
  }

  // --- the state lives in the address: ?q=…&kind=…&topic=… ---------------------
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

  function chosen() {
    var found = {};
    filters.forEach(function (select) {
      if (select.value) {
        found[select.name] = select.value;
      }
    });
    return found;
  }

  function remember(query, picked) {
    var url = new URL(window.location.href);
    ["q"].concat(Array.prototype.map.call(filters, function (s) { return s.name; }))
      .forEach(function (name) { url.searchParams.delete(name); });
    if (query) {
      url.searchParams.set("q", query);
    }
    Object.keys(picked).forEach(function (name) {
      url.searchParams.set(name, picked[name]);
    });
    window.history.replaceState(null, "", url);
  }

  // --- searching: the newest request wins ----------------------------------------
  var latest = 0;
  var timer = null;

  function run() {
    var query = input.value.trim();
    var picked = chosen();
    remember(query, picked);
    var ticket = ++latest;
    if (!query && !Object.keys(picked).length) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    status.textContent = status.getAttribute("data-loading");
    pagefind()
      .then(function (module) {
        var queries = query ? spellings(query) : [null];
        return Promise.all(queries.map(function (q) {
          return module.search(q, { filters: picked });
        }));
      })
      .then(function (searches) {
        if (ticket !== latest) {
          return null;
        }
        var found = merged(searches);
        return Promise.all(found.slice(0, 20).map(function (r) { return r.data(); }))
          .then(function (pages) {
            if (ticket === latest) {
              show(found.length, pages);
            }
          });
      })
      .catch(function () {
        if (ticket === latest) {
          status.textContent = status.getAttribute("data-failed");
        }
      });
  }

  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 250);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    run();
  });
  input.addEventListener("input", soon);
  filters.forEach(function (select) {
    select.addEventListener("change", run);
  });
  if (input.value || Object.keys(chosen()).length) {
    run();
  }

  // --- Arabic as people type it -------------------------------------------------------
  // Pagefind's Arabic stemmer already folds hamza and madda on alef, ة/ه,
  // tatweel, harakat and Arabic-Indic digits, on the page and in the query.
  // What it leaves, the query folds here (ٱ, ى at a word's end, Eastern
  // Arabic-Indic digits), and for the two forms a page may itself be written
  // in (ٱل, Eastern digits), the folded query is also searched in that form;
  // results are merged by page. docs/editors-guide.*.md says what matches.
  var HARAKAT = /[\u0640\u064B-\u065F\u0670]/g;
  function digitsFrom(zero, text) {
    return text.replace(/[0-9]/g, function (d) { return String.fromCharCode(zero + Number(d)); });
  }
  function fold(text) {
    return text.normalize("NFC")
      .replace(HARAKAT, "")
      .replace(/[\u0671\u0622\u0623\u0625]/g, "\u0627")
      .replace(/\u0649(?=$|[^\u0600-\u06FF])/g, "\u064A")
      .replace(/[\u0660-\u0669\u06F0-\u06F9]/g, function (d) {
        return String((d.charCodeAt(0) & 0xF) % 10);
      });
  }
  function spellings(query) {
    var folded = fold(query);
    var forms = [folded];
    if (/(^|[^\u0600-\u06FF])\u0627\u0644/.test(folded)) {
      forms.push(folded.replace(/(^|[^\u0600-\u06FF])\u0627\u0644/g, "$1\u0671\u0644"));
    }
    if (/[0-9]/.test(folded)) {
      forms.push(digitsFrom(0x06F0, folded));
    }
    return forms;
  }
  function merged(searches) {
    var best = {};
    searches.forEach(function (found) {
      found.results.forEach(function (r) {
        if (!best[r.id] || best[r.id].score < r.score) {
          best[r.id] = r;
        }
      });
    });
    return Object.keys(best).map(function (id) { return best[id]; })
      .sort(function (a, b) { return b.score - a.score; });
  }

  // --- results, built from the DOM's own calls -------------------------------------
  function show(count, pages) {
    var category = plural.select(count);
    var pattern = status.getAttribute("data-count-" + category) ||
      status.getAttribute("data-count-other");
    status.textContent = pattern.replace("{n}", numbers.format(count));
    list.replaceChildren.apply(list, pages.map(result));
  }

  function kindLabel(data) {
    var kind = data.filters && data.filters.kind && data.filters.kind[0];
    var option = kind && form.querySelector("#search-kind option[value='" + CSS.escape(kind) + "']");
    return option ? option.textContent : "";
  }

  function result(data) {
    var item = element("li", "search-result");
    var heading = element("h2", "search-result__title");
    var link = element("a");
    link.href = data.url;
    link.textContent = decode(data.meta.title || data.url);
    heading.appendChild(link);
    item.appendChild(heading);
    var facts = [kindLabel(data), data.meta.date ? decode(data.meta.date) : ""]
      .filter(Boolean);
    if (facts.length) {
      item.appendChild(element("p", "search-result__meta", facts.join(" · ")));
    }
    item.appendChild(excerpt(data.excerpt, "search-result__excerpt"));
    var sections = (data.sub_results || []).filter(function (sub) {
      return sub.url.indexOf("#") > 0;
    }).slice(0, 3);
    if (sections.length) {
      var nested = element("ul", "search-result__sections");
      nested.setAttribute("aria-label", list.getAttribute("data-label-section"));
      sections.forEach(function (sub) {
        var entry = element("li");
        var anchor = element("a", "", decode(sub.title));
        anchor.href = sub.url;
        entry.appendChild(anchor);
        entry.appendChild(excerpt(sub.excerpt, "search-result__excerpt"));
        nested.appendChild(entry);
      });
      item.appendChild(nested);
    }
    return item;
  }

  // Pagefind's excerpt is escaped text with <mark>…</mark> around the words
  // that matched, as the page spells them: split on the marks, never parse.
  function excerpt(text, className) {
    var paragraph = element("p", className);
    String(text || "").split(/(<mark>[\s\S]*?<\/mark>)/).forEach(function (part) {
      if (!part) {
        return;
      }
      var marked = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
      paragraph.appendChild(marked
        ? element("mark", "", decode(marked[1]))
        : document.createTextNode(decode(part)));
    });
    return paragraph;
  }

  var ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };
  function decode(text) {
    return String(text).replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, function (entity) {
      return ENTITIES[entity];
    });
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

  function allowOnlyOurWorker(workerUrl) {
    var types = window.trustedTypes;
    if (!types || !types.createPolicy || types.defaultPolicy) {
      return;
    }
    try {
      types.createPolicy("default", {
        createScriptURL: function (url) {
          if (new URL(url, window.location.href).href === workerUrl) {
            return url;
          }
          throw new TypeError("Trusted Types: only Pagefind's worker may be loaded here");
        }
      });
    } catch (refused) {
      // A policy the CSP does not list: Pagefind then searches on the main thread.
    }
  }
})();
