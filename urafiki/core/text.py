"""Language-aware text helpers shared by every app (no domain knowledge here)."""

from django.utils.translation import get_language


def active_language() -> str:
    """The short code of the active language: 'en', 'zh' or 'sw'."""
    code = (get_language() or "en").lower()
    if code.startswith("zh"):
        return "zh"
    if code.startswith("sw"):
        return "sw"
    return "en"


def localized(obj, field: str = "name") -> str:
    """obj.<field>_<lang> in the active language, falling back to English."""
    lang = active_language()
    value = getattr(obj, f"{field}_{lang}", "") if lang != "en" else ""
    return value or getattr(obj, f"{field}_en")
