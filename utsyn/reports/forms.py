from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from utsyn.audit.models import LogEntry
from utsyn.core.concurrency import ConcurrencyMixin
from utsyn.organisations.models import Organisation

from .models import ReportText

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


class ReportTextsForm(ConcurrencyMixin, forms.Form):
    """One text area per section the user writes.

    Refused like any edit form when someone else changed a section after the form was opened.
    """

    def __init__(self, *args, sections, texts, organisation, report, **kwargs):
        self.sections = sections
        self.organisation = organisation
        self.report = report
        super().__init__(*args, **kwargs)
        for key, heading in sections.items():
            self.fields[key] = forms.CharField(
                label=heading,
                required=False,
                initial=texts.get(key, ""),
                widget=forms.Textarea(attrs={"rows": 8}),
                max_length=20000,
            )

    def texts(self):
        """{section key: text} of the valid form."""
        return {key: self.cleaned_data[key] for key in self.sections}

    # The state the form is about: every section of the report, whether written yet or not.

    def state_key(self):
        return f"reports.reporttext:{self.organisation.pk}:{self.report}"

    def read_state(self, lock):
        if lock:
            # Locking the organisation serialises saving its texts, also of sections no row
            # exists for yet.
            list(Organisation.objects.select_for_update().filter(pk=self.organisation.pk))
        texts = dict(self._rows().values_list("key", "text"))
        return {key: texts.get(key, "") for key in self.sections}

    def state_label(self, name):
        return str(self.sections.get(name, name))

    def state_display(self, name, raw):
        return raw or "–"

    def state_log(self, name):
        return LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ReportText),
            object_id__in=self._rows().filter(key=name).values("pk"),
        )

    def _rows(self):
        return ReportText.objects.filter(organisation=self.organisation, report=self.report)
