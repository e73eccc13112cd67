// Accessibility fixes on top of the theme (checked with axe-core by the test suite).
//
// 1. Keyboard access to content that scrolls sideways. A wide table (in Furo's
//    .table-wrapper) or a long code block that actually scrolls gets a tab stop
//    and a name, so keyboard users can focus it and scroll with the arrow keys.
//    Blocks that fit stay out of the tab order.
//    Each gets its own name ("Scrollable code block 2"), so the regions stay
//    distinguishable in a screen reader's list of landmarks.
// 2. Task-list checkboxes (read-only, drawn by MyST) get the item's text as
//    their accessible name.
(function () {
  "use strict";
  var SCROLLERS = ".table-wrapper, div.highlight > pre";

  function nameOf(element) {
    if (element.matches(".table-wrapper")) {
      var caption = element.querySelector("caption");
      var text = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
      return text ? text + " (scrollable table)" : "Scrollable table";
    }
    var container = element.closest(".literal-block-wrapper");
    var title = container && container.querySelector(".code-block-caption .caption-text");
    var label = title ? title.textContent.replace(/\s+/g, " ").trim() : "";
    return label ? label + " (scrollable code block)" : "Scrollable code block";
  }

  // Landmark names must be unique on the page: number repeated ones.
  function makeUnique(elements) {
    var seen = {};
    elements.forEach(function (element) {
      var name = nameOf(element);
      seen[name] = (seen[name] || 0) + 1;
      element.setAttribute("aria-label", seen[name] > 1 ? name + " " + seen[name] : name);
    });
  }

  function updateScrollers() {
    var regions = [];
    document.querySelectorAll(SCROLLERS).forEach(function (element) {
      var scrolls = element.scrollWidth > element.clientWidth + 1;
      var marked = element.hasAttribute("data-a11y-scroll");
      if (scrolls && !marked) {
        element.setAttribute("data-a11y-scroll", "");
        element.setAttribute("tabindex", "0");
        element.setAttribute("role", "region");
      } else if (!scrolls && marked) {
        ["data-a11y-scroll", "tabindex", "role", "aria-label"].forEach(function (name) {
          element.removeAttribute(name);
        });
      }
      if (scrolls) regions.push(element);
    });
    makeUnique(regions);
  }

  function labelTaskCheckboxes() {
    document.querySelectorAll("input.task-list-item-checkbox").forEach(function (box) {
      if (box.hasAttribute("aria-label") || box.labels && box.labels.length) return;
      var item = box.closest("li");
      var text = item ? item.textContent.replace(/\s+/g, " ").trim() : "";
      box.setAttribute("aria-label", text || "Checklist item");
    });
  }

  function run() {
    updateScrollers();
    labelTaskCheckboxes();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
  window.addEventListener("resize", updateScrollers);
})();
