/*
 * The portal's part of the editor (/admin/): the records and the pages get the portal's YAML
 * formats (portal-yaml.js), then Decap CMS starts with the generated config.yml.
 */
(function () {
  "use strict";
  // Words Decap's Dutch translation lacks, so that screen readers do not hear English ("Expand",
  // "Set start to now"); a name that starts with the button's visible text ("Nu") is what WCAG
  // 2.5.3 asks. Only missing words are added: Decap's own Dutch stays.
  var missing = {
    editor: { editorWidgets: {
      datetime: { setToNow: "Nu invullen bij %{fieldLabel}" },
      object: { expand: "Openklappen", collapse: "Dichtklappen" },
      markdown: { toggleMode: { rich: "Opgemaakte tekst", raw: "Markdown" } },
    } },
    ui: { settingsDropdown: { account: "Accountmenu" } },
  };
  function fill(target, extra) {
    Object.keys(extra).forEach(function (key) {
      if (typeof extra[key] === "object") {
        target[key] = target[key] || {};
        fill(target[key], extra[key]);
      } else if (!(key in target)) {
        target[key] = extra[key];
      }
    });
    return target;
  }
  window.CMS.registerLocale("nl", fill(window.CMS.getLocale("nl") || {}, missing));
  // Decap's icon buttons in a list item's bar (fold, drag, remove), its Markdown box and its
  // preview have no name at all; give them one as they appear (WCAG 4.1.2).
  var unnamed = [
    ['[class*="TopBarButton"]:first-child', "Openklappen of dichtklappen"],
    ['[class*="TopBarButton"]:last-child', "Verwijderen"],
    ['[aria-roledescription="sortable"]', "Verslepen om de volgorde te veranderen"],
  ];
  function labelOf(element) {
    for (var parent = element.parentElement; parent; parent = parent.parentElement) {
      var label = parent.querySelector("label");
      if (label) return label.textContent.trim();
    }
    return "";
  }
  function nameButtons() {
    unnamed.forEach(function (rule) {
      document.querySelectorAll(rule[0]).forEach(function (button) {
        if (!button.getAttribute("aria-label") && !button.textContent.trim()) button.setAttribute("aria-label", rule[1]);
      });
    });
    // The Markdown box (a Slate editor) is not tied to its field's label; the preview has no title.
    document.querySelectorAll('[role="textbox"][data-slate-editor]:not([aria-label])').forEach(function (box) {
      box.setAttribute("aria-label", labelOf(box) || "Tekst");
    });
    document.querySelectorAll("iframe#preview-pane:not([title])").forEach(function (frame) {
      frame.setAttribute("title", "Voorbeeld van de tekst");
    });
  }
  new MutationObserver(nameButtons).observe(document.body, { childList: true, subtree: true });

  var formats = JSON.parse(document.getElementById("portal-editor-formats").textContent);
  Object.keys(formats.records).forEach(function (name) {
    window.CMS.registerCustomFormat(name, "yml", window.portalYaml.recordFormat(formats.records[name], formats.dateKeys));
  });
  window.CMS.registerCustomFormat(formats.frontMatter, "md", window.portalYaml.frontMatterFormat(formats.dateKeys));
  window.CMS.init();
})();
