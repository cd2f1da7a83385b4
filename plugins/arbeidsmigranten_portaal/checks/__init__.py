"""Content checks beyond one file's schema: references between records, privacy, links."""
