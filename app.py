"""Repay Planner (还款规划): the entry point — sidebar, language switch, page navigation.

However it is started, every request passes one check (ui/hostguard.py) before Streamlit
sees it: a Host header other than this computer's (DNS rebinding) or another site's page
(Origin) is refused. ``./run.sh`` serves server.py, which puts the check in front of this
script; ``streamlit run app.py`` imports this file first to look for an ``st.App`` in it
(Streamlit reads the file for one before running it as a script) and finds the same one
below. Each session applies the rule again before anything is read or drawn.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import streamlit as st

from ui import preload

# Served by server.py, the modules below (and the Overview's) are being loaded as the server
# starts: the first run waits for that instead of loading them a second time alongside.
preload.wait()

from core.i18n import LANGS, t  # noqa: E402
from core.loans.apr import DEFAULT_LPR  # noqa: E402
from core.profiles.store import STORE_ERRORS  # noqa: E402
from ui.common import LANG_KEY, LANG_SWITCH_KEY, css_text, lang, log_failure, tr  # noqa: E402
from ui.hostguard import no_outside_lookups, refuse_foreign_request  # noqa: E402
from ui.notices import show_notices  # noqa: E402
from ui.profiles import profile_sidebar  # noqa: E402
from ui.recovery import as_store_error, recovery_page, show_store_failure  # noqa: E402
from ui.state import store, store_problem  # noqa: E402
from ui.steps import sidebar_steps  # noqa: E402
from ui.warmup import warm_up  # noqa: E402

if __name__ != "__main__":
    # Imported, not run as the page script: by ``streamlit run app.py``, which serves an
    # st.App it finds here (or by uvicorn). The app serves this same file, behind the
    # check, and Streamlit makes no lookup of an outside address from its start on.
    from starlette.middleware import Middleware

    from ui.hostguard import LocalHostOnly

    no_outside_lookups()
    app = st.App(__file__, middleware=[Middleware(LocalHostOnly)])

FAVICON = Path(__file__).resolve().parent / "ui" / "favicon.png"  # four bars coming down: what is owed
# Streamlit writes "Press Enter to apply" under a box being typed in, in English only;
# the pages say it in the user's language where it matters (the calculator). On a phone
# the chart toolbar sits over the legend: it shows only while the pointer is on a chart, and
# figures (metrics) stand two to a row, a size smaller, instead of one to a line.
# A plain table's figures (right-aligned cells) never break at their minus sign, and its
# Chinese words are not cut one character per line on a phone (the table scrolls instead).
# The file uploader's button and size line are English whatever the page's language
# (Streamlit has no setting for them): their words are replaced from the catalogue; the
# formats each uploader takes are listed in its own caption or help.
# A style sheet of the app's own words, no user text; written after the page (a lighter first paint).
STYLE = (
    "<style>[data-testid='InputInstructions']{display:none}"
    "[data-testid='stTable'] :is(td,th) [data-testid='stMarkdownContainer'] p{word-break:keep-all}"
    "[data-testid='stTable'] td[style*='right'] p{white-space:nowrap}"
    "@media (max-width: 640px){.modebar-container{display:none}"
    "[data-testid='stHorizontalBlock']:has(>[data-testid='stColumn'] [data-testid='stMetric'])>[data-testid='stColumn']"
    "{min-width:calc(50%% - 0.5rem)!important;flex:1 1 calc(50%% - 0.5rem)!important}"
    "[data-testid='stMetricValue']{font-size:1.6rem}}"
    "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p{font-size:0}"
    "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p::after"
    "{content:%(button)s;font-size:14px}"
    "[data-testid='stFileUploaderDropzoneInstructions'] span{font-size:0}"
    "[data-testid='stFileUploaderDropzoneInstructions'] span::after{content:%(limit)s;font-size:14px}</style>"
)


def style_sheet() -> str:
    mb = int(st.get_option("server.maxUploadSize"))
    return STYLE % {"button": css_text(tr("upload.button")), "limit": css_text(tr("upload.limit", mb=mb))}


def _after_page(slot) -> None:
    """What follows the page's own content: the start-here steps at the top of the sidebar
    (drawn last, so the page comes first) and the style sheet."""
    with contextlib.suppress(*STORE_ERRORS), slot:  # the steps are not worth an error of their own
        sidebar_steps()
    st.markdown(style_sheet(), unsafe_allow_html=True)
    warm_up()  # the other pages' heavier modules, in the background


LANG_META = "lang"  # the language last chosen, remembered in the database


def _on_language_change() -> None:
    chosen = st.session_state.get(LANG_SWITCH_KEY)
    if chosen in LANGS:  # a segmented control can be cleared by clicking it again
        st.session_state[LANG_KEY] = chosen
        st.query_params["lang"] = chosen
        with contextlib.suppress(*STORE_ERRORS):  # remembering it is not worth an error
            store().set_meta(LANG_META, chosen)


def _overview_alias() -> None:
    """/overview (a bookmark, a link) opens the Overview, which lives at the root address."""
    st.switch_page("app_pages/overview.py")


def main() -> None:
    """The app as each browser session runs it: the language, the sidebar, the pages."""
    # This computer only, however the app was started (the imports above read no user data;
    # an st.App above, or server.py's, has already checked the request):
    # Streamlit never looks up an outside address, and a session opened under another site's
    # name (Host) or from another site's page (Origin) sees a short refusal and nothing else.
    no_outside_lookups()
    refuse_foreign_request()
    # The tab's icon is a local picture: an emoji needs an emoji font (and Streamlit's emoji
    # catalogue, a quarter of a second to load) and a ":material/…:" icon is fetched from Google.
    st.set_page_config(page_title="还款规划 · Repay Planner", page_icon=str(FAVICON), layout="wide")

    if LANG_KEY not in st.session_state and st.query_params.get("lang") not in LANGS:
        # A new session with no language in the address: the one chosen last time.
        with contextlib.suppress(*STORE_ERRORS):
            remembered = store().get_meta(LANG_META)
            if remembered in LANGS:
                st.session_state[LANG_KEY] = remembered
    st.session_state[LANG_KEY] = lang()
    if st.query_params.get("lang") != st.session_state[LANG_KEY]:
        st.query_params["lang"] = st.session_state[LANG_KEY]  # kept in the address on every page, for a reload
    if st.session_state.get(LANG_SWITCH_KEY) not in LANGS:
        st.session_state[LANG_SWITCH_KEY] = st.session_state[LANG_KEY]

    problem = store_problem()
    with st.sidebar:
        steps_slot = st.container()  # the start-here steps, drawn once the pages are known
        st.segmented_control(
            "语言 / Language",
            options=list(LANGS),
            format_func=lambda code: t("app.lang_name", code),  # each language by its own name
            key=LANG_SWITCH_KEY,
            on_change=_on_language_change,
        )
        with st.expander(tr("app.settings")):
            st.number_input(
                tr("settings.lpr"),
                min_value=0.5,
                max_value=20.0,
                value=float(DEFAULT_LPR),
                step=0.05,
                format="%.2f",
                help=tr("settings.lpr_help"),
                key="settings.lpr",
            )
        if problem is None:
            try:
                profile_sidebar()
            except STORE_ERRORS as exc:  # the database failed while in use (e.g. turned read-only)
                problem = as_store_error(exc)
        st.caption(":material/lock: " + tr("app.privacy"))

    if problem is not None:
        # The database cannot be used: say what happened and what to do, and show no page
        # that would look as if it could save. A change just lost is said first.
        show_notices()
        recovery_page(problem)
        st.stop()

    # The page scripts live in app_pages/, not pages/: a folder named pages/ next to this file
    # switches Streamlit into its legacy folder mode until st.navigation has run once, so a
    # deep link (say /worksheet) that is a fresh server's first request would show "page not
    # found" or run the page without this sidebar. Streamlit's maintainers advise the same.
    pages = {
        tr("nav.section.household"): [
            st.Page(
                "app_pages/overview.py",
                title=tr("nav.overview"),
                icon=":material/dashboard:",
                url_path="home",
                default=True,  # served at the root address; /overview (below) leads here too
            ),
            st.Page(
                "app_pages/worksheet.py",
                title=tr("nav.worksheet"),
                icon=":material/receipt_long:",
                url_path="worksheet",
            ),
            st.Page("app_pages/assets.py", title=tr("nav.assets"), icon=":material/savings:", url_path="assets"),
            st.Page("app_pages/debts.py", title=tr("nav.debts"), icon=":material/credit_card:", url_path="debts"),
        ],
        tr("nav.section.negotiate"): [
            st.Page("app_pages/plan.py", title=tr("nav.plan"), icon=":material/balance:", url_path="plan"),
            st.Page(
                "app_pages/scenarios.py",
                title=tr("nav.scenarios"),
                icon=":material/compare_arrows:",
                url_path="scenarios",
            ),
            st.Page(
                "app_pages/readiness.py", title=tr("nav.readiness"), icon=":material/checklist:", url_path="readiness"
            ),
            st.Page("app_pages/letters.py", title=tr("nav.letters"), icon=":material/edit_note:", url_path="letters"),
            st.Page("app_pages/contacts.py", title=tr("nav.contacts"), icon=":material/call:", url_path="contacts"),
            st.Page(
                "app_pages/evidence.py", title=tr("nav.evidence"), icon=":material/folder_open:", url_path="evidence"
            ),
            st.Page(
                "app_pages/next_steps.py",
                title=tr("nav.next_steps"),
                icon=":material/alt_route:",
                url_path="next-steps",
            ),
            st.Page("app_pages/report.py", title=tr("nav.report"), icon=":material/summarize:", url_path="report"),
        ],
        tr("nav.section.keep"): [
            st.Page(
                "app_pages/progress.py", title=tr("nav.progress"), icon=":material/trending_up:", url_path="progress"
            ),
            st.Page("app_pages/recovery.py", title=tr("nav.recovery"), icon=":material/healing:", url_path="recovery"),
        ],
        tr("nav.section.tools"): [
            st.Page(
                "app_pages/calculator.py",
                title=tr("nav.calculator"),
                icon=":material/calculate:",
                url_path="calculator",
            ),
            st.Page("app_pages/history.py", title=tr("nav.history"), icon=":material/history:", url_path="history"),
        ],
    }

    pages[tr("nav.section.household")].append(
        st.Page(_overview_alias, title=tr("nav.overview"), url_path="overview", visibility="hidden")
    )
    page = st.navigation(pages, expanded=True)  # every page listed: no "View more" hiding the later steps
    try:
        try:
            page.run()  # each page opens with ui.page.page_header (the notices, its title)
        finally:  # also after a page's st.stop()
            _after_page(steps_slot)
    except STORE_ERRORS as exc:
        show_store_failure(as_store_error(exc))
    except Exception as exc:  # noqa: BLE001 - the boundary: no traceback, no user text in the log
        log_failure(exc)
        st.error(tr("app.crashed"), icon=":material/error:")


if __name__ == "__main__":  # run as the page script (Streamlit names it __main__)
    main()
