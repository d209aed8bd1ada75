"""The household: the loader (the one place a profile's tables become figures), the household it builds (model), its budget, case and contact log, the Overview's summary and the steps done."""
