// Search page: Pagefind's UI, in the page's language (Pagefind picks the
// index of <html lang>). A ?q= in the address runs that search on load.
(function () {
  "use strict";
  var root = document.querySelector("[data-search-ui]");
  if (!root || typeof window.PagefindUI !== "function") {
    return;
  }
  root.textContent = "";
  var ui = new window.PagefindUI({
    element: "#" + root.id,
    showSubResults: true,
    showImages: false,
    resetStyles: false
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
  // Keep the address shareable: ?q= follows what is typed.
  root.addEventListener("input", function (event) {
    if (!event.target.matches("input[type=text], input[type=search]")) {
      return;
    }
    var url = new URL(window.location.href);
    if (event.target.value) {
      url.searchParams.set("q", event.target.value);
    } else {
      url.searchParams.delete("q");
    }
    window.history.replaceState(null, "", url);
  });
})();
