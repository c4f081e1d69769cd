// The review page: each field of the draft and the sentences of the article it stands on.
// Fields carry data-evidence="<key>", sentences <mark data-field="<key> <key> …">. Pointing at or focusing a
// field lights its sentences (and scrolls the first into view on focus or click); clicking a sentence lights
// the fields it is evidence of. Without JavaScript the sentences stay highlighted, only not linked.
(function () {
  "use strict";
  var marks = Array.prototype.slice.call(document.querySelectorAll(".article-text mark[data-field]"));
  var fields = Array.prototype.slice.call(document.querySelectorAll("[data-evidence]"));
  if (!marks.length || !fields.length) { return; }
  function marksOf(key) {
    return marks.filter(function (mark) { return (" " + mark.dataset.field + " ").indexOf(" " + key + " ") >= 0; });
  }
  function light(key, scroll) {
    marks.forEach(function (mark) { mark.classList.remove("active"); });
    fields.forEach(function (field) { field.classList.remove("evidence-active"); });
    if (!key) { return; }
    var found = marksOf(key);
    found.forEach(function (mark) { mark.classList.add("active"); });
    if (scroll && found.length) { found[0].scrollIntoView({block: "nearest", behavior: "smooth"}); }
  }
  fields.forEach(function (field) {
    var key = field.dataset.evidence;
    if (marksOf(key).length) { field.classList.add("has-evidence"); }
    field.addEventListener("mouseenter", function () { light(key, false); });
    field.addEventListener("focusin", function () { light(key, true); });
    field.addEventListener("click", function () { light(key, true); });
  });
  marks.forEach(function (mark) {
    mark.addEventListener("click", function () {
      var keys = mark.dataset.field.split(" ");
      light(null, false);
      mark.classList.add("active");
      fields.forEach(function (field) {
        if (keys.indexOf(field.dataset.evidence) >= 0) { field.classList.add("evidence-active"); }
      });
      var first = fields.filter(function (field) { return field.classList.contains("evidence-active"); })[0];
      if (first) { first.scrollIntoView({block: "nearest", behavior: "smooth"}); }
    });
  });
})();
