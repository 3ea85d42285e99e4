from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "utsyn.reports"
    verbose_name = _("Reports")

    def ready(self):
        # Each report registers itself when its module is imported.
        from . import annual, arena_review, vlr  # noqa: F401
