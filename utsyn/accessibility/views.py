"""The accessibility statement that Norwegian and Swedish law ask of public websites.

Norway: likestillings- og diskrimineringsloven § 18 and the regulations on universal design of
ICT (forskrift om universell utforming av IKT-løsninger), which take in the Web Accessibility
Directive; public bodies also publish their statement in uustatus. Sweden: lagen (2018:1937) om
tillgänglighet till digital offentlig service, with the model statement of DIGG. Both ask for
the standard followed, the compliance status with the known deviations, how it was assessed,
a way to give feedback and the supervisory authority to complain to.
"""

import datetime

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from utsyn.core.decorators import public_view

# The date the statement was last checked against the pages and the test results; change it
# when the statement is reviewed again.
LAST_REVIEWED = datetime.date(2026, 11, 21)

COUNTRIES = ("NO", "SE")


def _render(request, countries):
    return render(
        request,
        "accessibility/statement.html",
        {
            "countries": countries,
            "contact": settings.UTSYN_ACCESSIBILITY_CONTACT,
            "last_reviewed": LAST_REVIEWED,
        },
    )


@require_safe
def statement(request):
    """The deployment's statement: the laws of both countries apply to it."""
    return _render(request, COUNTRIES)


@public_view(read_only=True)
def organisation_statement(request):
    """One organisation's statement, under the law of its own country."""
    country = request.organisation.country.code
    return _render(request, (country,) if country in COUNTRIES else COUNTRIES)
