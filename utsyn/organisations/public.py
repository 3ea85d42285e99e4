"""What the published pages share."""


def public_language(request):
    """The organisation's own language or, on request (`?language=en`), English."""
    return "en" if request.GET.get("language") == "en" else request.organisation.language
