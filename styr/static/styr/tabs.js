/* The keyboard of the tab pattern (WAI-ARIA Authoring Practices): the arrow keys, Home and End
   move between the tabs of a tablist, Enter or Space opens the focused one. Without this script
   each tab is an ordinary link, reachable with Tab. Loaded as a file: the CSP allows no inline script. */
(function () {
  "use strict";

  function rove(root) {
    var lists = root.querySelectorAll ? root.querySelectorAll('[role="tablist"]') : [];
    Array.prototype.forEach.call(lists, function (list) {
      Array.prototype.forEach.call(list.querySelectorAll('[role="tab"]'), function (tab) {
        tab.setAttribute("tabindex", tab.getAttribute("aria-selected") === "true" ? "0" : "-1");
      });
    });
  }

  document.addEventListener("keydown", function (event) {
    var tab = event.target && event.target.closest ? event.target.closest('[role="tab"]') : null;
    if (!tab) {
      return;
    }
    var tabs = Array.prototype.slice.call(tab.closest('[role="tablist"]').querySelectorAll('[role="tab"]'));
    var index = tabs.indexOf(tab);
    var next = null;
    switch (event.key) {
      case "ArrowRight":
      case "ArrowDown":
        next = tabs[(index + 1) % tabs.length];
        break;
      case "ArrowLeft":
      case "ArrowUp":
        next = tabs[(index - 1 + tabs.length) % tabs.length];
        break;
      case "Home":
        next = tabs[0];
        break;
      case "End":
        next = tabs[tabs.length - 1];
        break;
      case " ":
        event.preventDefault();
        tab.click();
        return;
      default:
        return;
    }
    event.preventDefault();
    tabs.forEach(function (other) {
      other.setAttribute("tabindex", other === next ? "0" : "-1");
    });
    next.focus();
  });

  document.addEventListener("DOMContentLoaded", function () {
    rove(document);
  });
  document.addEventListener("htmx:load", function (event) {
    rove(event.target.parentNode || document);
  });
})();
