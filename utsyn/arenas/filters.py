import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from utsyn.organisations.unit_tree import UnitChoiceFilter

from .models import Arena, Assessment, Decision, Recommendation, Theme


def _themes(request):
    return Theme.objects.filter(organisation=request.organisation)


class ArenaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=Arena.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=Arena.Status.choices, label=_("Status"))
    unit = UnitChoiceFilter(method="responsible_unit", label=_("Responsible unit"))
    theme = django_filters.ModelChoiceFilter(
        queryset=_themes, field_name="themes", label=_("Theme")
    )
    scope = django_filters.ChoiceFilter(choices=Arena.Scope.choices, label=_("Scope"))
    recommendation = django_filters.ChoiceFilter(
        choices=Recommendation.choices,
        field_name="latest_recommendation",
        label=_("Recommendation"),
    )
    decision = django_filters.ChoiceFilter(
        choices=Decision.Outcome.choices, field_name="latest_decision", label=_("Decision")
    )

    class Meta:
        model = Arena
        fields = []

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(acronym__icontains=word)
                | Q(description__icontains=word)
                | Q(city__icontains=word)
            )
        return queryset

    def responsible_unit(self, queryset, name, unit):
        return queryset.filter(Q(responsible=unit) | Q(operational_unit=unit))


class AssessmentFilter(django_filters.FilterSet):
    """Filters of the list of assessments; the years offered are those assessed in."""

    year = django_filters.ChoiceFilter(
        field_name="assessed_on", lookup_expr="year", label=_("Year")
    )
    recommendation = django_filters.ChoiceFilter(
        choices=Recommendation.choices, label=_("Recommendation")
    )

    class Meta:
        model = Assessment
        fields = []

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        years = Assessment.objects.filter(organisation=request.organisation).dates(
            "assessed_on", "year", order="DESC"
        )
        self.filters["year"].extra["choices"] = [(str(day.year), day.year) for day in years]
