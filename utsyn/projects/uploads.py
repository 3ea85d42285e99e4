"""Uploaded project documents: what is accepted, and where it is stored.

Files are stored under MEDIA_ROOT in `projects/<organisation id>/`, under a random name that
keeps only the extension; the original name is kept on the row for the download. No URL ever
points at MEDIA_ROOT: files are served by the permission-checked download view only.
"""

import uuid
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import TemporaryFileUploadHandler
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
# Office documents are ZIP archives; what they must hold beyond that, so that any archive
# renamed to .docx is refused too. Only the archive's directory is read, nothing unpacked.
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
ODF_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
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
            if matches and head.startswith(ZIP):
                matches = _office_document(file, ext)
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


def _office_document(file, ext):
    """Whether a ZIP archive is an Office Open XML or OpenDocument file of its type."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if ext in OOXML_PARTS:
                return "[Content_Types].xml" in names and OOXML_PARTS[ext] in names
            # OpenDocument: the first entry is "mimetype", stored uncompressed, naming the type.
            if not names or names[0] != "mimetype":
                return False
            with archive.open("mimetype") as mimetype:
                return mimetype.read(100).strip() == ODF_TYPES[ext]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return False
    finally:
        file.seek(position)


class SizeLimitedUploadHandler(TemporaryFileUploadHandler):
    """Django's handler for large uploads (settings.FILE_UPLOAD_HANDLERS), except that it writes
    no more of a file to the temporary folder than the largest size any form accepts: the rest
    is counted, not kept. The file keeps its true size, so the form refuses it with the size
    message; an endless upload cannot fill the disk. (A reverse proxy should limit request
    bodies as well.)"""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.kept = 0

    def receive_data_chunk(self, raw_data, start):
        room = MAX_SIZE + 1 - self.kept
        if room > 0:
            self.file.write(raw_data[:room])
            self.kept += min(room, len(raw_data))
