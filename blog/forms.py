from typing import Any

from django import forms
from django.utils import translation

from blog.models import PostGenerationJob


class DraftRequestForm(forms.ModelForm):
    """What staff ask the AI writer for. Only validates; the job is made by a service."""

    class Meta:
        model = PostGenerationJob
        fields = ["topic", "keywords", "language", "tone", "length", "auto_publish"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The staff member's own language unless they choose the other.
        self.fields["language"].initial = translation.get_language()

    def clean_keywords(self) -> str:
        words = [w.strip() for w in self.cleaned_data["keywords"].split(",")]
        return ", ".join(w for w in words if w)
