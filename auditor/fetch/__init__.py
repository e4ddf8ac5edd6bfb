"""`auditor fetch`: a store's reports pulled through Amazon's APIs (issue 20).

A store profile of `auditor.yaml` (profiles.py) gives the credentials, read from the
environment when a fetch runs. `fetch_reports` (batch.py) pulls the Selling Partner API's
reports and listings through one adapter over Amazon's SDK (sp_api.py), loaded only when a
fetch runs, so the rest of the tool works without the `amazon` extra; `fetch_search_terms`
(ads_api.py) pulls the Sponsored Products search term report from the Ads API. Each
returns `Fetched` records (fetched.py); the command writes them into the folder's manifest.
"""
