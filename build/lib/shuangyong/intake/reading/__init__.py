"""Reading a yearly summary into structure, figures, activities, organisations and persons.

Pure Python (no database): `extract.extract_text(text)` is what the command, the API and the review screen use.
"""
