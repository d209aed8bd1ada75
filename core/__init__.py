"""Repay Planner's pure-Python core: loan engine, household data, scenarios, exports.

Nothing in this package imports Streamlit; the pages in app_pages/ call into it.
"""
