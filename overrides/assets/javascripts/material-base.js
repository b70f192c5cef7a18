/* Material 9.8's inline head script (partials/javascripts/base.html), unchanged but for where the
 * scope comes from: the data-md-scope attribute of this script's tag (overrides/partials/javascripts/base.html).
 * A file, not inline, so the Content-Security-Policy allows no inline script (mccat.site.csp). */
__md_scope=new URL(document.currentScript.getAttribute("data-md-scope"),location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}

/* Material's bundle downloads sitemap.xml beside every <link rel="alternate"> of the head, to redirect
 * language links: both language sitemaps (megabytes for a large catalogue) and a 404 beside each page's
 * own alternates and JSON-LD link, on every page view. The language switch here already links to the
 * same page (overrides/partials/alternate.html), so those downloads are answered as failed without
 * touching the network; Material then keeps its links as they are. Nothing else fetches a sitemap. */
(function () {
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send, skip = new WeakSet();
  XMLHttpRequest.prototype.open = function (method, url) {
    if (/\/sitemap\.xml$/.test(new URL(url, location.href).pathname)) skip.add(this);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!skip.has(this)) return send.apply(this, arguments);
    var request = this;
    setTimeout(function () { request.dispatchEvent(new ProgressEvent("error")); });
  };
})();
