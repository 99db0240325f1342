"""The editorial roles' group names, shared by the apps that grant or check them.

The groups themselves, their permissions and the review workflow are created by the
editorial app (editorial/roles.py and its migration); a content app only needs the names.
"""

REDACTION = "Rédaction"
PUBLICATION = "Publication"
LIVRET = "Livret"
FABRIQUES = "Fabriques"
ROLES = (REDACTION, PUBLICATION, LIVRET, FABRIQUES)
