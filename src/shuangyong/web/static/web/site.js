// Behaviour that pages declare with data attributes, so that no page needs inline script
// (the Content-Security-Policy allows scripts from this site's files only).
//   <button data-nav-toggle>            opens and closes the menu on a phone
//   <form data-confirm="问题？">         asks before submitting
//   <select data-autosubmit>            submits its form when changed
//   <button data-print>                 prints the page (the print stylesheet leaves the controls out)
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
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]") && event.target.form) {
      event.target.form.submit();
    }
  });
})();
