"""统计报表: the tables offices file each year, built from the records (tables.py) and written as .xlsx (xlsx.py)."""
