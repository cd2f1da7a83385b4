/*
 * Copy buttons beside an e-mail address and subject (registration through the griffie): not
 * every reader has a mail program that opens on a mailto: link. The page holds only the text
 * (data-portal-copy names the button); without JavaScript there is no button, and the text can
 * be selected as usual.
 */
(function (doc) {
  "use strict";

  var all = doc.querySelectorAll('script#portal-labels[type="application/json"]');
  var labels = all.length ? JSON.parse(all[all.length - 1].textContent) : {};
  var done = labels["registration.copied"] || "";

  function selectText(el) {
    var range = doc.createRange();
    range.selectNodeContents(el);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  Array.prototype.forEach.call(doc.querySelectorAll("[data-portal-copy]"), function (source) {
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "portal-copy";
    button.textContent = source.getAttribute("data-portal-copy");
    var status = doc.createElement("span");
    status.className = "portal-copy__status";
    status.setAttribute("role", "status");
    source.insertAdjacentElement("afterend", status);
    source.insertAdjacentElement("afterend", button);
    button.addEventListener("click", function () {
      var shown = function () { status.textContent = done; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.textContent).then(shown, function () { selectText(source); });
      } else {
        // Without the clipboard API (a page over http:// other than localhost): select the text,
        // so that Ctrl+C copies it.
        selectText(source);
      }
    });
  });
})(document);
