"""Report files built in the background, with progress the user can watch.

With the default task backend (no worker configured) the job runs at once, in the request
that asked for it, as in the demo. With `UTSYN_TASKS_BACKEND=database` it is queued in the
database and built by `manage.py db_worker`, while the page shows how far it has come.
"""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled
from django_tasks import task

from .base import ReportError
from .building import build, make_request
from .models import ReportJob

logger = logging.getLogger(__name__)


def start_job(organisation, user, report, fmt, language, round_id=None):
    """Checks the request (raising `ReportError`), records the job and queues it."""
    request = make_request(organisation, report, fmt, language, round_id)
    job = ReportJob.objects.create(
        organisation=organisation,
        report=request.report,
        format=request.format,
        language=request.language,
        round=request.round,
        filename=request.filename,
        requested_by=user,
    )
    # Queued after the commit, so that a worker never looks for a job that is not saved yet.
    transaction.on_commit(lambda: build_report_job.enqueue(job.pk))
    return job


def _update(job, **fields):
    for name, value in fields.items():
        setattr(job, name, value)
    ReportJob.objects.filter(pk=job.pk).update(**fields)


@task()
def build_report_job(job_id):
    with scopes_disabled():
        job = ReportJob.objects.select_related("organisation", "round").get(pk=job_id)
    with scope(organisation=job.organisation), translation.override(job.language):
        run(job)


def run(job):
    _update(job, status=ReportJob.Status.RUNNING, progress=5, step=_("Starting"))
    try:
        request = make_request(job.organisation, job.report, job.format, job.language, job.round_id)
        built = build(request, lambda percent, step: _update(job, progress=percent, step=step))
    except ReportError as error:
        _fail(job, str(error))
        return
    except Exception:
        logger.exception("Report job %s failed", job.pk)
        _fail(job, _("Something went wrong while building the report. Please try again."))
        return
    job.file.save(request.filename, ContentFile(built.content), save=False)
    _update(
        job,
        file=job.file.name,
        status=ReportJob.Status.DONE,
        progress=100,
        step=_("Ready"),
        finished_at=timezone.now(),
    )


def _fail(job, message):
    _update(job, status=ReportJob.Status.FAILED, error=message, step="", finished_at=timezone.now())
