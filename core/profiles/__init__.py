"""Profiles and storage: the profile's tables and their schemas, the SQLite store with its revisions, the profile workbook, table edits, three-way merges and the evidence locker."""
