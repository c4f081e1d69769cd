"""What an uploaded document really is, read from its first bytes (filetype), never from its name.

Allowed: PDF, JPEG, PNG, WebP and Word (DOCX), at most settings.DOCUMENT_MAX_BYTES (20 MB). A file whose
name claims one type and whose content is another, or is not allowed, is refused with the type found.
"""

import hashlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ALLOWED_TYPES: dict[str, str] = {  # content type -> extension the file is stored with
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
ALLOWED_TYPES_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# What a name's extension claims; a mismatch with the content means a disguised file.
CLAIMED_TYPES: dict[str, str] = {
    ".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
    ".webp": "image/webp", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    extension: str
    sha256: str


def sniff_upload(upload, errors: dict) -> Sniffed | None:
    """Check an uploaded file; add a message under errors["file"] and return None when it is refused."""
    if upload is None or not upload.size:
        errors["file"] = _("Choose a file to upload; this one is empty.")
        return None
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size > limit:
        errors["file"] = _("The file is {size}; the limit is {limit}.").format(
            size=filesizeformat(upload.size), limit=filesizeformat(limit)
        )
        return None
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    if kind is not None and kind.mime in {"application/zip", ALLOWED_TYPES_DOCX}:
        # DOCX is a zip: filetype needs more than the first bytes to tell it from any zip.
        upload.seek(0)
        kind = filetype.guess(upload.read()) or kind
    found = kind.mime if kind else None
    if found is None:
        errors["file"] = _("Only PDF, JPEG, PNG, WebP and Word (DOCX) files can be uploaded; the type of this "
                           "file could not be recognised.")
        return None
    if found not in ALLOWED_TYPES:
        errors["file"] = _(
            "Only PDF, JPEG, PNG, WebP and Word (DOCX) files can be uploaded; this file is of type {found}."
        ).format(found=found)
        return None
    name = (upload.name or "").lower()
    extension = name[name.rfind("."):] if "." in name else ""
    claimed = CLAIMED_TYPES.get(extension)
    if extension and claimed != found:
        errors["file"] = _("The file is named “{name}” but its content is {found}: it was refused.").format(
            name=upload.name, found=found
        )
        return None
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return Sniffed(content_type=found, extension=ALLOWED_TYPES[found], sha256=digest.hexdigest())
