"""The regional calendar: this site's sessions together with other sites' open data.

Each municipality stays the owner of its sessions: the regional calendar shows them and links to
the session page on the source site, where people register. Engine-independent, like render/.
"""
