"""Plans of action: drafts built from an audit's own evidence, Amazon's notices read, and
letters checked by the `poa` rule pack.

This layer sits above the library entry point (`auditor.api`): it audits through it,
evaluates its lint pack with the same engine, and renders through Jinja templates in
`reports/templates/poa/`.
"""
