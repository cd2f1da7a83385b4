"""The alliance portal: content records, checks and renderers, independent of any site engine.

Only `mkdocs_plugin` imports MkDocs; everything else is plain Python.
"""

# The one place of the version; CHANGELOG.md says what changed in each.
__version__ = "0.2.0"
