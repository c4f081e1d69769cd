from django import template
from django.utils.html import format_html

from urafiki.partnerships.health import HealthStatus

register = template.Library()


@register.simple_tag
def health_badge(status: str) -> str:
    """A coloured label for a health status; the colour is never the only sign (the label is written)."""
    return format_html('<span class="health health-{}">{}</span>', status, HealthStatus(status).label)
