from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from utsyn.audit.editing import confirm_and_bin, form_page
from utsyn.audit.services import history
from utsyn.core.decorators import organisation_view, require
from utsyn.core.exports import rows_of, table_response
from utsyn.money.conversion import Converter
from utsyn.money.models import ExchangeRate
from utsyn.plans.models import PlanItem

from .forms import (
    ExchangeRateForm,
    ProgrammeForm,
    ProjectDocumentForm,
    ProjectForm,
    ProjectPartnerForm,
)
from .lists import PROJECTS
from .models import FundingProgramme, Project, ProjectDocument, ProjectPartner, programme_tree
from .tables import AMOUNT_FIELDS, converted, missing_rate
from .yearly_plan import FIRST_YEAR, LAST_YEAR, PlanYearForm, plan_columns, plan_rows, planned_in

# -------------------------------------------------------------------------------- projects


project_list = PROJECTS.page
project_export = PROJECTS.download


@organisation_view(read_only=True)
def project_detail(request, pk):
    project = get_object_or_404(
        Project.objects.select_related("programme__parent", "responsible_unit").prefetch_related(
            "contact_persons",
            "arenas",
            "sdg_goals",
            "sdg_targets",
            "partners",
            "documents",
            Prefetch("plan_items", queryset=PlanItem.objects.select_related("plan")),
        ),
        pk=pk,
    )
    converter = Converter(request.organisation)
    amounts = [
        (
            Project._meta.get_field(name).verbose_name,
            getattr(project, name),
            converted(converter, project, getattr(project, name)),
        )
        for name in AMOUNT_FIELDS
    ]
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "amounts": amounts,
            "reporting_currency": converter.currency,
            "conversion_year": project.conversion_year(),
            "missing_rate": missing_rate(converter, project),
            "history": history(project),
            "can_change": request.user.has_perm("project.change", project),
            "can_delete": request.user.has_perm("project.delete", project),
        },
    )


def _to_project(request):
    def on_saved(obj):
        project = obj if isinstance(obj, Project) else obj.project
        return redirect("projects:detail", organisation=request.organisation.slug, pk=project.pk)

    return on_saved


def _saved_project(request):
    """Goes to the saved project, warning when its amounts cannot be converted."""
    to_project = _to_project(request)

    def on_saved(project):
        warning = missing_rate(Converter(request.organisation), project)
        if warning:
            messages.warning(request, warning)
        return to_project(project)

    return on_saved


@organisation_view("organisation.add_project")
def project_create(request):
    form = ProjectForm(
        request.POST or None,
        organisation=request.organisation,
        user=request.user,
    )
    return form_page(request, form, "projects/project_form.html", {}, _saved_project(request))


@organisation_view()
def project_edit(request, pk):
    project = get_object_or_404(Project, pk=pk)
    require(request, "project.change", project)
    form = ProjectForm(
        request.POST or None,
        instance=project,
        organisation=request.organisation,
        user=request.user,
    )
    return form_page(
        request, form, "projects/project_form.html", {"project": project}, _saved_project(request)
    )


@organisation_view()
def project_delete(request, pk):
    project = get_object_or_404(Project, pk=pk)
    require(request, "project.delete", project)
    return _confirm_and_bin(
        request, project, project, reverse("projects:list", args=[request.organisation.slug])
    )


def _confirm_and_bin(request, obj, project, next_url=None):
    """The delete page of a project or of a part of it, reached from the project's page."""
    return confirm_and_bin(
        request,
        obj,
        back_url=_project_url(request, project),
        back_label=project.title,
        next_url=next_url,
    )


def _project_url(request, project):
    return reverse("projects:detail", args=[request.organisation.slug, project.pk])


# ------------------------------------------------------------------------ partners, documents


def _changeable_project(request, project_pk):
    project = get_object_or_404(Project, pk=project_pk)
    require(request, "project.change", project)
    return project


@organisation_view()
def partner_form(request, project_pk, pk=None):
    project = _changeable_project(request, project_pk)
    partner = get_object_or_404(ProjectPartner, pk=pk, project=project) if pk else None
    form = ProjectPartnerForm(
        request.POST or None, instance=partner, organisation=request.organisation
    )
    return form_page(
        request,
        form,
        "projects/project_part_form.html",
        {"project": project, "title": _("Partner")},
        _to_project(request),
        project=project,
    )


@organisation_view()
def partner_delete(request, project_pk, pk):
    project = _changeable_project(request, project_pk)
    partner = get_object_or_404(ProjectPartner, pk=pk, project=project)
    return _confirm_and_bin(request, partner, project)


@organisation_view()
def document_create(request, project_pk):
    project = _changeable_project(request, project_pk)
    form = ProjectDocumentForm(
        request.POST or None, request.FILES or None, organisation=request.organisation
    )
    return form_page(
        request,
        form,
        "projects/project_part_form.html",
        {"project": project, "title": _("Upload a document"), "multipart": True},
        _to_project(request),
        project=project,
    )


@organisation_view(read_only=True)
def document_download(request, project_pk, pk):
    document = get_object_or_404(ProjectDocument, pk=pk, project=project_pk)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404(_("The file is no longer stored.")) from error
    return FileResponse(handle, as_attachment=True, filename=document.filename or "document")


@organisation_view()
def document_delete(request, project_pk, pk):
    project = _changeable_project(request, project_pk)
    document = get_object_or_404(ProjectDocument, pk=pk, project=project)
    return _confirm_and_bin(request, document, project)


# ------------------------------------------------------------------------ the yearly plan


def _plan_year(year):
    if year is None:
        return timezone.localdate().year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


def _plan(request, year):
    converter = Converter(request.organisation)
    rows, totals = plan_rows(planned_in(Project.objects.all(), year), converter, year)
    return plan_columns(converter.currency), rows, totals


@organisation_view(read_only=True)
def project_plan(request, year=None):
    """The projects applied for, decided on or running in a year; the current year without one.
    The page's year form (`?year=`) goes to the year asked for, or says why it cannot."""
    year = _plan_year(year)
    year_form = PlanYearForm(request.GET if "year" in request.GET else None)
    if year_form.is_bound and year_form.is_valid():
        wanted = year_form.cleaned_data["year"]
        return redirect("projects:plan", organisation=request.organisation.slug, year=wanted)
    if not year_form.is_bound:
        year_form = PlanYearForm(initial={"year": year})
    columns, rows, totals = _plan(request, year)
    response = render(
        request,
        "projects/project_plan.html",
        {
            "year": year,
            "year_form": year_form,
            "previous_year": year - 1 if year > FIRST_YEAR else None,
            "next_year": year + 1 if year < LAST_YEAR else None,
            "columns": columns,
            "rows": list(zip(rows, rows_of(columns, rows), strict=True)),
            "totals": list(rows_of(columns, totals)),
            "can_add": request.user.has_perm("organisation.add_project", request.organisation),
        },
    )
    if year_form.is_bound:
        response.status_code = 400  # the year asked for was refused; the page says why
    return response


@organisation_view(read_only=True)
def project_plan_export(request, year, fmt):
    year = _plan_year(year)
    columns, rows, totals = _plan(request, year)
    title = _("Project plan %(year)s") % {"year": year}
    return table_response(fmt, columns, rows + totals, title)


# ----------------------------------------------------------------------------- programmes


@organisation_view(read_only=True)
def programme_list(request):
    programmes = FundingProgramme.objects.for_organisation(request.organisation).select_related(
        "parent"
    )
    return render(
        request,
        "projects/programme_list.html",
        {
            "programmes": [
                (programme, depth, "\u2013 " * depth)
                for programme, depth in programme_tree(programmes)
            ],
            "can_manage": request.user.has_perm(
                "organisation.manage_programmes", request.organisation
            ),
        },
    )


def _own_programme(pk):
    # The shared list is read-only: only the organisation's own programmes are found here.
    return get_object_or_404(FundingProgramme, pk=pk, organisation__isnull=False)


def _to_programmes(request):
    return lambda obj: redirect("projects:programmes", organisation=request.organisation.slug)


@organisation_view("organisation.manage_programmes")
def programme_form(request, pk=None):
    programme = _own_programme(pk) if pk else None
    form = ProgrammeForm(
        request.POST or None, instance=programme, organisation=request.organisation
    )
    return form_page(
        request,
        form,
        "projects/simple_form.html",
        {
            "title": _("Edit %(name)s") % {"name": programme.localized_name}
            if programme
            else _("New funding programme"),
            "back_url_name": "projects:programmes",
        },
        _to_programmes(request),
    )


@organisation_view("organisation.manage_programmes")
def programme_delete(request, pk):
    return _confirm_and_bin_listed(
        request, _own_programme(pk), "projects:programmes", _("Funding programmes")
    )


def _confirm_and_bin_listed(request, obj, list_url_name, list_title):
    """The delete page of a row of a list page (programmes, rates): back to the list."""
    list_url = reverse(list_url_name, args=[request.organisation.slug])
    return confirm_and_bin(request, obj, back_url=list_url, back_label=list_title)


# -------------------------------------------------------------------------- exchange rates


@organisation_view("organisation.manage_rates", read_only=True)
def rate_list(request):
    converter = Converter(request.organisation)
    return render(
        request,
        "projects/rate_list.html",
        {
            "rates": ExchangeRate.objects.filter(organisation=request.organisation),
            "reporting_currency": converter.currency,
        },
    )


@organisation_view("organisation.manage_rates")
def rate_form(request, pk=None):
    rate = get_object_or_404(ExchangeRate, pk=pk) if pk else None
    form = ExchangeRateForm(
        request.POST or None,
        instance=rate,
        organisation=request.organisation,
        initial=None if rate else {"year": timezone.localdate().year},
    )
    return form_page(
        request,
        form,
        "projects/simple_form.html",
        {
            "title": _("Exchange rate") if rate else _("New exchange rate"),
            "lead": _("Rates convert amounts into %(currency)s, the reporting currency.")
            % {"currency": form.reporting_currency},
            "back_url_name": "projects:rates",
        },
        lambda obj: redirect("projects:rates", organisation=request.organisation.slug),
    )


@organisation_view("organisation.manage_rates")
def rate_delete(request, pk):
    rate = get_object_or_404(ExchangeRate, pk=pk)
    return _confirm_and_bin_listed(request, rate, "projects:rates", _("Exchange rates"))
