from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save

# The apps whose records readers see on cached pages and API answers (core/caching.py).
CONTENT_APPS = frozenset({"places", "taxonomy", "trade", "partnerships", "partners", "accounts", "newsroom"})


def _content_saved(sender, update_fields=None, action="post_", **kwargs) -> None:
    if sender._meta.app_label not in CONTENT_APPS or not action.startswith("post_"):
        return  # m2m_changed also sends pre_add, pre_remove, pre_clear
    if update_fields and set(update_fields) <= {"last_login"}:
        return  # a sign-in changes nothing anybody reads
    from .caching import content_changed

    content_changed()


class CoreConfig(AppConfig):
    name = "urafiki.core"
    label = "core"

    def ready(self) -> None:
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(_content_saved, dispatch_uid=f"urafiki-content-{signal}")
