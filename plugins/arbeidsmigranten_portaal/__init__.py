"""The alliance portal: content records, checks and renderers, independent of any site engine.

Only `mkdocs_plugin` imports MkDocs; everything else is plain Python.
"""

__version__ = "0.1.0"
