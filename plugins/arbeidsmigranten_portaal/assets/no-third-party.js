/*
 * Material for MkDocs fetches a ResizeObserver polyfill from unpkg.com in browsers that lack
 * ResizeObserver (all browsers since 2020 have it). This site requests nothing from other
 * servers, so such a browser gets this inert stand-in instead: the page still works, only
 * some sticky sidebar sizes stop following the window.
 */
if (typeof window.ResizeObserver === "undefined") {
  window.ResizeObserver = function ResizeObserver() {};
  window.ResizeObserver.prototype.observe = function () {};
  window.ResizeObserver.prototype.unobserve = function () {};
  window.ResizeObserver.prototype.disconnect = function () {};
}
