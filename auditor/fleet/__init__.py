"""`auditor fleet`: many stores audited in parallel on Dask, rolled up into a portfolio.

plan.py reads FLEET.yaml into one plan per store; task.py is what a worker does with a
plan; cluster.py starts or joins the cluster; run.py drives it all from the client, the
one writer of the reports, the history, the alerts' memory and the portfolio; entry.py
sums a store's report up as a line of the portfolio; progress.py shows the run on the
terminal.
"""
