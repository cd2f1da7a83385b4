"""Pure renderers: records in, Markdown/HTML fragments, calendar files and JSON out."""
