/*
 * YAML as the portal reads it, for the editor (/admin/). Two Decap CMS formats (fromFile, toFile):
 *   window.portalYaml.recordFormat(schemaFile, dateKeys)   a record (sessions, partners, actions)
 *   window.portalYaml.frontMatterFormat(dateKeys)          a page or news post: front matter + Markdown
 *
 * Decap's own YAML writer writes a time as 19:30 and a title "on" without quotes; YAML 1.1 tools
 * (MkDocs, Material, PyYAML) read those as the number 1170 and true, and the portal refuses
 * them. These formats, made with js-yaml, write between quotes every text that a YAML 1.1 or 1.2
 * reader could take for something else: a number, a time, a date, true/false, null, a merge key.
 * Only the fields that hold a date (dateKeys, from the models) are written bare (2027-03-11,
 * 2027-03-11 19:30), which is how the loader and Material's blog want them. Empty fields are left out (an emptied field
 * would otherwise be written as "" and refused). A record's fields come in the order of the form,
 * which is the order of the model; a page's front matter keeps its own order.
 */
(function (root) {
  "use strict";
  var yaml = root.jsyaml;
  // Everything YAML 1.1 resolves to a non-string, beyond what js-yaml's core schema already
  // quotes: sexagesimal numbers (19:30), 1.1 numbers (0o17, 1_000, +.5, 0b1), dates and
  // timestamps, merge and value keys, y/n.
  var ambiguous = [
    /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/,
    /^[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$/,
    /^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$/,
    /^[-+]?[0-9][0-9_]*([eE][-+]?[0-9]+)$/,
    /^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/,
    /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+|$)/,
    /^(<<|=|~|y|Y|n|N|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE|null|Null|NULL)$/,
  ];
  var quoteThese = new yaml.Type("tag:portal,2026:looks-like-something-else", {
    kind: "scalar",
    resolve: function (text) {
      return ambiguous.some(function (pattern) { return pattern.test(text); });
    },
    construct: function (text) { return text; },
  });
  // A date in a date field: written bare (2027-03-11), so that YAML reads it as a date.
  function BareDate(text) { this.text = text; }
  var bareDate = new yaml.Type("tag:portal,2026:bare-date", {
    kind: "scalar",
    resolve: function () { return false; },
    instanceOf: BareDate,
    represent: function (date) { return date.text; },
  });
  var schema = yaml.CORE_SCHEMA.extend({ implicit: [quoteThese, bareDate] });
  // A day, or a day and a time without seconds (which YAML 1.1 does not read as a timestamp).
  var DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{1,2}:[0-9]{2})?$/;

  function isEmpty(value) {
    if (value === null || value === undefined || value === "") return true;
    if (Array.isArray(value)) return value.length === 0;
    if (typeof value === "object" && !(value instanceof BareDate)) return Object.keys(value).length === 0;
    return false;
  }

  function prepared(value, dateKeys, key) {
    if (Array.isArray(value)) {
      return value.map(function (item) { return prepared(item, dateKeys, key); })
        .filter(function (item) { return !isEmpty(item); });
    }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (name) {
        var item = prepared(value[name], dateKeys, name);
        if (!isEmpty(item)) out[name] = item;
      });
      return out;
    }
    if (typeof value === "string") {
      var text = value.replace(/\r\n?/g, "\n");
      return dateKeys.indexOf(key) >= 0 && DAY.test(text) ? new BareDate(text) : text;
    }
    return value;
  }

  function dump(data, sortedKeys, dateKeys) {
    var clean = prepared(data, dateKeys, null), ordered = {};
    (sortedKeys || []).concat(Object.keys(clean)).forEach(function (key) {
      if (key in clean && !(key in ordered)) ordered[key] = clean[key];
    });
    return yaml.dump(ordered, { schema: schema, lineWidth: -1, noRefs: true, quotingType: '"' });
  }

  function load(text) {
    var data = yaml.load(text, { schema: schema });
    return data && typeof data === "object" && !Array.isArray(data) ? data : {};
  }

  function recordFormat(schemaFile, dateKeys) {
    var header = "# yaml-language-server: $schema=../schemas/" + schemaFile + "\n";
    return {
      fromFile: load,
      toFile: function (data, sortedKeys) { return header + dump(data, sortedKeys, dateKeys || []); },
    };
  }

  // --- then the YAML, then --- (or ...), then the page, as MkDocs reads it.
  var FRONT_MATTER = /^---[ \t]*\n([\s\S]*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/;

  function frontMatterFormat(dateKeys) {
    return {
      fromFile: function (text) {
        var match = FRONT_MATTER.exec(text);
        if (!match) return { body: text };
        var data = load(match[1] || "");
        data.body = text.slice(match[0].length);
        return data;
      },
      // The keys stay in the order the page had them (a page is mostly edited, and a review should
      // see only the line that changed); a new key comes last.
      toFile: function (data) {
        var meta = {};
        Object.keys(data).forEach(function (key) { if (key !== "body") meta[key] = data[key]; });
        var body = typeof data.body === "string" ? data.body.replace(/\r\n?/g, "\n") : "";
        var block = dump(meta, [], dateKeys || []);
        return (block.trim() === "{}" ? "" : "---\n" + block + "---\n") + body;
      },
    };
  }

  root.portalYaml = { recordFormat: recordFormat, frontMatterFormat: frontMatterFormat };
})(typeof window !== "undefined" ? window : globalThis);
