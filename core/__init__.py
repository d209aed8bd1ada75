"""Repay Planner's pure-Python core: loan engine, household data, scenarios, exports.

Nothing in this package imports Streamlit; the pages in pages/ call into it.
"""
