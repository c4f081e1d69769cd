// Suggestions for inputs marked data-place-picker: as the user types a place name in any language,
// the registry's search API proposes matches; choosing one writes "Name (CODE)", which the server
// reads without ambiguity. Without JavaScript the input still works: the server resolves the name.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  function attach(input) {
    var list = document.createElement("ul");
    list.className = "place-suggestions";
    list.hidden = true;
    list.setAttribute("role", "listbox");
    input.insertAdjacentElement("afterend", list);
    var timer = null, last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2 || q === last) { list.hidden = true; return; }
      timer = setTimeout(function () {
        last = q;
        fetch("/api/places?limit=6&q=" + encodeURIComponent(q), {headers: {"Accept-Language": lang}})
          .then(function (r) { return r.ok ? r.json() : {items: []}; })
          .then(function (data) { show(data.items || []); })
          .catch(function () { list.hidden = true; });
      }, 200);
    });
    input.addEventListener("blur", function () { setTimeout(function () { list.hidden = true; }, 200); });
    function show(items) {
      list.innerHTML = "";
      // An answer that arrives after the person has left the field opens no list under it: nothing would close it.
      if (document.activeElement !== input) { list.hidden = true; return; }
      items.forEach(function (place) {
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        var parent = place.parent ? " · " + place.parent.name : "";
        button.textContent = place.name + " (" + place.code + ")" + parent;
        button.addEventListener("click", function () {
          input.value = place.name + " (" + place.code + ")";
          list.hidden = true;
          input.dispatchEvent(new Event("change"));
        });
        li.appendChild(button);
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
    }
  }
  document.querySelectorAll("input[data-place-picker]").forEach(attach);
})();
