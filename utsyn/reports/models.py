"""What Utsyn keeps of reports: the user's own texts, and the files built in the background."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from utsyn.core.bounds import DATE_RANGE
from utsyn.core.models import OrganisationOwned


class ReportText(OrganisationOwned):
    """A section written by the user (e.g. the VLR's methodology), kept between builds."""

    report = models.CharField(_("report"), max_length=40)
    key = models.CharField(_("section"), max_length=40)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("report text")
        verbose_name_plural = _("report texts")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "report", "key"], name="one_text_per_report_section"
            )
        ]

    def __str__(self):
        return f"{self.report}: {self.key}"


def _job_file_path(job, filename):
    return f"reports/{job.organisation_id}/{job.pk}/{filename}"


class ReportJob(OrganisationOwned):
    """One request to build a report file, followed from the queue to the download."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    report = models.CharField(_("report"), max_length=40)
    format = models.CharField(_("format"), max_length=10)
    language = models.CharField(_("language"), max_length=5)
    round = models.ForeignKey(
        "followup.Round",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up round"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("requested by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    filename = models.CharField(_("file name"), max_length=200)
    file = models.FileField(_("file"), upload_to=_job_file_path, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, validators=DATE_RANGE)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")

    def __str__(self):
        return f"{self.report}.{self.format}"

    @property
    def is_finished(self):
        return self.status in {self.Status.DONE, self.Status.FAILED}
