/*
 * YAML as the portal reads it, for the editor (/admin/): window.portalYaml.recordFormat(schema)
 * is a Decap CMS format (fromFile, toFile) for a record (sessions, partners, actions).
 *
 * Decap's own YAML writer writes a time as 19:30 without quotes; YAML 1.1 tools read that as a
 * number (1170) and the portal asks for quotes. This format, made with js-yaml, writes between
 * quotes every text that some YAML reader could take for a number, a time, true/false or null,
 * and leaves empty fields out (an emptied field would otherwise be written as "" and refused).
 * The fields come in the order of the form, which is the order of the model.
 */
(function (root) {
  "use strict";
  var yaml = root.jsyaml;
  // 19:30, 1:02:03: sexagesimal numbers in YAML 1.1.
  var clockLike = new yaml.Type("tag:portal,2026:clock-like", {
    kind: "scalar",
    resolve: function (text) { return /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(text); },
    construct: function (text) { return text; },
  });
  var schema = yaml.CORE_SCHEMA.extend({ implicit: [clockLike] });

  function isEmpty(value) {
    if (value === null || value === undefined || value === "") return true;
    if (Array.isArray(value)) return value.length === 0;
    if (typeof value === "object") return Object.keys(value).length === 0;
    return false;
  }

  function withoutEmpty(value) {
    if (Array.isArray(value)) {
      return value.map(withoutEmpty).filter(function (item) { return !isEmpty(item); });
    }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (key) {
        var item = withoutEmpty(value[key]);
        if (!isEmpty(item)) out[key] = item;
      });
      return out;
    }
    return typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value;
  }

  function recordFormat(schemaFile) {
    var header = "# yaml-language-server: $schema=../schemas/" + schemaFile + "\n";
    return {
      fromFile: function (text) {
        return yaml.load(text, { schema: schema }) || {};
      },
      toFile: function (data, sortedKeys) {
        var clean = withoutEmpty(data), ordered = {};
        (sortedKeys || []).concat(Object.keys(clean)).forEach(function (key) {
          if (key in clean && !(key in ordered)) ordered[key] = clean[key];
        });
        return header + yaml.dump(ordered, { schema: schema, lineWidth: 100, noRefs: true, quotingType: '"' });
      },
    };
  }

  root.portalYaml = { recordFormat: recordFormat };
})(typeof window !== "undefined" ? window : globalThis);
