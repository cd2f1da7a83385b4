"""Every kind of page of the portal, by address: what the browser tests, the screenshots and
Lighthouse look at. With the site built at BUILD_NOW, each session page is in the state its
name says."""

BUILD_NOW = "2026-11-28 12:00"

PAGES = {
    "home": "",
    "content page": "begrippen/",
    "ambition": "aanpak/goede-huisvesting/",
    "meldpunt": "meldpunt/",
    "calendar": "kennissessies/",
    "calendar per audience": "kennissessies/ondernemers/",
    "session open": "kennissessies/2027-01-goed-verhuurderschap/",
    "session closing soon": "kennissessies/2026-12-wonen-op-vakantieparken/",
    "session closed": "kennissessies/2026-12-units-op-het-erf/",
    "session full": "kennissessies/2027-03-eerlijk-werk-via-uitzendbureau/",
    "session moved": "kennissessies/2027-04-samenwerken-in-de-regio/",
    "session cancelled": "kennissessies/2027-02-gezondheid-en-welzijn/",
    "session past": "kennissessies/2026-10-signalen-arbeidsuitbuiting/",
    "session for raadsleden": "kennissessies/2027-02-stand-van-de-aanpak/",
    "partner directory": "alliantie/",
    "partner": "alliantie/gemeente-dalfsen/",
    "news list": "nieuws/",
    "news post": "nieuws/2024/03/14/controle-kleinschalige-woonlocatie/",
    "good example": "goede-voorbeelden/huisvesting-op-maat/",
    "open data": "open-data/",
    "for raadsleden": "voor-raadsleden/",
    "voortgang": "voortgang/",
    "404": "deze-pagina-bestaat-niet/",
    "home in English": "en/",
    "calendar in English": "en/kennissessies/",
    "session in English": "en/kennissessies/2027-01-goed-verhuurderschap/",
    "meldpunt in English": "en/meldpunt/",
    "voortgang in English": "en/voortgang/",
    "meldpunt in Polish": "pl/meldpunt/",
    "meldpunt in Romanian": "ro/meldpunt/",
    "meldpunt in Bulgarian": "bg/meldpunt/",
    "rights in Polish": "pl/rechten/",
}

# One page per template, for measurements that take long per page (Lighthouse).
ONE_PER_TEMPLATE = ["home", "content page", "meldpunt", "calendar", "session open", "partner directory",
                    "partner", "news list", "news post"]
