"""The typed records of the portal: the one schema for every YAML file it reads.

The JSON Schemas in site_config/schemas/ are generated from these classes (`portal schemas`),
and the sentences an editor reads for a broken rule are written next to the rule, in Dutch.
Field descriptions are Dutch too: editors see them as tooltips through the JSON Schema.
"""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError


class PortalModel(BaseModel):
    """Strict: no unknown fields (typos), no silent conversion of a number into text."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _https_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme != "https" or not parts.netloc:
        raise PydanticCustomError(
            "https_url",
            "moet een volledig webadres zijn dat begint met https://, zoals https://www.dalfsen.nl/",
        )
    return value.strip()


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


def _email(value: str) -> str:
    if not _EMAIL.match(value.strip()):
        raise PydanticCustomError("email", "moet een e-mailadres zijn, zoals meldpunt@dalfsen.nl")
    return value.strip()


_PHONE = re.compile(r"^\+?[0-9 ()-]{5,20}$")


def _phone(value: str) -> str:
    if not _PHONE.match(value.strip()):
        raise PydanticCustomError(
            "phone", 'moet een telefoonnummer zijn met alleen cijfers en spaties, zoals "14 0529" of "0529 123 456"'
        )
    return value.strip()


HttpsUrl = Annotated[str, AfterValidator(_https_url), Field(json_schema_extra={"pattern": "^https://"})]
Email = Annotated[str, AfterValidator(_email), Field(json_schema_extra={"format": "email"})]
Phone = Annotated[str, AfterValidator(_phone)]
NonEmptyText = Annotated[str, Field(min_length=1)]


class Meldpunt(PortalModel):
    """Where people report a landlord: the meldpunt goed verhuurderschap."""

    form_url: HttpsUrl = Field(description="Adres (https://) van het online meldformulier.")
    phone: Phone | None = Field(default=None, description='Telefoonnummer als tekst, tussen aanhalingstekens: "14 0529".')
    email: Email | None = Field(default=None, description="E-mailadres voor meldingen.")
    example: bool = Field(
        default=False,
        description="true zolang formulier, telefoon en e-mail voorbeelden zijn; de site zegt dat dan erbij.",
    )


class SiteSettings(PortalModel):
    """site_config/site.yml: settings that are content, not code."""

    organisation: NonEmptyText = Field(description="Naam van de organisatie die de site uitgeeft.")
    meldpunt: Meldpunt
