"""`auditor fetch`: a store's reports pulled through Amazon's APIs (issue 20)."""
