/* Comparing programs: the selection, the compare buttons, the tray, the side-by-side tool
 * (/{lang}/compare/) and sortable comparison tables (/{lang}/compare/{field}/).
 *
 * For other scripts (search results, for example):
 *
 *   <button type="button" data-compare-id="provider/slug"></button>
 *       Anywhere in the page, now or added later: becomes a compare toggle (label when empty,
 *       class "mc-compare-button", aria-pressed kept in step with the selection, click toggles).
 *   Program lists (ul.mc-programs > li[data-program]) and the comparison tables (tr[data-program]) carry
 *   no button in their HTML: this script adds one to each (after the title and its status; in the row's head).
 *   window.mcCompare.toggle(id) -> true when the program is selected after the call
 *   window.mcCompare.add(id) -> false when the selection is full, .remove(id), .has(id), .clear()
 *   window.mcCompare.list() -> ["provider/slug", ...]     window.mcCompare.max -> 4
 *   window.mcCompare.url([ids]) -> the tool's URL for those ids (default: the selection)
 *   document "mc-compare-change" event (detail.ids) after every change, also from another tab.
 *
 * The selection lives in localStorage (shared by both languages) and, on the tool's page, in the URL
 * (?p=provider/slug,provider/slug). Everything this script writes into the page is text
 * (textContent) or attributes it sets itself: data never goes through innerHTML.
 */
(function () {
  "use strict";

  var STORE = "mc-compare";
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/; // schemas/program.schema.json program id
  var tray = document.querySelector('[data-mc="compare-tray"]');
  if (!tray) return;
  var MAX = parseInt(tray.getAttribute("data-max"), 10) || 4;
  var fallback = []; // the selection when localStorage is unavailable (private mode, blocked storage)
  fillTray();

  function text(element, name, values) {
    var template = element.getAttribute("data-text-" + name) || "";
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return values && key in values ? String(values[key]) : whole;
    });
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  /* The tray's contents (the page has only the hidden tray and its texts): the link to the tool with the
     count, the clear button, the message line (a live region). */
  function fillTray() {
    var link = element("a", "mc-compare-tray__link", text(tray, "tray") + " ");
    link.setAttribute("data-mc", "compare-tray-link");
    link.setAttribute("href", tray.getAttribute("data-compare-url"));
    var count = element("span", "mc-compare-tray__count", "0");
    count.setAttribute("data-mc", "compare-count");
    link.appendChild(count);
    var clear = element("button", "mc-compare-tray__clear", text(tray, "clear"));
    clear.type = "button";
    clear.setAttribute("data-mc", "compare-tray-clear");
    var message = element("p", "mc-compare-tray__message");
    message.setAttribute("data-mc", "compare-tray-message");
    message.setAttribute("role", "status");
    message.setAttribute("aria-live", "polite");
    tray.replaceChildren("\n", link, "\n", clear, "\n", message, "\n");  // the white space the markup had
  }

  // --- the selection -------------------------------------------------------------------------

  function clean(ids) {
    var seen = {};
    return ids.filter(function (id) {
      if (typeof id !== "string" || !ID.test(id) || seen[id]) return false;
      seen[id] = true;
      return true;
    }).slice(0, MAX);
  }

  function list() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(STORE) || "[]");
      return clean(Array.isArray(stored) ? stored : []);
    } catch (error) {
      return fallback.slice();
    }
  }

  function save(ids) {
    ids = clean(ids);
    fallback = ids.slice();
    tray.querySelector('[data-mc="compare-tray-message"]').textContent = ""; // a change answers the last message
    try {
      window.localStorage.setItem(STORE, JSON.stringify(ids));
    } catch (error) { /* kept in `fallback` for this page */ }
    changed(ids);
  }

  function changed(ids) {
    refreshButtons(document);
    refreshTray(ids);
    document.dispatchEvent(new CustomEvent("mc-compare-change", {detail: {ids: ids.slice()}}));
  }

  function has(id) {
    return list().indexOf(id) >= 0;
  }

  function add(id) {
    var ids = list();
    if (ids.indexOf(id) >= 0) return true;
    if (!ID.test(id)) return false;
    if (ids.length >= MAX) {
      say(text(tray, "full", {max: MAX}));
      return false;
    }
    save(ids.concat([id]));
    return true;
  }

  function remove(id) {
    save(list().filter(function (other) { return other !== id; }));
  }

  function toggle(id) {
    if (has(id)) {
      remove(id);
      return false;
    }
    return add(id);
  }

  function toolUrl(ids) {
    ids = ids || list();
    var base = tray.getAttribute("data-compare-url");
    return ids.length ? base + "?p=" + ids.join(",") : base;
  }

  window.addEventListener("storage", function (event) {
    if (event.key === STORE) changed(list());
  });

  // --- buttons and tray ----------------------------------------------------------------------

  function wire(button) {
    if (!button.classList.contains("mc-compare-button")) button.classList.add("mc-compare-button");
    if (button.tagName === "BUTTON" && !button.getAttribute("type")) button.setAttribute("type", "button");
    if (!button.textContent.trim()) button.textContent = text(tray, "button");
    button.hidden = false;
  }

  /* The buttons of program lists and comparison tables, where the templates had them: lists can hold
   * thousands of programs, and a button needs this script anyway (hidden without it). */
  function addButtons(root) {
    var places = root.querySelectorAll('.mc-programs > li[data-program], [data-mc="compare-field"] tbody tr[data-program] > th');
    Array.prototype.forEach.call(places, function (place) {
      if (place.querySelector("[data-compare-id]")) return;
      var button = document.createElement("button");
      button.setAttribute("type", "button");
      button.className = "mc-compare-button";
      button.setAttribute("data-compare-id", (place.getAttribute("data-program") ? place : place.parentNode).getAttribute("data-program"));
      button.setAttribute("aria-pressed", "false");
      var title = place.querySelector(".mc-programs__title");
      if (title) {
        var status = title.nextElementSibling;
        var after = status && status.classList.contains("mc-status") ? status : title;
        place.insertBefore(button, after.nextSibling);
      } else {
        place.appendChild(button);
      }
    });
  }

  function refreshButtons(root) {
    var ids = list();
    var buttons = root.querySelectorAll ? root.querySelectorAll("[data-compare-id]") : [];
    Array.prototype.forEach.call(buttons, function (button) {
      wire(button);
      button.setAttribute("aria-pressed", ids.indexOf(button.getAttribute("data-compare-id")) >= 0 ? "true" : "false");
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-compare-id]") : null;
    if (!button) return;
    event.preventDefault();
    toggle(button.getAttribute("data-compare-id"));
  });

  var onToolPage = !!document.querySelector('[data-mc="compare-tool"]');

  function refreshTray(ids) {
    var link = tray.querySelector('[data-mc="compare-tray-link"]');
    link.setAttribute("href", toolUrl(ids));
    tray.querySelector('[data-mc="compare-count"]').textContent = String(ids.length);
    var message = tray.querySelector('[data-mc="compare-tray-message"]');
    if (!ids.length) message.textContent = "";
    tray.hidden = onToolPage || (!ids.length && !message.textContent);
    document.body.classList.toggle("mc-has-compare-tray", !tray.hidden);
  }

  function say(message) {
    tray.querySelector('[data-mc="compare-tray-message"]').textContent = message;
    tray.hidden = onToolPage;
    document.body.classList.toggle("mc-has-compare-tray", !tray.hidden);
    if (onToolPage) showMessages([message]);
  }

  tray.querySelector('[data-mc="compare-tray-clear"]').addEventListener("click", function () { save([]); });

  // Buttons added later (search results): wire them as they arrive.
  if (window.MutationObserver) {
    new MutationObserver(function (mutations) {
      var found = mutations.some(function (mutation) {
        return Array.prototype.some.call(mutation.addedNodes, function (node) {
          return node.nodeType === 1 && (node.hasAttribute("data-compare-id") || node.querySelector("[data-compare-id]"));
        });
      });
      if (found) refreshButtons(document);
    }).observe(document.body, {childList: true, subtree: true});
  }

  window.mcCompare = {
    max: MAX,
    list: list,
    has: has,
    add: add,
    remove: remove,
    toggle: toggle,
    clear: function () { save([]); },
    url: toolUrl,
    refresh: function (root) { refreshButtons(root || document); }
  };

  // --- the side-by-side tool -----------------------------------------------------------------
  //
  // Rows come from the page (key facts, the program page's descriptors, long texts); values from each program's
  // data file. Two rows are computed here with today's date: the next start and its application deadline.
  // "The same" compares each row's normalised value (the file's `same`: codes, numbers, ids, plain text, or a
  // digest of a long one), not its wording. On a phone two programs show side by side (CSS hides the other columns), chosen in the pair switcher.

  var tool = document.querySelector('[data-mc="compare-tool"]');
  var shown = []; // records of the programs in the table, in order
  var messages = [];
  var pair = [0, 1]; // the columns a phone shows
  var phone = window.matchMedia("screen and (max-width: 44.9375em)"); // compare.css: the phone layout

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  /* The offering that starts next (on or after today), or null. */
  function nextOffering(record) {
    var day = today();
    var upcoming = (record.offerings || []).filter(function (o) { return o.start >= day; });
    return upcoming.length ? upcoming[0] : null;
  }

  /* A computed row's values and normalised value. */
  function computed(record, key) {
    var next = nextOffering(record);
    if (!next) return {values: [{text: text(tool, "none-to-come"), muted: true}], norm: null};
    if (key === "next_start") return {values: [{text: next.start_text}], norm: next.start};
    if (!next.deadline) return {values: [], norm: null};
    return {values: [{text: next.deadline_text}], norm: next.deadline};
  }

  function showMessages(lines) {
    var box = tool.querySelector('[data-mc="compare-messages"]');
    box.textContent = "";
    lines.forEach(function (line) {
      box.appendChild(element("p", "mc-compare-message", line));
    });
  }

  // Runs of Japanese script (as mccat.site.value_html.JAPANESE_RUN): on an English page each goes in
  // <span lang="ja"> so that screen readers read it as Japanese ("Certificate program (履修証明プログラム)").
  var JAPANESE_RUN = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+/g;
  var pageIsJapanese = (document.documentElement.getAttribute("lang") || "").indexOf("ja") === 0;

  function appendMarked(node, content) {
    if (pageIsJapanese) {
      node.textContent = content;
      return;
    }
    var end = 0;
    String(content).replace(JAPANESE_RUN, function (run, start) {
      if (start > end) node.appendChild(document.createTextNode(content.slice(end, start)));
      node.appendChild(element("span", "", run)).setAttribute("lang", "ja");
      end = start + run.length;
      return run;
    });
    if (end < content.length) node.appendChild(document.createTextNode(content.slice(end)));
  }

  function valueNode(value, root) {
    var node;
    var external = value.external && /^https?:\/\//.test(value.href || "");
    if (value.href && (external || !value.external)) {
      node = element("a", "");
      node.setAttribute("href", external ? value.href : root + value.href);
      if (external) node.setAttribute("rel", "noopener");
    } else {
      node = element("span", "");
    }
    if (value.lang) node.textContent = value.text;
    else appendMarked(node, value.text == null ? "" : String(value.text));
    if (value.lang) node.setAttribute("lang", value.lang);
    if (value.muted) node.classList.add("mc-aside");
    return node;
  }

  function valuesNode(values, layout, root) {
    var cell = element("td");
    var box = cell;
    if (layout === "block" || layout === "list") {
      box = element("div", "mc-compare-cell"); // clamped while the long texts are collapsed
      cell.appendChild(box);
    }
    if (!values || !values.length) {
      box.appendChild(element("span", "mc-missing", text(tool, "not-stated")));
    } else if (layout === "list" && values.length > 1) {
      var items = element("ul", "mc-compare-values");
      values.forEach(function (value) {
        var item = element("li");
        item.appendChild(valueNode(value, root));
        items.appendChild(item);
      });
      box.appendChild(items);
    } else if (layout === "block") {
      values.forEach(function (value) {
        var paragraph = element("p", "mc-block");
        paragraph.appendChild(valueNode(value, root));
        box.appendChild(paragraph);
      });
    } else {
      values.forEach(function (value, index) {
        if (index) box.appendChild(document.createTextNode(text(tool, "separator")));
        box.appendChild(valueNode(value, root));
      });
    }
    return cell;
  }

  function headNode(record, root) {
    var head = element("th", "mc-compare-table__program");
    head.setAttribute("scope", "col");
    head.setAttribute("data-program", record.id);
    var title = element("a", "mc-compare-table__title", record.title);
    title.setAttribute("href", root + record.url);
    head.appendChild(title);
    head.appendChild(element("span", "mc-compare-table__provider", record.provider));
    if (record.status && record.status.code !== "active") {
      var status = element("span", "mc-status mc-status--" + record.status.code.replace(/[^a-z]/g, ""),
                           record.status.label);
      head.appendChild(status);
    }
    var removeButton = element("button", "mc-compare-table__remove", text(tool, "remove"));
    removeButton.setAttribute("type", "button");
    removeButton.setAttribute("aria-label", text(tool, "remove") + ": " + record.title);
    removeButton.addEventListener("click", function () {
      var index = shown.indexOf(record);
      shown = shown.filter(function (other) { return other.id !== record.id; });
      messages = [];
      remove(record.id);
      settle();
      // Focus goes to the next program's remove button, else the previous one, else the tool's first control
      // that can take it (with one program left, "show differences only" is disabled), else the messages,
      // which say how to choose programs: never to the page's body, where a keyboard user would be lost.
      var buttons = tool.querySelectorAll(".mc-compare-table__remove");
      var next = buttons[Math.min(index, buttons.length - 1)];
      var toggle = tool.querySelector('[data-mc="hide-equal"]');
      var box = tool.querySelector('[data-mc="compare-messages"]');
      if (!next && toggle && toggle.disabled && box) box.setAttribute("tabindex", "-1");
      (next || (toggle && !toggle.disabled ? toggle : box)).focus();
    });
    head.appendChild(removeButton);
    return head;
  }

  function render() {
    var root = tool.getAttribute("data-root-url");
    var table = tool.querySelector('[data-mc="compare-table"]');
    var headRow = table.querySelector("thead tr");
    while (headRow.children.length > 1) headRow.removeChild(headRow.lastChild);
    shown.forEach(function (record) { headRow.appendChild(headNode(record, root)); });
    Array.prototype.forEach.call(table.querySelectorAll("tr[data-row]"), function (row) {
      while (row.children.length > 1) row.removeChild(row.lastChild);
      var key = row.getAttribute("data-row");
      var layout = row.getAttribute("data-layout");
      var norms = shown.map(function (record) {
        if (row.hasAttribute("data-computed")) {
          var value = computed(record, key);
          row.appendChild(valuesNode(value.values, layout, root));
          return JSON.stringify(value.norm);
        }
        row.appendChild(valuesNode((record.rows || {})[key] || [], layout, root));
        return JSON.stringify((record.norm || {})[key] === undefined ? null : record.norm[key]);
      });
      var equal = norms.every(function (value) { return value === norms[0]; });
      row.setAttribute("data-equal", equal ? "true" : "false");
      row.classList.toggle("mc-compare-table__row--differs", shown.length > 1 && !equal);
      var label = row.firstElementChild;
      var marker = label.querySelector(".mc-compare-table__differs");
      if (shown.length > 1 && !equal && !marker) {
        label.appendChild(element("span", "mc-compare-table__differs", text(tool, "differs")));
      } else if ((shown.length < 2 || equal) && marker) {
        label.removeChild(marker);
      }
    });
    table.hidden = !shown.length;
    showPair();
    hideEqualRows();
  }

  /* Phones show two programs: the pair switcher chooses them (hidden with two or fewer). */
  function showPair() {
    var switcher = tool.querySelector('[data-mc="compare-pair"]');
    if (pair[0] >= shown.length || pair[1] >= shown.length || pair[0] === pair[1]) pair = [0, 1];
    switcher.hidden = shown.length < 3;
    Array.prototype.forEach.call(switcher.querySelectorAll("select"), function (select) {
      var side = +select.getAttribute("data-side");
      select.textContent = "";
      shown.forEach(function (record, index) {
        var option = element("option", "", record.title);
        option.value = String(index);
        select.appendChild(option);
      });
      select.value = String(pair[side]);
    });
    var table = tool.querySelector('[data-mc="compare-table"]');
    Array.prototype.forEach.call(table.querySelectorAll("tr"), function (row) {
      if (row.classList.contains("mc-compare-table__section")) return;
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (index === 0) return;
        cell.classList.toggle("mc-compare-col--off", shown.length > 2 && pair.indexOf(index - 1) === -1);
      });
    });
    table.classList.toggle("mc-compare-table--pair", shown.length > 2);
    // Section heads span the columns shown (a column hidden on a phone must not keep its width).
    var columns = shown.length > 2 && phone.matches ? 2 : shown.length;
    Array.prototype.forEach.call(table.querySelectorAll(".mc-compare-table__section th"), function (head) {
      head.setAttribute("colspan", String(1 + columns));
    });
  }

  function hideEqualRows() {
    var checkbox = tool.querySelector('[data-mc="hide-equal"]');
    checkbox.disabled = shown.length < 2;
    var hide = checkbox.checked && shown.length > 1;
    var table = tool.querySelector('[data-mc="compare-table"]');
    Array.prototype.forEach.call(table.querySelectorAll("tbody"), function (section) {
      var rows = section.querySelectorAll("tr[data-row]");
      var visible = 0;
      Array.prototype.forEach.call(rows, function (row) {
        row.hidden = hide && row.getAttribute("data-equal") === "true";
        if (!row.hidden) visible += 1;
      });
      section.querySelector(".mc-compare-table__section").hidden = visible === 0;
    });
  }

  function expandTexts(section, open) {
    section.setAttribute("data-collapsed", open ? "false" : "true");
    var button = section.querySelector('[data-mc="compare-expand"]');
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.textContent = text(tool, open ? "collapse" : "expand");
  }

  // The URL, the stored selection, the share link and the language switch all follow what is shown
  // (?p=provider/slug,... and &diff=1 for "differences only").
  function settle() {
    var ids = shown.map(function (record) { return record.id; });
    var params = [];
    if (ids.length) params.push("p=" + ids.join(","));
    if (tool.querySelector('[data-mc="hide-equal"]').checked) params.push("diff=1");
    var query = params.length ? "?" + params.join("&") : "";
    window.history.replaceState(null, "", window.location.pathname + query + window.location.hash);
    tool.querySelector('[data-mc="compare-link"]').setAttribute("href", window.location.pathname + query);
    Array.prototype.forEach.call(document.querySelectorAll('a[data-mc="language-switch"]'), function (link) {
      link.setAttribute("href", link.getAttribute("href").split("?")[0] + query);
    });
    var notes = messages.slice();
    if (!ids.length && !notes.length) notes.push(text(tool, "empty"));
    else if (ids.length === 1) notes.push(text(tool, "too-few"));
    showMessages(notes);
    render();
  }

  /* A data file (mccat.site.compare.Comparison.tool_record) as render() reads it, or null when it is not one
   * of this page's: its values are lists in the order of the page's rows that are not computed, and it carries
   * the page's data-data-key (a file of another build, whose rows differ, is refused). A value that is only
   * text is a string in the file; an offering is [start, as shown, deadline, as shown]. */
  function readRecord(id, data) {
    var keys = Array.prototype.map.call(tool.querySelectorAll("tr[data-row]:not([data-computed])"), function (row) {
      return row.getAttribute("data-row");
    });
    if (!data || data.id !== id || data.key !== tool.getAttribute("data-data-key") ||
        !Array.isArray(data.rows) || !Array.isArray(data.same) || !Array.isArray(data.status) ||
        data.rows.length !== keys.length || data.same.length !== keys.length) return null;
    var record = {
      id: id,
      title: String(data.title),
      provider: String(data.provider),
      url: "programs/" + id + "/", // mccat.publish.urls.Urls.program_path
      status: {code: String(data.status[0]), label: String(data.status[1])},
      rows: {},
      norm: {},
      offerings: (Array.isArray(data.offerings) ? data.offerings : []).map(function (o) {
        return {start: o[0], start_text: o[1], deadline: o[2], deadline_text: o[3]};
      })
    };
    keys.forEach(function (key, index) {
      record.rows[key] = (Array.isArray(data.rows[index]) ? data.rows[index] : []).map(function (value) {
        if (value && typeof value === "object") return value;
        return {text: value == null ? "" : String(value)};
      });
      record.norm[key] = data.same[index];
    });
    return record;
  }

  function fetchRecord(id) {
    return window.fetch(tool.getAttribute("data-data-url") + id + ".json", {credentials: "same-origin"})
      .then(function (response) {
        if (response.status === 404) return {id: id, unknown: true};
        if (!response.ok) return {id: id, failed: true};
        return response.json().then(function (data) {
          var record = readRecord(id, data);
          return record ? {id: id, record: record} : {id: id, failed: true};
        });
      })
      .catch(function () { return {id: id, failed: true}; });
  }

  function startTool() {
    tool.hidden = false;
    var search = new URLSearchParams(window.location.search);
    var param = search.get("p");
    tool.querySelector('[data-mc="hide-equal"]').checked = search.get("diff") === "1";
    var requested = param === null ? list() : param.split(",").map(function (id) { return id.trim(); })
      .filter(function (id) { return id; });
    var seen = {};
    requested = requested.filter(function (id) {
      if (seen[id]) return false;
      seen[id] = true;
      return true;
    });
    messages = [];
    var wellFormed = [];
    requested.forEach(function (id) {
      if (ID.test(id)) wellFormed.push(id);
      else messages.push(text(tool, "unknown", {id: id}));
    });
    // The limit applies to the programs found, not to the ids asked for (ids that name nothing would take the
    // places of real ones); a long crafted list is cut first, so that it cannot make hundreds of requests.
    var tooMany = wellFormed.length > MAX * 5;
    wellFormed = wellFormed.slice(0, MAX * 5);
    if (wellFormed.length) showMessages([text(tool, "loading")]);
    Promise.all(wellFormed.map(fetchRecord)).then(function (results) {
      shown = [];
      results.forEach(function (result) {
        if (result.record && shown.length < MAX) shown.push(result.record);
        else if (result.record) tooMany = true;
        else messages.push(text(tool, result.unknown ? "unknown" : "failed", {id: result.id}));
      });
      if (tooMany) messages.push(text(tool, "too-many", {max: MAX}));
      save(shown.map(function (record) { return record.id; }));
      settle();
      tool.setAttribute("data-ready", "true"); // for tests and other scripts: the table shows the request
    });
    tool.querySelector('[data-mc="hide-equal"]').addEventListener("change", function () {
      settle();
    });
    tool.querySelector('[data-mc="compare-clear"]').addEventListener("click", function () {
      shown = [];
      messages = [];
      save([]);
      settle();
    });
    tool.querySelector('[data-mc="compare-print"]').addEventListener("click", function () { window.print(); });
    phone.addEventListener("change", showPair);
    Array.prototype.forEach.call(tool.querySelectorAll('[data-mc="compare-expand"]'), function (button) {
      var section = document.getElementById(button.getAttribute("aria-controls"));
      button.addEventListener("click", function () {
        expandTexts(section, section.getAttribute("data-collapsed") === "true");
      });
    });
    Array.prototype.forEach.call(tool.querySelectorAll('[data-mc="compare-pair"] select'), function (select) {
      select.addEventListener("change", function () {
        var side = +select.getAttribute("data-side");
        var chosen = +select.value;
        if (pair[1 - side] === chosen) pair[1 - side] = pair[side]; // the same program twice: swap them
        pair[side] = chosen;
        showPair();
      });
    });
  }

  // --- sortable comparison tables ------------------------------------------------------------

  var collator = new Intl.Collator(document.documentElement.lang || undefined, {numeric: true, sensitivity: "base"});

  /* A row's sort key in the column of that position (cells carry no column name: mc/compare-field.html). */
  function sortKey(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell) return null;
    if (numeric) {
      var number = parseFloat(cell.getAttribute("data-sort"));
      return isNaN(number) ? null : {group: cell.getAttribute("data-sort-group") || "", number: number};
    }
    if (cell.querySelector(".mc-missing")) return null;
    var title = cell.querySelector(".mc-compare-field__title"); // the program column: by its title
    return cell.getAttribute("data-sort") || (title || cell).textContent.replace(/\s+/g, " ").trim();
  }

  function compareKeys(a, b, numeric) {
    if (numeric) {
      return a.group === b.group ? a.number - b.number : collator.compare(a.group, b.group);
    }
    return collator.compare(a, b);
  }

  function makeSortable(table) {
    var heads = table.querySelectorAll("thead th[data-column]"); // every column, in order
    var body = table.tBodies[0];
    Array.prototype.forEach.call(body.rows, function (row, index) { row.setAttribute("data-order", String(index)); });
    Array.prototype.forEach.call(heads, function (head) {
      var button = element("button", "mc-sort");
      button.setAttribute("type", "button");
      while (head.firstChild) button.appendChild(head.firstChild);
      head.appendChild(button);
      button.addEventListener("click", function () {
        var column = head.cellIndex;
        var numeric = head.getAttribute("data-sort-type") === "number";
        var direction = head.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        var rows = Array.prototype.map.call(body.rows, function (row) {
          return {row: row, key: sortKey(row, column, numeric), order: +row.getAttribute("data-order")};
        });
        rows.sort(function (a, b) {
          if (a.key === null || b.key === null) {
            if (a.key === null && b.key === null) return a.order - b.order;
            return a.key === null ? 1 : -1; // not stated: last, whichever the direction
          }
          return direction * compareKeys(a.key, b.key, numeric) || a.order - b.order;
        });
        rows.forEach(function (item) { body.appendChild(item.row); });
        Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
        head.setAttribute("aria-sort", direction === 1 ? "ascending" : "descending");
      });
    });
  }

  // --- start ---------------------------------------------------------------------------------

  Array.prototype.forEach.call(document.querySelectorAll("table[data-mc-sortable]"), makeSortable);
  addButtons(document);
  refreshButtons(document);
  refreshTray(list());
  if (tool) startTool();
})();
