"""Spreadsheet imports: bank, Alipay and WeChat Pay statements and budget sheets.

``read_statement(name, data)`` returns an ImportResult with the transactions and the
collected row errors, or raises RefusedFile with a one-line reason; it never changes
anything the user already has — the caller decides to replace or append.
"""

from core.imports.safety import MAX_UPLOAD_BYTES, RefusedFile, check_upload
from core.imports.statements import ImportResult, Mapping, Transaction, read_statement

__all__ = [
    "MAX_UPLOAD_BYTES",
    "ImportResult",
    "Mapping",
    "RefusedFile",
    "Transaction",
    "check_upload",
    "read_statement",
]
