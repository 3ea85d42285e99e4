import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from utsyn.organisations.unit_tree import UnitChoiceFilter

from .forms import programme_choices
from .models import FundingProgramme, Project, with_parts
from .yearly_plan import FIRST_YEAR, LAST_YEAR, in_plan_year


def _programmes(request):
    return FundingProgramme.objects.for_organisation(request.organisation)


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=Project.Status.choices, label=_("Status"))
    programme = django_filters.ModelChoiceFilter(
        queryset=_programmes,
        method="in_programme",
        label=_("Funding programme"),
        help_text=_("Includes the programme's parts."),
    )
    unit = UnitChoiceFilter(field_name="responsible_unit", label=_("Responsible unit"))
    year = django_filters.NumberFilter(
        method="in_year",
        label=_("Year"),
        help_text=_("Applied for, decided on or running in the year, as in the yearly plan."),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )

    class Meta:
        model = Project
        fields = []

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        for name, form_field in self.form.fields.items():
            if form_field.help_text:
                form_field.widget.attrs["aria-describedby"] = f"id_{name}_help"
        # In tree order; the field still validates against its queryset.
        field = self.form.fields["programme"]
        field.widget.choices = programme_choices(field.queryset, empty_label=field.empty_label)

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(acronym__icontains=word)
                | Q(call_identifier__icontains=word)
                | Q(description__icontains=word)
            )
        return queryset

    def in_programme(self, queryset, name, programme):
        visible = _programmes(self.request).values_list("pk", "parent_id")
        return queryset.filter(programme__in=with_parts(programme.pk, visible))

    def in_year(self, queryset, name, year):
        return queryset.filter(in_plan_year(int(year)))
