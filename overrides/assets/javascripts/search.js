/* The catalogue's search, in the browser, with Pagefind's JavaScript API (/pagefind/<lang>/pagefind.js, one bundle per language).
 *
 * Two users of one loader:
 * - the header's search box (overrides/partials/search.html): the first results while typing;
 * - the search page (overrides/mc/search.html): query, filters and sort, all kept in the URL
 *   (?q=...&mode=online&field=061&sort=hours-asc) so a search can be shared and is restored on load.
 *
 * Pagefind picks the index of the page's <html lang>, so a Japanese page searches Japanese pages
 * only. Filter values are codes; their labels are in the page's markup, already translated.
 * Markup comes from <template> elements: the search page's, and the header box's made here (boxTemplate:
 * every page has the box, so its markup is not repeated in each); this script only fills their data-slot
 * elements, always as text (excerpts keep Pagefind's <mark> and nothing else).
 *
 * Why not Pagefind's Default or Component UI (1.5): neither keeps the query and filters in the
 * URL, neither has a sort control, and both show filter values as indexed (our codes, such as
 * "061"); translating them would mean labels in the index, and URLs that differ per language.
 * This script is the small part they would replace: state, URL and rendering.
 *
 * Between the visitor and Pagefind (docs/search.md has the measurements):
 * - prepareQuery: NFKC and lower case (ＡＩ -> ai, ｶｲｺﾞ -> カイゴ); a word typed in kana only is
 *   folded to katakana, which matches katakana words and the katakana readings indexed in each
 *   page's hidden `keys` meta (mccat.site.search_keys), instead of being cut by the browser's word
 *   segmenter into pieces such as かい + ご that match particles; particles and single kana are
 *   dropped from words that mix kana with kanji (介護の基本 -> 介護 基本); a katakana word's final
 *   long-vowel mark is dropped (サーバー -> サーバ, コンピューター -> コンピュータ): Pagefind matches
 *   a term as the start of a word, so the shorter form finds both spellings.
 * - rankedSearch: programs first, then providers, then other pages (a second search with the
 *   kind filter names the programs); within the first RANK_WINDOW results, results that hold the
 *   query as typed come first (closeness: the phrase, every word, every word's start, only
 *   Pagefind's stem or diacritic-free prefix): "programming" before pages that only say "program";
 *   a result that holds a Japanese word not even in part (matched through ド -> ト or Pagefind's
 *   fallback to a shorter word) is dropped.
 *   One short Latin word alone (AI, DX) is searched as a whole word, not as a prefix (aid, dx...).
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
      // A large catalogue's index is in several bundles (mccat.build.search_index): Pagefind searches them as one.
      var more = (root.dataset.moreBundles || "").split(" ").filter(Boolean).map(function (path) {
        return new URL(path, document.baseURI).href;
      });
      var options = { baseUrl: siteRoot, excerptLength: 24 };
      loading = import(bundle + "pagefind.js").then(function (pagefind) {
        return pagefind.options(options)
          .then(function () { return pagefind.init(); })
          .then(function () { return Promise.all(more.map(function (url) { return pagefind.mergeIndex(url, options); })); })
          .then(function () { return pagefind; });
      });
      loading.catch(function () { loading = null; });  // a later attempt may succeed (network)
    }
    return loading;
  }

  function format(text, count) {
    return text.replace("{count}", new Intl.NumberFormat(document.documentElement.lang).format(count));
  }

  /* ---- the query: what the visitor typed, made to meet the index ---- */

  var KANA_ONLY = /^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe]+$/;
  var HAS_CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u3005\u3006]/;
  var HAS_KANA = /[\u3041-\u3096\u30a1-\u30fa\u30fc]/;
  var EDGE_PUNCTUATION = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
  // Particles, auxiliaries and function words that match nearly every Japanese page.
  var PARTICLES = new Set(("の が を に は と で へ や も か な て た だ ね よ から まで より など ため" +
    " こと もの この その あの これ それ です ます する した して できる ある いる なる による について" +
    " における として という ので けど").split(" "));
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("ja", { granularity: "word" }) : null;

  /* ヴ spellings to the バ row: ヴェトナム and ベトナム are one word (mccat.site.search_keys.V_SOUNDS). */
  var V_SOUNDS = { "ヴァ": "バ", "ヴィ": "ビ", "ヴェ": "ベ", "ヴォ": "ボ", "ヴュ": "ビュ", "ヴ": "ブ" };

  /* Hiragana to katakana, then ヴ spellings to the バ row (the same mapping as mccat.site.search_keys.fold_kana). */
  function foldKana(text) {
    return text
      .replace(/[\u3041-\u3096]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 0x60); })
      .replace(/ヴ[ァィェォュ]?/g, function (v) { return V_SOUNDS[v]; });
  }

  function normalize(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  var KATAKANA_WORD = /^[\u30a1-\u30fa\u30fc]{3,}$/;

  /* サーバー and サーバ, コンピューター and コンピュータ are one word in two spellings (the final long vowel is
     optional in technical terms). Without the mark the query is the start of both, which is what Pagefind
     matches. Three letters or more, so that short words (ルー, キー) are left alone. */
  function dropFinalLongVowel(word) {
    return KATAKANA_WORD.test(word) ? word.replace(/(.{2,}?[^\u30fc])\u30fc+$/u, "$1") : word;
  }

  function isNoise(word) {
    return KANA_ONLY.test(word) && (Array.from(word).length < 2 || PARTICLES.has(word));
  }

  /* The words to search for: [] when nothing is left worth searching (a particle alone). */
  function prepareQuery(raw) {
    var terms = [];
    normalize(raw || "").split(/\s+/).forEach(function (token) {
      token = token.replace(EDGE_PUNCTUATION, "");
      if (!token || isNoise(token)) return;
      if (KANA_ONLY.test(token)) {
        terms.push(dropFinalLongVowel(foldKana(token)));  // かいご, カイゴ -> カイゴ: readings and katakana words
      } else if (HAS_KANA.test(token) && segmenter) {
        // kana with kanji or Latin (介護の基本, AIとは): the words, without particles and stray kana
        Array.from(segmenter.segment(token)).forEach(function (part) {
          var word = part.segment.replace(EDGE_PUNCTUATION, "");
          if (!part.isWordLike || !word || isNoise(word)) return;
          // a reading beside Latin letters (せいせいAI) is folded as one alone is: readings are katakana
          terms.push(dropFinalLongVowel(KANA_ONLY.test(word) ? foldKana(word) : word));
        });
      } else {
        terms.push(token);
      }
    });
    return terms.filter(function (term, i) { return terms.indexOf(term) === i; });
  }

  var SHORT_LATIN = /^[a-z0-9]{1,2}$/;  // AI, DX, R, C: as a prefix, these start far too many words

  /* How closely a result holds the query, from its title, other-language title, keys and text (kana folded):
     0 the words in a row as typed (a phrase of several words); 1 every word as typed; 2 every word at
     least in part: a Latin word as the start of a word, a Japanese word as all the pieces the browser's
     segmenter cuts it into (Pagefind searches the pieces); 3 not even that: Pagefind matched a word only
     through a stem, a diacritic-free form (ド as ト) or its fallback to a shorter word. `noise`: a Japanese
     word is at 3; such a result is not shown (see rankedSearch). */
  function closeness(data, raw, terms) {
    var meta = data.meta || {};
    var text = foldKana(normalize([meta.title, meta.title_alt, meta.keys, data.content].join(" ")));
    function has(term, wholeWord) {
      if (HAS_CJK.test(term)) return text.indexOf(term) !== -1;
      var i = -1;
      while ((i = text.indexOf(term, i + 1)) !== -1) {  // a Latin term starts a word (and ends one: wholeWord)
        var before = i === 0 || !/[\p{L}\p{N}]/u.test(text.charAt(i - 1));
        var after = !wholeWord || !/[\p{L}\p{N}]/u.test(text.charAt(i + term.length));
        if (before && after) return true;
      }
      return false;
    }
    function level(term) {
      term = foldKana(term);
      if (has(term, true)) return 1;
      // A kana word is a word (a reading, a katakana term): the segmenter's pieces of it (タイワ as タイ + ワ)
      // are found on unrelated pages, so only the whole word counts. Words with kanji may come in pieces.
      if (KANA_ONLY.test(term)) return 3;
      if (HAS_CJK.test(term)) {
        var pieces = segmenter ? Array.from(segmenter.segment(term)).filter(function (p) { return p.isWordLike; }) : [];
        return pieces.length > 1 && pieces.every(function (p) { return has(p.segment, false); }) ? 2 : 3;
      }
      return !SHORT_LATIN.test(term) && has(term, false) ? 2 : 3;
    }
    var levels = terms.map(level);
    var phrase = foldKana(normalize(raw).replace(/\s+/g, " ").trim());
    return {
      level: terms.length > 1 && text.indexOf(phrase) !== -1 ? 0 : Math.max.apply(null, levels),
      noise: terms.some(function (term, i) { return levels[i] === 3 && HAS_CJK.test(term); }),
    };
  }

  /* What Pagefind is asked. One short Latin word alone (AI, DX) is searched as a whole word (Pagefind's
     quoted, exact search), not as the start of every word (aid, dxf...). */
  function pagefindQuery(terms) {
    return terms.length === 1 && SHORT_LATIN.test(terms[0]) ? '"' + terms[0] + '"' : terms.join(" ");
  }

  var RANK_WINDOW = 20;  // results re-ranked with their data (the first page of the search page)
  var OPEN = "open";  // the URL parameter of "open for application" (mccat.site.search.OPEN)
  var APPLY_BY = "apply_by";  // the hidden filter it is computed from (mccat.site.search.APPLY_BY)
  var TIER = { program: 0, provider: 1 };  // anything else: 2

  /* Search with programs first; returns { results: [{ result, data }], search } (search: Pagefind's answer
     for the visitor's filters, for the filter counts). Results past RANK_WINDOW keep Pagefind's order. */
  function rankedSearch(pagefind, raw, terms, options) {
    var q = pagefindQuery(terms);
    var filters = options.filters || {};
    var searches = [pagefind.search(q, options)];
    var tiered = !options.sort || !Object.keys(options.sort).length;
    if (tiered) searches.push(pagefind.search(q, { filters: Object.assign({}, filters, { kind: "program" }) }));
    return Promise.all(searches).then(function (answers) {
      var main = answers[0];
      var ordered = main.results;
      if (tiered) {
        var programs = answers[1].results;
        var isProgram = new Set(programs.map(function (r) { return r.id; }));
        ordered = programs.concat(main.results.filter(function (r) { return !isProgram.has(r.id); }));
      }
      var head = ordered.slice(0, RANK_WINDOW);
      return Promise.all(head.map(function (r) { return r.data(); })).then(function (data) {
        var items = head.map(function (r, i) {
          var kind = ((data[i].filters || {}).kind || [])[0];
          var close = closeness(data[i], raw, terms);
          return { result: r, data: data[i], index: i, noise: close.noise, closeness: close.level,
                   tier: tiered && kind in TIER ? TIER[kind] : tiered ? 2 : 0 };
        });
        // A Japanese word that a result does not hold even in part was matched through Pagefind's folding of
        // ド to ト or its fallback (クラウド: クラス and チェックアウト): not a result.
        items = items.filter(function (item) { return !item.noise; });
        // Closeness orders results only under "relevance": a chosen sort (fee, hours...) keeps Pagefind's order.
        if (tiered) {
          items.sort(function (a, b) { return a.tier - b.tier || a.closeness - b.closeness || a.index - b.index; });
        }
        return {
          results: items.concat(ordered.slice(RANK_WINDOW).map(function (r) { return { result: r, data: null }; })),
          search: main,
        };
      });
    });
  }

  /* A program page's id, from its URL (/<lang>/programs/<provider>/<slug>/): the id is not Pagefind meta. */
  function programId(url) {
    var match = /\/programs\/([^/]+\/[^/]+)\/?$/.exec(url || "");
    return match ? decodeURIComponent(match[1]) : null;
  }

  /* Pagefind's excerpt is HTML with <mark> around the matched words: keep the marks, everything else as text. */
  /* Pagefind joins a page's blocks (a heading and the paragraph after it) with ". ": between Japanese words
     that reads as English punctuation (介護現場の感染対策. 標準予防策と); Japanese text gets its own full stop. */
  function japaneseStops(text) {
    return text.replace(/([^\x00-\x7f])\. (?=[^\x00-\x7f]|$)/g, "$1。");
  }

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
        out.appendChild(document.createTextNode(japaneseStops(node.textContent)));
      }
    });
    return out;
  }

  /* ---- dates: "open for application" and "next start" are the visitor's, computed with today's date here ---- */

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  /* Today in the visitor's time zone, as an ISO date (the form of the index's dates). */
  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function formatDate(iso, locale) {
    var parts = iso.split("-").map(Number);
    return new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric" })
      .format(new Date(parts[0], parts[1] - 1, parts[2]));
  }

  /* The first of a program's offering starts (meta `starts`) on or after `day`, or null. */
  function nextStart(meta, day) {
    var starts = ((meta || {}).starts || "").split(" ").filter(function (s) { return s && s >= day; });
    return starts.length ? starts[0] : null;
  }

  /* The last day to apply that has not passed (filter `apply_by`, mccat.site.search), or null. */
  function openUntil(filters, day) {
    var days = ((filters || {}).apply_by || []).filter(function (d) { return d >= day; }).sort();
    return days.length ? days[0] : null;
  }

  /* One result from a <template data-result>: slots without a value are removed. */
  function renderResult(template, data, texts) {
    var item = template.content.firstElementChild.cloneNode(true);
    var meta = data.meta || {};
    var kind = ((data.filters || {}).kind || [])[0] || "page";
    var id = kind === "program" ? programId(data.raw_url || data.url) : null;
    var day = today();
    var next = kind === "program" ? nextStart(meta, day) : null;
    var open = kind === "program" && texts.openUntil ? openUntil(data.filters, day) : null;
    var values = {
      title: meta.title || data.url, title_alt: meta.title_alt,
      kind: kind === "provider" ? texts.provider : kind === "program" ? "" : texts.page,
      provider: meta.provider, hours: meta.hours, mode: meta.mode, status: meta.status,
      next: next && texts.nextStart ? texts.nextStart.replace("{date}", formatDate(next, texts.dateLocale)) : "",
      open: open ? texts.openUntil.replace("{date}", formatDate(open, texts.dateLocale)) : "",
    };
    item.querySelectorAll("[data-slot]").forEach(function (slot) {
      var name = slot.dataset.slot;
      if (name === "link") {
        slot.href = data.url;
      } else if (name === "compare") {
        // compare.js labels and handles every [data-compare-id] button, including ones added later
        if (id) slot.setAttribute("data-compare-id", id);
        else slot.remove();
      } else if (name === "excerpt") {
        slot.appendChild(excerptNodes(data.excerpt || ""));
      } else if (values[name]) {
        slot.textContent = values[name];
        if (name === "status" && meta.status_code) slot.classList.add("mc-status--" + meta.status_code);
        if (name === "mode" && meta.mode_full) slot.title = meta.mode_full;  // the short label; the full one on hover
      } else {
        slot.remove();
      }
    });
    if (id) item.dataset.program = id;  // as on list pages: other scripts (compare) find programs by it
    item.dataset.url = data.url;
    return item;
  }

  function texts(root) {
    var d = root.dataset;
    return { count: d.textCount, countOne: d.textCountOne, none: d.textNone, loading: d.textLoading,
             failed: d.textFailed, provider: d.textProvider, page: d.textPage, nextStart: d.textNextStart,
             openUntil: d.textOpenUntil, showAll: d.textShowAll, showFewer: d.textShowFewer,
             dateLocale: d.dateLocale || document.documentElement.lang };
  }

  /* ---- the search page ---- */

  var COLLAPSED_SHOWS = 5;  // options a collapsed group shows (mccat.site.search.COLLAPSE_AFTER: more than 6)

  function setUpPage(form) {
    var input = form.elements.q;
    var sort = form.elements.sort;
    var status = form.querySelector("[data-status]");
    var list = form.querySelector("[data-results]");
    var more = form.querySelector("[data-more]");
    var template = form.querySelector("template[data-result]");
    var filters = form.querySelector("[data-filters]");
    var active = form.querySelector("[data-active]");
    var fieldsets = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-filter]"));
    var groups = fieldsets.map(function (fieldset) { return fieldset.dataset.filter; });
    var text = texts(form);
    var current = 0;  // the newest search; answers to older ones are dropped
    var results = [];
    var shown = 0;
    var timer = null;
    var filtersLoaded = null;  // Pagefind counts filter values only once their index is loaded
    var expanded = {};  // groups whose "show all" is on
    var lastCounts = null;  // the counts shown

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

    /* A group's options: by count (ties keep the build's order: reading, label or vocabulary), none last and
       dimmed; a scale (data-ordinal) keeps its order and dims in place. A collapsed group shows its first
       options and every chosen one, and a button for the rest. Focus stays where it was. */
    function arrange(fieldset, counts) {
      var box = fieldset.querySelector("[data-options]");
      var labels = Array.prototype.slice.call(box.children);
      var focused = box.contains(document.activeElement) ? document.activeElement : null;
      labels.forEach(function (label) {
        var input = label.querySelector("input");
        var count = ((counts || {})[input.name] || {})[input.value] || 0;
        label.dataset.n = String(count);
        label.querySelector("[data-count]").textContent = String(count);
        label.classList.toggle("mc-search__option--empty", count === 0 && !input.checked);
      });
      if (!fieldset.hasAttribute("data-ordinal")) {
        var ordered = labels.slice().sort(function (a, b) {
          return (+b.dataset.n) - (+a.dataset.n) || (+a.dataset.order) - (+b.dataset.order);
        });
        if (ordered.some(function (label, i) { return label !== labels[i]; })) {
          ordered.forEach(function (label) { box.appendChild(label); });
          labels = ordered;
          if (focused) focused.focus();
        }
      }
      var toggle = fieldset.querySelector("[data-show-all]");
      if (!toggle) return;
      var open = !!expanded[fieldset.dataset.filter];
      var hidden = 0;
      labels.forEach(function (label, i) {
        var hide = !open && i >= COLLAPSED_SHOWS && !label.querySelector("input").checked;
        label.hidden = hide;
        if (hide) hidden += 1;
      });
      toggle.hidden = !open && hidden === 0;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.textContent = open ? text.showFewer : text.showAll.replace("{count}", String(labels.length));
    }

    function showCounts(counts) {
      lastCounts = counts;
      fieldsets.forEach(function (fieldset) { arrange(fieldset, counts); });
      var selected = form.querySelectorAll("fieldset[data-filter] input:checked").length;
      active.textContent = selected ? "(" + selected + ")" : "";
    }

    function showMore() {
      var batch = results.slice(shown, shown + PAGE_SIZE);
      shown += batch.length;
      more.hidden = shown >= results.length;
      return Promise.all(batch.map(function (r) { return r.data || r.result.data(); })).then(function (data) {
        data.forEach(function (d) { list.appendChild(renderResult(template, d, text)); });
        document.dispatchEvent(new CustomEvent("mc:search-results", { detail: { list: list } }));
      });
    }

    /* "Next start" sorts by the start the build saw as next; a start that has passed since is replaced by the
       program's next one, and the first RANK_WINDOW results are ordered again (programs without a start to come
       last). */
    function byNextStart(items) {
      var head = items.slice(0, RANK_WINDOW);
      return Promise.all(head.map(function (item) { return item.data || item.result.data(); })).then(function (data) {
        var day = today();
        var keyed = head.map(function (item, i) {
          return { result: item.result, data: data[i], index: i, start: nextStart(data[i].meta, day) || "9999-12-31" };
        });
        keyed.sort(function (a, b) { return a.start < b.start ? -1 : a.start > b.start ? 1 : a.index - b.index; });
        return keyed.concat(items.slice(RANK_WINDOW));
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
        return filtersLoaded.then(function (all) { return { pagefind: pagefind, all: all }; });
      }).then(function (loaded) {
        var pagefind = loaded.pagefind;
        var day = today();
        // "Open for application": the last days to apply that have not passed (none: a value no page has).
        var open = Object.keys(loaded.all[APPLY_BY] || {}).filter(function (d) { return d >= day; });
        if (!open.length) open = ["-"];
        var q = params.get("q") || null;
        var terms = q ? prepareQuery(q) : [];
        var chosen = groups.filter(function (group) { return params.getAll(group).length; });
        function filtersWithout(skipped) {
          var filters = q ? {} : { kind: "program" };  // no words: browse the programs
          chosen.forEach(function (group) {
            if (group === skipped) return;
            if (group === OPEN) filters[APPLY_BY] = { any: open };
            else filters[group] = { any: params.getAll(group) };
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
        // own choices (Pagefind counts as if a value were added with "and"). "Open" has one value, counted by
        // a search of its own.
        var words = q ? pagefindQuery(terms) : null;
        var nothing = q && !terms.length;  // only particles: nothing to find
        var facets = nothing ? [] : chosen.filter(function (group) { return group !== OPEN; }).map(function (group) {
          return pagefind.search(words, { filters: filtersWithout(group) }).then(function (other) {
            return [group, other.filters[group]];
          });
        });
        if (!nothing) {
          var openFilters = filtersWithout(OPEN);
          openFilters[APPLY_BY] = { any: open };
          facets.push(pagefind.search(words, { filters: openFilters }).then(function (other) {
            return [OPEN, { now: other.results.length }];
          }));
        }
        var searching = !q ? pagefind.search(null, options).then(function (search) {
          return { search: search, results: search.results.map(function (r) { return { result: r, data: null }; }) };
        }) : terms.length ? rankedSearch(pagefind, q, terms, options)
          : Promise.resolve({ search: { filters: {} }, results: [] });
        if (order && order.dataset.key === "start") {
          searching = searching.then(function (answer) {
            return byNextStart(answer.results).then(function (items) { return { search: answer.search, results: items }; });
          });
        }
        return Promise.all([searching].concat(facets)).then(function (answers) {
          if (id !== current) return;
          var search = answers[0].search;
          var counts = Object.assign({}, search.filters);
          answers.slice(1).forEach(function (pair) { counts[pair[0]] = pair[1]; });
          results = answers[0].results;
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
    form.querySelectorAll("[data-show-all]").forEach(function (toggle) {
      toggle.addEventListener("click", function () {
        var fieldset = toggle.closest("fieldset");
        expanded[fieldset.dataset.filter] = !expanded[fieldset.dataset.filter];
        arrange(fieldset, lastCounts);
      });
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

  /* The markup of one of the box's results (a constant; the other title in the box's data-alt-lang). */
  function boxTemplate(box) {
    var template = document.createElement("template");
    template.innerHTML = '<li class="mc-searchbox__result"><a data-slot="link">' +
      '<span class="mc-searchbox__title" data-slot="title"></span>' +
      '<span class="mc-searchbox__alt" data-slot="title_alt"></span>' +
      '<span class="mc-searchbox__meta"><span data-slot="kind"></span><span data-slot="provider"></span>' +
      '<span data-slot="hours"></span></span></a></li>';
    template.content.querySelector(".mc-searchbox__alt").lang = box.dataset.altLang;
    return template;
  }

  function setUpBox(box) {
    var form = box.querySelector("form");
    var input = form.elements.q;
    var panel = box.querySelector(".mc-searchbox__panel");
    var status = panel.querySelector("[data-status]");
    var list = panel.querySelector("[data-results]");
    var all = panel.querySelector("[data-all]");
    var template = boxTemplate(box);
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
      var terms = prepareQuery(q);
      loadPagefind(box).then(function (pagefind) {
        return terms.length ? rankedSearch(pagefind, q, terms, {}) : { results: [] };
      }).then(function (search) {
        if (id !== current) return;
        list.replaceChildren();
        search.results.slice(0, BOX_SIZE).forEach(function (r) { list.appendChild(renderResult(template, r.data, text)); });
        status.textContent = search.results.length ? "" : text.none;
        status.hidden = search.results.length > 0;
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

  // For tests: the functions whose behaviour Python must match (tests/test_search_quality.py).
  window.mcSearch = { foldKana: foldKana, normalize: normalize, prepareQuery: prepareQuery, programId: programId };

  document.querySelectorAll("[data-mc-searchbox]").forEach(setUpBox);
  document.querySelectorAll("form[data-mc-search]").forEach(setUpPage);
})();
