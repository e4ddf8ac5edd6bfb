"""Files -> canonical tables. A reader recognises its format by content, maps it into a
canonical table and returns every row it could not use with its row number and reason.
"""
