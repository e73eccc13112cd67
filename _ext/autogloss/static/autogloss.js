// autogloss: let readers dismiss a hover definition with Escape without
// moving the pointer or the focus (WCAG 2.2, 1.4.13 Content on Hover or Focus).
// Showing and hiding is done in CSS (:hover and :focus-within).
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document
      .querySelectorAll(".autogloss-ref:hover, .autogloss-ref:focus-within")
      .forEach(function (ref) { ref.classList.add("autogloss-dismissed"); });
  });
  function reset(event) {
    var ref = event.target.closest && event.target.closest(".autogloss-ref");
    if (ref && !ref.contains(event.relatedTarget)) ref.classList.remove("autogloss-dismissed");
  }
  document.addEventListener("mouseout", reset);
  document.addEventListener("focusout", reset);
})();
