"""Fetching a seller's reports from Amazon's APIs into files the audit reads as it reads
hand-downloaded ones (issue 20)."""
