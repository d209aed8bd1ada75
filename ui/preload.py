"""What the first page run would otherwise import while the browser is loading the app's
scripts from the same process: imported by server.py before the server starts listening
(bench/first_paint.py measures the difference). scipy (the true-APR root finder, about a
second) is left to the pages that show a true APR."""

import pandas.io.formats.style  # noqa: F401 - the tables' money columns
import plotly.graph_objects  # noqa: F401
import plotly.subplots  # noqa: F401

import core.charts  # noqa: F401
import core.loader  # noqa: F401
import core.plan  # noqa: F401
import ui.state  # noqa: F401
