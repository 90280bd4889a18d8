from django import forms

from blog.models import PostGenerationJob


class DraftRequestForm(forms.ModelForm):
    """What staff ask the AI writer for. Only validates; the job is made by a service."""

    class Meta:
        model = PostGenerationJob
        fields = ["topic", "keywords", "tone", "length", "auto_publish"]

    def clean_keywords(self) -> str:
        words = [w.strip() for w in self.cleaned_data["keywords"].split(",")]
        return ", ".join(w for w in words if w)
