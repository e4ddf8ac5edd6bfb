"""The seller's own image files: named by Amazon's bulk-upload convention, measured into numbers.

`names` says which files are images of which SKU and slot, `measure` turns one file into
the numbers of a row of the `images` table (format, colour mode, size, white border,
fill), `reader` makes that row, and `join` sets aside ambiguous files and carries the
main image's numbers into the listings. The rules judge the numbers; nothing here knows
a limit of Amazon's.
"""
