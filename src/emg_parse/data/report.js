(function () {
  "use strict";
  var table = document.getElementById("decision-table");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  var filters = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var values = rows.map(function (row) {
    var found = {};
    filters.forEach(function (select) {
      var name = select.getAttribute("data-filter");
      found[name] = JSON.parse(row.getAttribute("data-" + name));
    });
    return found;
  });

  function apply() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row, n) {
      var show = words.every(function (word) { return texts[n].indexOf(word) >= 0; });
      filters.forEach(function (select) {
        var name = select.getAttribute("data-filter");
        if (show && select.value && values[n][name].indexOf(select.value) < 0) {
          show = false;
        }
      });
      row.hidden = !show;
      if (show) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " decisions";
  }

  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.hidden) {
      search.value = "";
      filters.forEach(function (select) { select.value = ""; });
      apply();
      target.scrollIntoView();
    }
  }

  search.addEventListener("input", apply);
  filters.forEach(function (select) { select.addEventListener("change", apply); });
  window.addEventListener("hashchange", reveal);
  document.getElementById("open-only").addEventListener("change", function (event) {
    document.getElementById("requests").classList.toggle("open-only", event.target.checked);
  });
  apply();
}());
