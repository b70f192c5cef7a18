/* The catalogue's search, in the browser, with Pagefind's JavaScript API (/pagefind/<lang>/pagefind.js, one bundle per language).
 *
 * Two users of one loader:
 * - the header's search box (overrides/partials/search.html): the first results while typing;
 * - the search page (overrides/mc/search.html): query, filters and sort, all kept in the URL
 *   (?q=...&mode=online&field=061&sort=hours-asc) so a search can be shared and is restored on load.
 *
 * Pagefind picks the index of the page's <html lang>, so a Japanese page searches Japanese pages
 * only. Filter values are codes; their labels are in the page's markup, already translated.
 * Markup comes from <template> elements in the pages; this script only fills their data-slot
 * elements, always as text (excerpts keep Pagefind's <mark> and nothing else).
 *
 * Why not Pagefind's Default or Component UI (1.5): neither keeps the query and filters in the
 * URL, neither has a sort control, and both show filter values as indexed (our codes, such as
 * "061"); translating them would mean labels in the index, and URLs that differ per language.
 * This script is the small part they would replace: state, URL and rendering.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 20;
  var BOX_SIZE = 6;
  var loading = null;

  /* Pagefind, loaded once per page and only when a search is about to run. */
  function loadPagefind(root) {
    if (!loading) {
      var bundle = new URL(root.dataset.bundle, document.baseURI).href;
      var siteRoot = new URL(root.dataset.siteRoot, document.baseURI).pathname;
      loading = import(bundle + "pagefind.js").then(function (pagefind) {
        return pagefind.options({ baseUrl: siteRoot, excerptLength: 24 })
          .then(function () { return pagefind.init(); })
          .then(function () { return pagefind; });
      });
      loading.catch(function () { loading = null; });  // a later attempt may succeed (network)
    }
    return loading;
  }

  function format(text, count) {
    return text.replace("{count}", new Intl.NumberFormat(document.documentElement.lang).format(count));
  }

  /* Pagefind's excerpt is HTML with <mark> around the matched words: keep the marks, everything else as text. */
  function excerptNodes(html) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html;
    var out = document.createDocumentFragment();
    parsed.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  /* One result from a <template data-result>: slots without a value are removed. */
  function renderResult(template, data, texts) {
    var item = template.content.firstElementChild.cloneNode(true);
    var meta = data.meta || {};
    var kind = ((data.filters || {}).kind || [])[0] || "page";
    var values = {
      title: meta.title || data.url,
      kind: kind === "provider" ? texts.provider : kind === "program" ? "" : texts.page,
      provider: meta.provider, hours: meta.hours, mode: meta.mode, status: meta.status,
    };
    item.querySelectorAll("[data-slot]").forEach(function (slot) {
      var name = slot.dataset.slot;
      if (name === "link") {
        slot.href = data.url;
      } else if (name === "compare") {
        // compare.js labels and handles every [data-compare-id] button, including ones added later
        if (meta.id && kind === "program") slot.setAttribute("data-compare-id", meta.id);
        else slot.remove();
      } else if (name === "excerpt") {
        slot.appendChild(excerptNodes(data.excerpt || ""));
      } else if (values[name]) {
        slot.textContent = values[name];
        if (name === "status" && meta.status_code) slot.classList.add("mc-status--" + meta.status_code);
      } else {
        slot.remove();
      }
    });
    if (meta.id) item.dataset.program = meta.id;  // as on list pages: other scripts (compare) find programs by it
    item.dataset.url = data.url;
    return item;
  }

  function texts(root) {
    var d = root.dataset;
    return { count: d.textCount, countOne: d.textCountOne, none: d.textNone, loading: d.textLoading,
             failed: d.textFailed, provider: d.textProvider, page: d.textPage };
  }

  /* ---- the search page ---- */

  function setUpPage(form) {
    var input = form.elements.q;
    var sort = form.elements.sort;
    var status = form.querySelector("[data-status]");
    var list = form.querySelector("[data-results]");
    var more = form.querySelector("[data-more]");
    var template = form.querySelector("template[data-result]");
    var filters = form.querySelector("[data-filters]");
    var active = form.querySelector("[data-active]");
    var groups = Array.prototype.map.call(form.querySelectorAll("fieldset[data-filter]"),
      function (fieldset) { return fieldset.dataset.filter; });
    var text = texts(form);
    var current = 0;  // the newest search; answers to older ones are dropped
    var results = [];
    var shown = 0;
    var timer = null;
    var filtersLoaded = null;  // Pagefind counts filter values only once their index is loaded

    function checked(group) {
      return Array.prototype.map.call(form.querySelectorAll('fieldset[data-filter="' + group + '"] input:checked'),
        function (box) { return box.value; });
    }

    /* The URL of the form's state: q, the filters in page order, sort; nothing that is empty. */
    function stateParams() {
      var params = new URLSearchParams();
      var q = input.value.trim();
      if (q) params.set("q", q);
      groups.forEach(function (group) {
        checked(group).forEach(function (value) { params.append(group, value); });
      });
      if (sort.value) params.set("sort", sort.value);
      return params;
    }

    function restore(params) {
      input.value = params.get("q") || "";
      form.querySelectorAll("fieldset[data-filter] input").forEach(function (box) {
        box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
      });
      var wanted = params.get("sort") || "";
      sort.value = Array.prototype.some.call(sort.options, function (o) { return o.value === wanted; }) ? wanted : "";
    }

    function showCounts(counts) {
      form.querySelectorAll("fieldset[data-filter] label").forEach(function (label) {
        var box = label.querySelector("input");
        var count = ((counts || {})[box.name] || {})[box.value] || 0;
        label.querySelector("[data-count]").textContent = String(count);
        label.classList.toggle("mc-search__option--empty", count === 0 && !box.checked);
      });
      var selected = form.querySelectorAll("fieldset[data-filter] input:checked").length;
      active.textContent = selected ? "(" + selected + ")" : "";
    }

    function showMore() {
      var batch = results.slice(shown, shown + PAGE_SIZE);
      shown += batch.length;
      more.hidden = shown >= results.length;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
        data.forEach(function (d) { list.appendChild(renderResult(template, d, text)); });
        document.dispatchEvent(new CustomEvent("mc:search-results", { detail: { list: list } }));
      });
    }

    function run(updateUrl) {
      var id = ++current;
      var params = stateParams();
      var query = params.toString();
      if (updateUrl) {
        history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
      // Filter values are codes, the same in every language: the language switch keeps the search.
      document.querySelectorAll('a[data-mc="language-switch"]').forEach(function (link) {
        var target = new URL(link.href);
        target.search = query;
        link.href = target.href;
      });
      status.textContent = text.loading;
      form.setAttribute("aria-busy", "true");
      return loadPagefind(form).then(function (pagefind) {
        if (!filtersLoaded) filtersLoaded = pagefind.filters();
        return filtersLoaded.then(function () { return pagefind; });
      }).then(function (pagefind) {
        var q = params.get("q") || null;
        var chosen = groups.filter(function (group) { return params.getAll(group).length; });
        function filtersWithout(skipped) {
          var filters = q ? {} : { kind: "program" };  // no words: browse the programs
          chosen.forEach(function (group) {
            if (group !== skipped) filters[group] = { any: params.getAll(group) };
          });
          return filters;
        }
        var options = { filters: filtersWithout(null) };
        var order = sort.selectedOptions[0];
        if (order && order.dataset.key) {
          options.sort = {};
          options.sort[order.dataset.key] = order.dataset.direction;
        }
        // Values of one group combine with "or": a group's counts are those of the search without its
        // own choices (Pagefind counts as if a value were added with "and").
        var facets = chosen.map(function (group) {
          return pagefind.search(q, { filters: filtersWithout(group) }).then(function (other) {
            return [group, other.filters[group]];
          });
        });
        return Promise.all([pagefind.search(q, options)].concat(facets)).then(function (answers) {
          if (id !== current) return;
          var search = answers[0];
          var counts = Object.assign({}, search.filters);
          answers.slice(1).forEach(function (pair) { counts[pair[0]] = pair[1]; });
          results = search.results;
          shown = 0;
          list.replaceChildren();
          showCounts(counts);
          status.textContent = results.length === 0 ? text.none
            : results.length === 1 ? text.countOne : format(text.count, results.length);
          return showMore();
        });
      }).catch(function (error) {
        if (id !== current) return;
        status.textContent = text.failed;
        if (window.console) console.error("search:", error);
      }).finally(function () {
        if (id === current) {
          form.removeAttribute("aria-busy");
          form.dataset.ready = "true";  // for tests and other scripts: this search has been shown
        }
      });
    }

    form.hidden = false;
    if (!window.matchMedia("(min-width: 60em)").matches) filters.open = false;
    restore(new URLSearchParams(location.search));

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run(true);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      delete form.dataset.ready;
      timer = setTimeout(function () { run(true); }, 250);
    });
    form.addEventListener("change", function (event) {
      if (event.target === input) return;
      clearTimeout(timer);
      delete form.dataset.ready;
      run(true);
    });
    form.querySelector("[data-clear]").addEventListener("click", function () {
      form.querySelectorAll("fieldset[data-filter] input:checked").forEach(function (box) { box.checked = false; });
      delete form.dataset.ready;
      run(true);
    });
    more.addEventListener("click", function () { showMore(); });
    window.addEventListener("popstate", function () {
      restore(new URLSearchParams(location.search));
      run(false);
    });
    run(false);
  }

  /* ---- the header's search box ---- */

  function setUpBox(box) {
    var form = box.querySelector("form");
    var input = form.elements.q;
    var panel = box.querySelector(".mc-searchbox__panel");
    var status = panel.querySelector("[data-status]");
    var list = panel.querySelector("[data-results]");
    var all = panel.querySelector("[data-all]");
    var template = box.querySelector("template[data-result]");
    var text = texts(box);
    var current = 0;
    var timer = null;

    function open(yes) {
      panel.hidden = !yes;
      input.setAttribute("aria-expanded", yes ? "true" : "false");
    }

    function run() {
      var id = ++current;
      var q = input.value.trim();
      if (!q) { open(false); return; }
      all.href = form.action + "?" + new URLSearchParams({ q: q }).toString();
      status.textContent = text.loading;
      open(true);
      loadPagefind(box).then(function (pagefind) {
        return pagefind.search(q);
      }).then(function (search) {
        if (id !== current) return;
        return Promise.all(search.results.slice(0, BOX_SIZE).map(function (r) { return r.data(); }))
          .then(function (data) {
            if (id !== current) return;
            list.replaceChildren();
            data.forEach(function (d) { list.appendChild(renderResult(template, d, text)); });
            status.textContent = search.results.length ? "" : text.none;
            status.hidden = search.results.length > 0;
          });
      }).catch(function (error) {
        if (id !== current) return;
        status.hidden = false;
        status.textContent = text.failed;
        if (window.console) console.error("search:", error);
      });
    }

    input.addEventListener("focus", function () { loadPagefind(box).catch(function () {}); }, { once: true });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 200);
    });
    box.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a")).concat([all]);
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        input.focus();  // first: focusing the box reopens the list
        open(false);
      } else if (event.key === "ArrowDown" && !panel.hidden) {
        event.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at !== -1) {
        event.preventDefault();
        (at === 0 ? input : links[at - 1]).focus();
      }
    });
    box.addEventListener("focusout", function (event) {
      if (!box.contains(event.relatedTarget)) open(false);
    });
    input.addEventListener("focus", function () { if (input.value.trim() && list.children.length) open(true); });
  }

  document.querySelectorAll("[data-mc-searchbox]").forEach(setUpBox);
  document.querySelectorAll("form[data-mc-search]").forEach(setUpPage);
})();
