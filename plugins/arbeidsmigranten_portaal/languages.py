"""The languages the portal knows, each named in its own language.

Its own module: the records (model.py) and the site's addresses (urls.py) both need the list.
"""

# A Polish reader looks for "Polski", not for "Pools". The codes are ISO 639-1.
LANGUAGE_NAMES: dict[str, str] = {
    "nl": "Nederlands", "en": "English", "de": "Deutsch", "fr": "Français", "pl": "Polski",
    "ro": "Română", "bg": "Български", "lt": "Lietuvių", "lv": "Latviešu", "hu": "Magyar",
    "sk": "Slovenčina", "cs": "Čeština", "pt": "Português", "es": "Español", "it": "Italiano",
    "uk": "Українська", "ru": "Русский", "tr": "Türkçe", "hr": "Hrvatski", "el": "Ελληνικά",
}
