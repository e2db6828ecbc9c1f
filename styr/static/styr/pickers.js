/* Filter boxes for long choices (issue 8, §5 "Choosing people and targets"). Without this script
   the boxes stay hidden and the choices are a plain select or plain checkboxes; with it:
   - an input with data-filter-select="<select id>" keeps, of the select's options, those whose
     text has a word beginning with each typed word (the chosen one always stays);
   - an input with data-filter-choices="<container id>" hides the checkboxes whose label does not
     match and opens the goals (<details>) that hold a match.
   Enter in a filter box does not submit the form. Loaded as a file: the CSP allows no inline script. */
(function () {
  "use strict";

  function words(text) {
    return text.toLocaleLowerCase("sv").split(/\s+/).filter(Boolean);
  }

  /* every typed word begins a word of the text: "4.1" finds target 4.1, not 14.1; "ann" finds Anna */
  function matches(text, wanted) {
    var hay = text.toLocaleLowerCase("sv").split(/[\s,;:()"“”'’]+/);
    return wanted.every(function (w) {
      return hay.some(function (h) { return h.indexOf(w) === 0; });
    });
  }

  function filterSelect(input) {
    var select = document.getElementById(input.getAttribute("data-filter-select"));
    if (!select) { return; }
    if (!select._allOptions) {
      select._allOptions = Array.prototype.slice.call(select.options);
    }
    var wanted = words(input.value);
    var kept = select._allOptions.filter(function (option) {
      return option.value === "" || option.selected || matches(option.text, wanted);
    });
    select.replaceChildren.apply(select, kept);
  }

  function filterChoices(input) {
    var box = document.getElementById(input.getAttribute("data-filter-choices"));
    if (!box) { return; }
    var wanted = words(input.value);
    Array.prototype.forEach.call(box.querySelectorAll("details"), function (group) {
      var summary = group.querySelector("summary");
      var groupHit = summary && matches(summary.textContent, wanted);
      var any = false;
      Array.prototype.forEach.call(group.querySelectorAll(".form-check"), function (item) {
        var hit = !wanted.length || groupHit || matches(item.textContent, wanted);
        item.hidden = !hit;
        any = any || hit;
      });
      group.hidden = !any;
      if (wanted.length && any) { group.open = true; }
    });
  }

  function show(root) {
    var boxes = root.querySelectorAll ? root.querySelectorAll("[data-filter-select], [data-filter-choices]") : [];
    Array.prototype.forEach.call(boxes, function (input) {
      input.hidden = false;
      var label = input.getAttribute("data-filter-select") && document.querySelector('label[for="' + input.getAttribute("data-filter-select") + '"]');
      if (label && !input.getAttribute("data-labelled")) {
        input.setAttribute("aria-label", input.getAttribute("aria-label") + ": " + label.textContent.trim());
        input.setAttribute("data-labelled", "1");
      }
    });
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (input.hasAttribute && input.hasAttribute("data-filter-select")) { filterSelect(input); }
    if (input.hasAttribute && input.hasAttribute("data-filter-choices")) { filterChoices(input); }
  });
  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key === "Enter" && input.hasAttribute && (input.hasAttribute("data-filter-select") || input.hasAttribute("data-filter-choices"))) {
      event.preventDefault();
    }
  });
  document.addEventListener("DOMContentLoaded", function () { show(document); });
  document.addEventListener("htmx:load", function (event) { show(event.target || document); });
})();
