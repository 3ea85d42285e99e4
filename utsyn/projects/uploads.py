"""Uploaded project documents: what is accepted, and where it is stored.

Files are stored under MEDIA_ROOT in `projects/<organisation id>/`, under a random name that
keeps only the extension; the original name is kept on the row for the download. No URL ever
points at MEDIA_ROOT: files are served by the permission-checked download view only.
"""

import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

ALLOWED_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "txt", "png", "jpg"]
MAX_SIZE = 20 * 1024 * 1024  # 20 MB

ZIP = b"PK\x03\x04"
# How each accepted file type starts: a file whose content does not match its extension (an
# HTML page renamed to .pdf) is refused.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "odt": (ZIP,),
    "ods": (ZIP,),
}


def extension(name):
    return PurePath(name or "").suffix.lower().lstrip(".")


def document_path(instance, filename):
    ext = extension(filename)
    return f"projects/{instance.organisation_id}/{uuid.uuid4().hex}{'.' + ext if ext else ''}"


@deconstructible
class DocumentValidator:
    """Type (by extension and by content) and size of an uploaded document."""

    def __call__(self, file):
        ext = extension(file.name)
        if ext not in ALLOWED_EXTENSIONS:
            raise ValidationError(
                _("Files of type “%(extension)s” cannot be uploaded. Allowed types: %(allowed)s."),
                code="file_type",
                params={"extension": ext or "?", "allowed": ", ".join(ALLOWED_EXTENSIONS)},
            )
        size = getattr(file, "size", 0) or 0
        if size > MAX_SIZE:
            raise ValidationError(
                _("The file is %(size)s; files may be at most %(limit)s."),
                code="file_size",
                params={"size": filesizeformat(size), "limit": filesizeformat(MAX_SIZE)},
            )
        if size == 0:
            raise ValidationError(_("The file is empty."), code="file_empty")
        if getattr(file, "_committed", True):
            return  # a stored file, checked when it was uploaded
        head = _head(file)
        if ext == "txt":
            matches = b"\x00" not in head
        else:
            matches = head.startswith(SIGNATURES[ext])
        if not matches:
            raise ValidationError(
                _("The file's content is not a %(extension)s file."),
                code="file_content",
                params={"extension": ext.upper()},
            )

    def __eq__(self, other):
        return isinstance(other, DocumentValidator)


def _head(file, length=8192):
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(length)
    file.seek(position)
    return head
