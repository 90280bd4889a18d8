from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from monitoring.feedback import MESSAGE_MAX_LENGTH


class FeedbackForm(forms.Form):
    """The 500 page's "What were you doing?" (monitoring.views.feedback)."""

    event_id = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)
    language = forms.ChoiceField(choices=settings.LANGUAGES, widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("What were you doing?"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    email = forms.EmailField(
        label=_("Your e-mail (optional, if you would like an answer)"), required=False
    )
