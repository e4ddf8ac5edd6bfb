"""Render a report (plain data, the JSON contract) into each output format.

A renderer never evaluates a rule and never reads an input: it formats what the
report already holds, through Jinja2 templates in reports/templates/.
"""
