def register(router) -> None:
    """Add this app's API endpoints to the project router (api_urls.py calls it for every domain app)."""
