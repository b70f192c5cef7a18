// The committee decisions register's index (overrides/mc/decisions.html). Links made before the register was
// split by month (decisions/#MCR-2026-014, in feeds and JSON-LD fetched then) land here: an id this page does
// not hold is looked up in months.json (id -> YYYY-MM, mccat.site.decisions.MONTHS_FILE) and the visitor moves
// to the decision on its month's page. The hash is only a key and goes back into a hash, encoded.
(function () {
  "use strict";
  var id;
  try {
    id = decodeURIComponent(window.location.hash.slice(1));
  } catch (error) {
    return; // not a hash this page ever made
  }
  if (!id || document.getElementById(id)) return;
  fetch("months.json")
    .then(function (response) {
      return response.ok ? response.json() : {};
    })
    .then(function (months) {
      var month = Object.prototype.hasOwnProperty.call(months, id) ? months[id] : "";
      if (/^\d{4}-\d{2}$/.test(month)) window.location.replace(month + "/#" + encodeURIComponent(id));
    })
    .catch(function () {}); // offline or no file: the index stays, its months lead on
})();
