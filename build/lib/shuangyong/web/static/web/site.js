// Behaviour that pages declare with data attributes, so that no page needs inline script
// (the Content-Security-Policy allows scripts from this site's files only).
//   <button data-nav-toggle>            opens and closes the menu on a phone
//   <form data-confirm="问题？">         asks before submitting
//   <select data-autosubmit>            submits its form when changed
//   <button data-print>                 prints the page (the print stylesheet leaves the controls out)
//   <input data-region-search>          narrows the <select> beside it to the options whose name or pinyin
//                                       initials (option data-py) contain the text; picks the first
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-nav-toggle]");
    if (toggle) {
      toggle.setAttribute("aria-expanded", document.body.classList.toggle("nav-open"));
    }
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  document.addEventListener("input", function (event) {
    var box = event.target.closest("[data-region-search]");
    var select = box && box.parentNode.querySelector("select");
    if (!select) {
      return;
    }
    var text = box.value.trim().toLowerCase();
    var first = null;
    Array.prototype.forEach.call(select.options, function (option) {
      var hit = !text || option.text.toLowerCase().indexOf(text) >= 0 ||
        (option.getAttribute("data-py") || "").indexOf(text) >= 0;
      option.hidden = !hit;
      if (hit && option.value && !first) {
        first = option;
      }
    });
    if (text && first) {
      select.value = first.value;
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]") && event.target.form) {
      event.target.form.submit();
    }
  });
})();
