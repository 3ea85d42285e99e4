import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from utsyn.organisations.unit_tree import UnitChoiceFilter

from .models import Activity, DelegationRequest


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=Activity.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=Activity.Status.choices, label=_("Status"))
    year = django_filters.ChoiceFilter(field_name="starts_on", lookup_expr="year", label=_("Year"))
    unit = UnitChoiceFilter(field_name="responsible_unit", label=_("Responsible unit"))

    class Meta:
        model = Activity
        fields = []

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # The years offered are those in which activities start (one query).
        years = Activity.objects.filter(organisation=request.organisation).dates(
            "starts_on", "year", order="DESC"
        )
        self.filters["year"].extra["choices"] = [(str(day.year), day.year) for day in years]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(place__icontains=word)
                | Q(city__icontains=word)
                | Q(counterpart_text__icontains=word)
                | Q(purpose__icontains=word)
            )
        return queryset


class RequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=DelegationRequest.Status.choices, label=_("Status")
    )

    class Meta:
        model = DelegationRequest
        fields = []
