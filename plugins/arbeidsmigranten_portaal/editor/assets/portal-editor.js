/*
 * The portal's part of the editor (/admin/): the records get the portal's YAML format
 * (portal-yaml.js), then Decap CMS starts with the generated config.yml.
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
  var formats = JSON.parse(document.getElementById("portal-editor-formats").textContent);
  Object.keys(formats).forEach(function (name) {
    window.CMS.registerCustomFormat(name, "yml", window.portalYaml.recordFormat(formats[name]));
  });
  window.CMS.init();
})();
