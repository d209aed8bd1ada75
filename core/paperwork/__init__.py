"""Paperwork: letters, lender packs, the report, calendar files and charts."""
