"""The UN Sustainable Development Goals and their targets: reference data shared by everyone.

The rows are loaded by a data migration and never edited in the app. Their primary keys are
their official numbers ("11", "11.3", "17.a"), so exports and imports name them directly.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _language_suffix():
    # Bokmål titles serve nynorsk readers too: the official translations exist in bokmål only.
    language = (get_language() or "en").split("-")[0]
    return {"nb": "nb", "nn": "nb", "no": "nb", "sv": "sv"}.get(language, "en")


class Goal(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    short_en = models.CharField(max_length=100)
    short_nb = models.CharField(max_length=100)
    short_sv = models.CharField(max_length=100)
    title_en = models.CharField(max_length=300)
    title_nb = models.CharField(max_length=300)
    title_sv = models.CharField(max_length=300)
    colour = models.CharField(max_length=7, help_text="The goal's official colour, #rrggbb.")

    class Meta:
        ordering = ["number"]
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")

    def __str__(self):
        return f"{self.number}. {self.short}"

    @property
    def short(self):
        return getattr(self, f"short_{_language_suffix()}")

    @property
    def title(self):
        return getattr(self, f"title_{_language_suffix()}")


class Target(models.Model):
    code = models.CharField(_("code"), max_length=6, primary_key=True)
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="targets", verbose_name=_("goal")
    )
    position = models.PositiveSmallIntegerField(help_text="Order within the goal.")
    title_en = models.TextField()
    title_nb = models.TextField()
    title_sv = models.TextField()

    class Meta:
        ordering = ["goal", "position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self):
        return self.code

    @property
    def title(self):
        return getattr(self, f"title_{_language_suffix()}")
