"""The one package every sheet import goes through (.xlsx/.xls/.ods/.csv as offices keep them): open and stream
the sheet (reader), find the header by one rule from a table of synonyms (headers), parse cells (cells), match
places (places), collect problems by row and column (problems), write the marked error report (report), and the
command base with --dry-run and --json (command). An import declares its columns, a row → fields function and a
writer; it knows nothing of how a file is read. Just above regions and accounts: knows no domain app."""
