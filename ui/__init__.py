"""Streamlit-side helpers shared by app.py and the pages (language, formatting, errors)."""
