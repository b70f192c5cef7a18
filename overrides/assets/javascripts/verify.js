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

  /* The Achievement id named by what was pasted; {error: key} when there is none. */
  function achievementId(raw) {
    var value = raw.trim();
    if (!value) return { error: "empty" };
    if (value.length > MAX_INPUT) return { error: "malformed" };
    if (/^https?:\/\/\S+$/i.test(value)) return { id: value };
    var data;
    if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(value)) {
      try { data = JSON.parse(base64url(value.split(".")[1])); } catch (e) { return { error: "malformed" }; }
      if (data && typeof data.vc === "object") data = data.vc;  // VC-JWT puts the credential in "vc"
    } else {
      try { data = JSON.parse(value); } catch (e) { return { error: "malformed" }; }
    }
    if (!data || typeof data !== "object" || Array.isArray(data)) return { error: "no_achievement" };
    var types = [].concat(data.type || []);
    if (types.indexOf("Achievement") !== -1 && typeof data.id === "string") return { id: data.id };
    var subject = data.credentialSubject;
    var achievement = subject && typeof subject === "object" ? subject.achievement : null;
    if (typeof achievement === "string") return { id: achievement };
    if (achievement && typeof achievement === "object" && typeof achievement.id === "string") return { id: achievement.id };
    return { error: "no_achievement" };
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

  function report(record, program, note) {
    var lang = form.dataset.lang;
    var status = typeof record.status === "string" ? record.status : "";
    var approval = record.approval || {};
    var until = typeof approval.valid_until === "string" ? approval.valid_until : "";
    var today = new Date().toISOString().slice(0, 10);
    if ((status === "active" || status === "expiring") && until && until < today) status = "expired";
    var kind = ["active", "expiring", "expired", "suspended", "withdrawn"].indexOf(status) !== -1 ? status : "other";
    var details = document.createElement("dl");
    details.className = "mc-verify__details";
    var titles = (record.program && record.program.title) || record.title || {};
    var title = titles[lang];
    row(details, text("program"), (typeof title === "string" ? title + " " : "") + "(" + program + ")");
    row(details, text("status"), form.dataset["status" + status.charAt(0).toUpperCase() + status.slice(1)] || status);
    if (until) row(details, text("valid_until"), until);
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
          return report(record, target.program);
        }
        return fetchRecord(successor).then(function (next) {  // one step: the register refuses loops
          if (!next) return show("unknown", fill(text("unknown"), { id: successor }));
          report(next, successor, fill(text("renamed"), { id: successor }));
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
  var given = new URL(window.location.href).searchParams.get("achievement");
  if (given) {
    input.value = given;
    check(given);
  }
})();
