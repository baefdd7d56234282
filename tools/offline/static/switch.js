// The offline edition's language switcher (tools/offline). Its link leads to
// the other language online, unless that language's bundle is unzipped beside
// this one: a file:// page cannot ask whether a file exists without a failed
// request, so each bundle says where it is, in localStorage, when one of its
// pages is opened (Chromium shares it between file:// pages; where a browser
// does not, the link stays online), and a bundle beside this one is used.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) {
    return;
  }
  var lang = me.getAttribute("data-offline-lang");
  var site = me.getAttribute("data-offline-site") + "/";
  var root = new URL(me.getAttribute("data-offline-root"), window.location.href).href;
  var parent = root.replace(/[^/]+\/$/, "");
  var store;
  try {
    store = window.localStorage;
    store.setItem("smex-offline:" + lang, root);
  } catch (error) {
    return; // no storage for file:// pages here: the links stay online
  }

  function beside(other) {
    var name = other ? other.slice(parent.length) : "";
    return other && other.indexOf(parent) === 0 && /^[^/]+\/$/.test(name) && other !== root;
  }

  Array.prototype.forEach.call(
    document.querySelectorAll("nav.lang-switch a[hreflang]"),
    function (link) {
      var other = store.getItem("smex-offline:" + link.getAttribute("hreflang"));
      var href = link.getAttribute("href");
      if (!beside(other) || href.indexOf(site) !== 0) {
        return;
      }
      var parts = href.slice(site.length).split("#");
      var path = parts[0].split("?")[0];
      if (path === "" || path.slice(-1) === "/") {
        path += "index.html";
      }
      link.setAttribute("href", other + path + (parts[1] ? "#" + parts[1] : ""));
    }
  );
})();
