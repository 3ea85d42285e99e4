from django import template

from ..document import display

register = template.Library()
register.filter("display", display)
