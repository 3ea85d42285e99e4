"""The report pages: choose a report, read it on screen, have a file built, fetch it."""

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from utsyn.core.concurrency import EditConflict, form_status
from utsyn.core.decorators import organisation_view, require

from .base import REPORT_CLASSES, ReportError, all_reports, report_class
from .building import build_document, closed_rounds, make_request
from .forms import BuildForm, ReportTextsForm
from .jobs import start_job
from .models import ReportJob
from .rendering import document_html
from .texts import save_texts

RECENT_JOBS = 10


def _report_or_404(slug):
    if slug not in REPORT_CLASSES:
        raise Http404
    return report_class(slug)


def _build_form(request, cls, data=None, rounds=None):
    if rounds is None:
        rounds = closed_rounds(request.organisation) if cls.needs_round else ()
    # The index page shows one form per report: ids that name the report keep them unique.
    auto_id = f"id_{cls.slug}_%s"
    return BuildForm(data, organisation=request.organisation, rounds=rounds, auto_id=auto_id)


@organisation_view("organisation.build_reports", read_only=True)
def report_index(request):
    rounds = closed_rounds(request.organisation)
    reports = [
        {"report": cls, "form": _build_form(request, cls, rounds=rounds if cls.needs_round else ())}
        for cls in all_reports()
    ]
    jobs = ReportJob.objects.filter(requested_by=request.user).select_related("round")
    return render(
        request,
        "reports/index.html",
        {"reports": reports, "jobs": jobs[:RECENT_JOBS], "has_closed_rounds": bool(rounds)},
    )


@organisation_view("organisation.build_reports", read_only=True)
def report_show(request, report):
    """The report on screen, in the language and for the round asked for in the query."""
    cls = _report_or_404(report)
    try:
        report_request = make_request(
            request.organisation,
            report,
            "html",
            request.GET.get("language") or None,
            request.GET.get("round") or None,
        )
    except ReportError as error:
        return render(request, "reports/error.html", {"report": cls, "error": error}, status=400)
    document = build_document(report_request)
    form = _build_form(request, cls)
    form.initial = {"language": report_request.language}
    if report_request.round:
        form.initial["round"] = report_request.round.pk
    return render(
        request,
        "reports/show.html",
        {
            "report": cls,
            "report_request": report_request,
            "body": document_html(document),
            "form": form,
            "can_write": request.user.has_perm("organisation.write_reports", request.organisation),
        },
    )


@organisation_view("organisation.build_reports")
def report_build(request, report):
    """The download form on its own page, and what it posts to."""
    cls = _report_or_404(report)
    form = _build_form(request, cls, request.POST if request.method == "POST" else None)
    if not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "reports/build.html", {"report": cls, "form": form}, status=status)
    data = form.cleaned_data
    try:
        job = start_job(
            request.organisation,
            request.user,
            report,
            data["format"],
            data["language"],
            data.get("round"),
        )
    except ReportError as error:
        return render(request, "reports/error.html", {"report": cls, "error": error}, status=400)
    return redirect("reports:job", organisation=request.organisation.slug, pk=job.pk)


def _job(request, pk):
    job = get_object_or_404(ReportJob.objects.select_related("round"), pk=pk)
    require(request, "report_job.view", job)
    return job


@organisation_view("organisation.build_reports", read_only=True)
def job_detail(request, pk):
    job = _job(request, pk)
    template = (
        "reports/_job_status.html" if request.headers.get("HX-Request") else "reports/job.html"
    )
    return render(request, template, {"job": job, "report": report_class(job.report)})


@organisation_view("organisation.build_reports", read_only=True)
def job_download(request, pk):
    job = _job(request, pk)
    if job.status != ReportJob.Status.DONE or not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)


@organisation_view("organisation.write_reports")
def report_texts(request, report):
    cls = _report_or_404(report)
    if not cls.user_sections:
        raise Http404
    texts = cls(request.organisation).user_texts()
    form = ReportTextsForm(
        request.POST or None,
        sections=cls.user_sections,
        texts=texts,
        organisation=request.organisation,
        report=report,
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.check_concurrency()
                save_texts(request.organisation, report, form.texts(), request.user)
        except EditConflict:
            pass
        else:
            messages.success(request, _("Saved."))
            return redirect("reports:show", organisation=request.organisation.slug, report=report)
    return render(
        request, "reports/texts.html", {"report": cls, "form": form}, status=form_status(form)
    )
