from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

FORMAT_LABELS = {
    "html": _("Web page (HTML)"),
    "pdf": _("PDF"),
    "docx": _("Word (DOCX)"),
    "xlsx": _("Excel (XLSX)"),
    "csv": _("CSV"),
}


def language_choices(organisation):
    """The organisation's own language, and English."""
    names = dict(settings.LANGUAGES)
    codes = [organisation.language] + (["en"] if organisation.language != "en" else [])
    return [(code, names[code]) for code in codes]


class BuildForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=list(FORMAT_LABELS.items()))
    language = forms.ChoiceField(label=_("Language"))
    round = forms.TypedChoiceField(
        label=_("Follow-up round"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, organisation, rounds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices(organisation)
        self.fields["language"].initial = organisation.language
        if rounds:
            self.fields["round"].choices = [(r.pk, r.name) for r in rounds]
            self.fields["round"].required = True
        else:
            del self.fields["round"]


class ReportTextsForm(forms.Form):
    """One text area per section the user writes."""

    def __init__(self, *args, sections, texts, **kwargs):
        super().__init__(*args, **kwargs)
        for key, heading in sections.items():
            self.fields[key] = forms.CharField(
                label=heading,
                required=False,
                initial=texts.get(key, ""),
                widget=forms.Textarea(attrs={"rows": 8}),
                max_length=20000,
            )
