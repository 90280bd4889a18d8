from django.urls import path

from pages import views

app_name = "pages"

urlpatterns = [
    path("info/contacts/", views.contacts, name="contacts"),
    path("info/<slug:kind>/", views.legal_page, name="legal"),
]
