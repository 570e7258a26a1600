// Hydra audit report: click a column heading to sort its table (numbers as numbers, times by their ISO form).
(function () {
  "use strict";
  function key(cell) {
    var raw = cell.getAttribute("data-sort");
    var text = raw !== null ? raw : cell.textContent.trim();
    var number = Number(text);
    return text !== "" && !isNaN(number) && raw !== null && cell.classList.contains("num") ? number : text.toLowerCase();
  }
  function sort(table, column, header) {
    var body = table.tBodies[0];
    var descending = header.classList.contains("sorted-asc");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[column]), y = key(b.cells[column]);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.classList.remove("sorted-asc", "sorted-desc"); });
    header.classList.add(descending ? "sorted-desc" : "sorted-asc");
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
      header.title = "Sort by " + header.textContent;
      header.addEventListener("click", function () { sort(table, column, header); });
    });
    table.setAttribute("data-sortable", "ready");
  });
})();
