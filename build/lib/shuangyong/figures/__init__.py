"""The figures catalogue, on the ground floor beside audit: each domain app registers the figures it can count
(its figures.py), and the reports, the summary, targets and the dashboard read them. Knows no domain app."""
