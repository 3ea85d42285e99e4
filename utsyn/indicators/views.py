from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from utsyn.audit.editing import confirm_and_bin, form_page
from utsyn.audit.services import history
from utsyn.core.decorators import organisation_view, require

from .forms import IndicatorForm, TargetForm, ValueForm
from .lists import INDICATORS
from .models import Indicator, IndicatorTarget, IndicatorValue
from .queries import indicators_with_figures

indicator_list = INDICATORS.page
indicator_export = INDICATORS.download


def _item_links(request, items):
    """(item, URL or None) pairs. The plan item page may not exist yet: then no links."""
    try:
        return [
            (
                item,
                reverse(
                    "overview:item_detail",
                    kwargs={"organisation": request.organisation.slug, "pk": item.pk},
                ),
            )
            for item in items
        ]
    except NoReverseMatch:
        return [(item, None) for item in items]


@organisation_view(read_only=True)
def indicator_detail(request, pk):
    indicator = get_object_or_404(indicators_with_figures(), pk=pk)
    return render(
        request,
        "indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "items": _item_links(request, indicator.items.all()),
            "targets": list(indicator.targets.all()),
            "values": indicator.sorted_values(),
            "history": history(indicator),
            "can_change": request.user.has_perm("indicator.change", indicator),
            "can_delete": request.user.has_perm("indicator.delete", indicator),
        },
    )


_form_page = form_page


def _to_indicator(request):
    return lambda obj: redirect(_detail_url(request, getattr(obj, "indicator_id", obj.pk)))


def _detail_url(request, pk):
    return reverse(
        "indicators:detail", kwargs={"organisation": request.organisation.slug, "pk": pk}
    )


@organisation_view("organisation.add_indicator")
def indicator_create(request):
    form = IndicatorForm(request.POST or None, organisation=request.organisation, user=request.user)
    return _form_page(request, form, "indicators/indicator_form.html", {}, _to_indicator(request))


def _changeable_indicator(request, pk):
    indicator = get_object_or_404(Indicator, pk=pk)
    require(request, "indicator.change", indicator)
    return indicator


@organisation_view()
def indicator_edit(request, pk):
    indicator = _changeable_indicator(request, pk)
    form = IndicatorForm(
        request.POST or None,
        instance=indicator,
        organisation=request.organisation,
        user=request.user,
    )
    return _form_page(
        request,
        form,
        "indicators/indicator_form.html",
        {"indicator": indicator},
        _to_indicator(request),
    )


def _confirm_and_bin(request, obj, indicator, question=None, next_url=None):
    """The delete page of an indicator or of a part of it, reached from the indicator's page."""
    return confirm_and_bin(
        request,
        obj,
        back_url=_detail_url(request, indicator.pk),
        back_label=indicator.name,
        next_url=next_url,
        question=question,
    )


@organisation_view()
def indicator_delete(request, pk):
    indicator = get_object_or_404(Indicator, pk=pk)
    require(request, "indicator.delete", indicator)
    return _confirm_and_bin(
        request,
        indicator,
        indicator,
        next_url=reverse("indicators:list", kwargs={"organisation": request.organisation.slug}),
    )


@organisation_view()
def target_create(request, pk):
    indicator = _changeable_indicator(request, pk)
    form = TargetForm(request.POST or None, organisation=request.organisation, indicator=indicator)
    return _form_page(
        request,
        form,
        "indicators/indicator_part_form.html",
        {"indicator": indicator, "title": _("New target")},
        _to_indicator(request),
        indicator=indicator,
    )


@organisation_view()
def target_delete(request, pk, target_pk):
    indicator = _changeable_indicator(request, pk)
    target = get_object_or_404(IndicatorTarget, pk=target_pk, indicator=indicator)
    return _confirm_and_bin(
        request,
        target,
        indicator,
        _("Delete the target for %(year)s?") % {"year": target.year},
    )


@organisation_view()
def value_form(request, pk, value_pk=None):
    indicator = _changeable_indicator(request, pk)
    value = (
        get_object_or_404(IndicatorValue, pk=value_pk, indicator=indicator) if value_pk else None
    )
    form = ValueForm(
        request.POST or None,
        instance=value,
        organisation=request.organisation,
        indicator=indicator,
    )
    return _form_page(
        request,
        form,
        "indicators/indicator_part_form.html",
        {
            "indicator": indicator,
            "title": _("Edit observed value") if value else _("New observed value"),
        },
        _to_indicator(request),
        indicator=indicator,
    )


@organisation_view()
def value_delete(request, pk, value_pk):
    indicator = _changeable_indicator(request, pk)
    value = get_object_or_404(IndicatorValue, pk=value_pk, indicator=indicator)
    return _confirm_and_bin(
        request,
        value,
        indicator,
        _("Delete the value for %(period)s?") % {"period": value.label},
    )
