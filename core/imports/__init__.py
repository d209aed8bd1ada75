"""Statement imports: bank, Alipay and WeChat Pay statements (CSV, spreadsheets, PDF,
web pages and e-mails) and budget sheets.

``read_statement(name, data)`` returns an ImportResult with the transactions and the
collected row errors, or raises RefusedFile with a one-line reason; it never changes
anything the user already has — the caller decides to replace or append.

The readers are loaded on first use (PEP 562): the file checks in ``safety`` are needed
by every page that saves a profile, the statement readers only when a file is imported.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for type checkers and editors; at run time, loaded on first use
    from core.imports.result import ImportResult, Mapping, Transaction
    from core.imports.safety import MAX_UPLOAD_BYTES, RefusedFile, check_upload
    from core.imports.statements import read_statement


def needs_password(data: bytes) -> bool:
    """True for a zip file whose statement needs a password (not for a workbook, which is a
    zip too but is never locked this way) and for a PDF locked with a password."""
    from core.imports.safety import ZIP_MAGIC, is_pdf

    if data.startswith(ZIP_MAGIC):
        from core.imports.archive import is_locked  # pyzipper: only when a zip is uploaded

        return is_locked(data)
    if is_pdf(data):
        from core.imports.pdf import is_locked as pdf_locked  # pypdfium2: only for a PDF

        return pdf_locked(data)
    return False


_WHERE = {
    "MAX_UPLOAD_BYTES": "safety",
    "RefusedFile": "safety",
    "check_upload": "safety",
    "ImportResult": "result",
    "Mapping": "result",
    "Transaction": "result",
    "read_statement": "statements",
}

__all__ = [
    "MAX_UPLOAD_BYTES",
    "ImportResult",
    "Mapping",
    "RefusedFile",
    "Transaction",
    "check_upload",
    "read_statement",
    "needs_password",
]


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'core.imports' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"core.imports.{module}"), name)
    globals()[name] = value  # looked up once
    return value
