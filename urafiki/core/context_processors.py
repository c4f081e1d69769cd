from .caching import CSRF_PLACEHOLDER


def csrf_placeholder(request) -> dict:
    """A page rendered for the cache carries a placeholder, not this reader's CSRF token (see caching.py)."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, "renders_for_cache", False) else {}
