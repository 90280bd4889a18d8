"""How forms render: Django's own form and widget templates through Jinja2, the rest (the
admin's widgets) through Django templates.

Why: rendering the checkout's eight fields through Django's template engine took about a
quarter of the details page (each input is input.html plus an included attrs.html), and
Jinja2 compiles the same templates to Python. Django ships those templates for both engines,
with the same markup (django/forms/jinja2/ and django/forms/templates/); the admin's widget
templates exist only for Django's engine, so they stay on it.
"""

from typing import TYPE_CHECKING

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2

if TYPE_CHECKING:
    from django.template.backends.django import Template as DjangoTemplate
    from django.template.backends.jinja2 import Template as Jinja2Template

DJANGOS_OWN = "django/forms/"


class FormRenderer(BaseRenderer):
    def __init__(self) -> None:
        self.jinja2 = Jinja2()
        self.django = DjangoTemplates()

    def get_template(self, template_name: str) -> "Jinja2Template | DjangoTemplate":
        if template_name.startswith(DJANGOS_OWN):
            return self.jinja2.get_template(template_name)
        return self.django.get_template(template_name)
