/* The "check a badge" page (overrides/mc/verify.html, mccat.site.verify).
 *
 * Input: an Open Badges 3.0 credential as JSON or as a JWT (compact JWS), an Achievement, or an Achievement
 * URL; or ?achievement=<url> in the page's address. The Achievement id must lie under this registry's own
 * /api/v1/programs/ (compared as a parsed URL: scheme, host, port and path; a lookalike host is another
 * site) and name a program id; the program's plain record is read from this same site (never another
 * origin: the page's Content Security Policy allows 'self' only). Every value from the input or the record
 * is written with textContent. */
(function () {
  "use strict";
  var form = document.querySelector("[data-mc-verify]");
  if (!form) return;
  var result = document.querySelector("[data-mc='verify-result']");
  var input = form.querySelector("textarea");
  var root = new URL(form.dataset.root);
  var siteRoot = new URL(form.dataset.siteRoot, window.location.href);
  var PROGRAM = /^programs\/([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)\/([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)\.achievement\.(ja|en)\.json$/;
  var MAX_INPUT = 1 << 20;

  function text(key) {
    return form.dataset["text" + key.replace(/(^|_)([a-z])/g, function (_, __, c) { return c.toUpperCase(); })] || key;
  }

  /* A text with {placeholders} filled in, as nodes: the values stay text. */
  function fill(template, values) {
    var fragment = document.createDocumentFragment();
    template.split(/(\{[a-z]+\})/).forEach(function (part) {
      var match = /^\{([a-z]+)\}$/.exec(part);
      fragment.appendChild(document.createTextNode(match && match[1] in values ? values[match[1]] : part));
    });
    return fragment;
  }

  function show(kind, message, details) {
    result.replaceChildren();
    result.dataset.verdict = kind;
    result.className = "mc-verify__result mc-verify__result--" + kind;
    var p = document.createElement("p");
    p.className = "mc-verify__verdict";
    p.appendChild(message);
    result.appendChild(p);
    if (details) result.appendChild(details);
    result.focus();
  }

  function base64url(part) {
    var b64 = part.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) b64 += "=";
    var bytes = Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  }

  /* The issuer a credential names: its id (or url), as written; null when it names none. */
  function issuerOf(data, claims) {
    var issuer = data.issuer !== undefined ? data.issuer : claims && claims.iss;
    if (typeof issuer === "string") return issuer;
    if (issuer && typeof issuer === "object") {
      if (typeof issuer.id === "string") return issuer.id;
      if (typeof issuer.url === "string") return issuer.url;
    }
    return null;
  }

  /* The Achievement id named by what was pasted, and the issuer the credential names; {error: key} when there
   * is no Achievement. */
  function achievementId(raw) {
    var value = raw.trim();
    if (!value) return { error: "empty" };
    if (value.length > MAX_INPUT) return { error: "malformed" };
    if (/^https?:\/\/\S+$/i.test(value)) return { id: value, issuer: null };
    var data, claims = null;
    if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value)) {
      try { data = JSON.parse(base64url(value.split(".")[1])); } catch (e) { return { error: "malformed" }; }
      if (data && typeof data.vc === "object" && data.vc) {  // VC-JWT puts the credential in "vc"
        claims = data;
        data = data.vc;
      }
    } else {
      try { data = JSON.parse(value); } catch (e) { return { error: "malformed" }; }
    }
    if (!data || typeof data !== "object" || Array.isArray(data)) return { error: "no_achievement" };
    var issuer = issuerOf(data, claims);
    var types = [].concat(data.type || []);
    if (types.indexOf("Achievement") !== -1 && typeof data.id === "string") return { id: data.id, issuer: issuer };
    var subject = data.credentialSubject;
    var achievement = subject && typeof subject === "object" ? subject.achievement : null;
    if (typeof achievement === "string") return { id: achievement, issuer: issuer };
    if (achievement && typeof achievement === "object" && typeof achievement.id === "string") {
      return { id: achievement.id, issuer: issuer };
    }
    return { error: "no_achievement" };
  }

  /* The host an issuer id stands for: an https URL's, or a did:web's (did:web:host%3Aport:path); "" else. */
  function issuerHost(issuer) {
    var web = /^did:web:([^:#?\/]+)/.exec(issuer);
    if (web) {
      try { return decodeURIComponent(web[1]).toLowerCase(); } catch (e) { return ""; }
    }
    try {
      var url = new URL(issuer);
      return url.protocol === "https:" || url.protocol === "http:" ? url.host.toLowerCase() : "";
    } catch (e) { return ""; }
  }

  /* Whether an issuer's host is the provider's site or a subdomain of it (www. aside). Not a parent domain:
   * a shared host's (github.io) would then stand for every site under it. */
  function sameSite(host, providerHost) {
    if (!host || !providerHost) return false;
    var a = host.replace(/^www\./, ""), b = providerHost.replace(/^www\./, "");
    return a === b || a.endsWith("." + b);
  }

  /* The program id an Achievement id names, if it is one of this registry's; else {error, values}. */
  function programOf(id) {
    var url;
    try { url = new URL(id); } catch (e) { return { error: "not_ours", values: { url: id } }; }
    if (url.protocol !== root.protocol || url.host !== root.host) return { error: "foreign", values: { host: url.host } };
    var api = root.pathname + "api/v1/";
    if (url.search || url.hash || url.username || url.password || url.pathname.indexOf(api) !== 0) {
      return { error: "not_ours", values: { url: id } };
    }
    var match = PROGRAM.exec(url.pathname.slice(api.length));
    if (!match) return { error: "not_ours", values: { url: id } };
    return { program: match[1] + "/" + match[2] };
  }

  function row(list, label, node) {
    var dt = document.createElement("dt");
    dt.textContent = label;
    var dd = document.createElement("dd");
    dd.appendChild(typeof node === "string" ? document.createTextNode(node) : node);
    list.append(dt, dd);
  }

  function link(href, label) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = label;
    return a;
  }

  /* Only links to this registry's own site are shown. */
  function ownUrl(value) {
    try {
      var url = new URL(value);
      return url.protocol === root.protocol && url.host === root.host && url.pathname.indexOf(root.pathname) === 0;
    } catch (e) { return false; }
  }

  function local(url) {
    return new URL(new URL(url).pathname.slice(root.pathname.length), siteRoot).href;
  }

  /* The visitor's date, as the site's other scripts count days (not UTC: in Japan the day starts 9 hours
   * before it does in UTC). */
  function today() {
    var now = new Date();
    return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map(function (n, i) {
      return String(n).padStart(i ? 2 : 4, "0");
    }).join("-");
  }

  /* A YYYY-MM-DD date as the page's language writes it: 2026年10月31日, 31 October 2026. */
  function longDate(iso, lang) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!parts) return iso;
    var day = new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
    return new Intl.DateTimeFormat(lang === "ja" ? "ja-JP" : "en-GB", { year: "numeric", month: "long", day: "numeric" })
      .format(day);
  }

  function report(record, program, note, issuer, providerUrl) {
    var lang = form.dataset.lang;
    var status = typeof record.status === "string" ? record.status : "";
    var approval = record.approval || {};
    var until = typeof approval.valid_until === "string" ? approval.valid_until : "";
    if ((status === "active" || status === "expiring") && until && until < today()) status = "expired";
    var kind = ["active", "expiring", "expired", "suspended", "withdrawn"].indexOf(status) !== -1 ? status : "other";
    var details = document.createElement("dl");
    details.className = "mc-verify__details";
    var titles = (record.program && record.program.title) || record.title || {};
    var title = typeof titles[lang] === "string" ? titles[lang] : "";
    row(details, text("program"), lang === "ja" ? title + "（" + program + "）" : (title ? title + " " : "") + "(" + program + ")");
    row(details, text("status"), form.dataset["status" + status.charAt(0).toUpperCase() + status.slice(1)] || status);
    // A withdrawn or suspended approval has no validity to speak of: its end date would read as a promise.
    if (until && kind !== "withdrawn" && kind !== "suspended") row(details, text("valid_until"), longDate(until, lang));
    var providerHost = "";
    try { providerHost = providerUrl ? new URL(providerUrl).host.toLowerCase() : ""; } catch (e) { providerHost = ""; }
    if (providerHost) row(details, text("provider_site"), providerHost);
    var caution = null;
    if (issuer) {
      row(details, text("issuer"), issuer);
      if (!sameSite(issuerHost(issuer), providerHost)) {
        caution = document.createElement("p");
        caution.className = "mc-verify__caution";
        caution.dataset.mc = "verify-caution";
        caution.appendChild(fill(text("issuer_mismatch"), { issuer: issuer, host: providerHost || "?" }));
      }
    }
    var links = record.links || {};
    var page = links.page && links.page[lang];
    if (typeof page === "string" && ownUrl(page)) row(details, text("page"), link(local(page), page));
    var certificates = (links.certificates && links.certificates[lang]) || [];
    if (Array.isArray(certificates) && certificates.length) {
      var list = document.createElement("ul");
      certificates.filter(ownUrl).forEach(function (url) {
        var li = document.createElement("li");
        li.appendChild(link(local(url), url.split("/").pop()));
        list.appendChild(li);
      });
      row(details, text("certificates"), list);
    }
    var message = fill(text(kind === "expiring" ? "expiring" : kind), {});
    if (note) {
      var before = document.createElement("span");
      before.appendChild(note);
      before.appendChild(document.createTextNode(" "));
      message.insertBefore(before, message.firstChild);
    }
    show(kind === "expiring" ? "active" : kind, message, details);
    if (caution) result.insertBefore(caution, result.children[1] || null);
  }

  /* The provider's own site (the url of its record in /api/v1/providers/); "" when it cannot be read. */
  function fetchProviderUrl(record) {
    var provider = record.program && record.program.provider;
    if (typeof provider !== "string" || !/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(provider)) {
      return Promise.resolve("");
    }
    return fetch(new URL("api/v1/providers/" + provider + ".jsonld", siteRoot), { credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (data) { return data && typeof data.url === "string" ? data.url : ""; })
      .catch(function () { return ""; });
  }

  function fetchRecord(program) {
    return fetch(new URL("api/v1/programs/" + program + ".json", siteRoot), { credentials: "omit" }).then(function (response) {
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(String(response.status));
      return response.json().then(function (record) { return record && record.id === program ? record : null; });
    });
  }

  var PROGRAM_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\/[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

  function check(raw) {
    var found = achievementId(raw);
    if (found.error) return show("malformed", fill(text(found.error), {}));
    var target = programOf(found.id);
    if (target.error) return show("unknown", fill(text(target.error), target.values));
    fetchRecord(target.program)
      .then(function (record) {
        if (!record) return show("unknown", fill(text("unknown"), { id: target.program }));
        var successor = record.superseded_by;
        if (record.status !== "renamed" || typeof successor !== "string" || !PROGRAM_ID.test(successor)) {
          return fetchProviderUrl(record).then(function (site) {
            report(record, target.program, null, found.issuer, site);
          });
        }
        return fetchRecord(successor).then(function (next) {  // one step: the register refuses loops
          if (!next) return show("unknown", fill(text("unknown"), { id: successor }));
          return fetchProviderUrl(next).then(function (site) {
            report(next, successor, fill(text("renamed"), { id: successor }), found.issuer, site);
          });
        });
      })
      .catch(function () { show("failed", fill(text("failed"), {})); });
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var address = new URL(window.location.href);
    var value = input.value.trim();
    if (/^https?:\/\/\S+$/i.test(value)) address.searchParams.set("achievement", value);
    else address.searchParams.delete("achievement");
    window.history.replaceState(null, "", address);
    check(input.value);
  });
  // Checked on load only when it is an Achievement URL: a whole badge in a link on this site would show the
  // registry's verdict for a badge that someone else wrote and sent.
  var given = new URL(window.location.href).searchParams.get("achievement");
  if (given) {
    input.value = given;
    if (/^https?:\/\/\S+$/i.test(given.trim())) check(given);
  }
})();
