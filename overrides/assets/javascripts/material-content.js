/* Material 9.8's inline script after the content (partials/javascripts/content.html), unchanged, as a
 * file: the Content-Security-Policy allows no inline script (mccat.site.csp). */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
