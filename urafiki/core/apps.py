from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "urafiki.core"
    label = "core"
