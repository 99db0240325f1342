from django.urls import path

from . import views

urlpatterns = [
    path("", views.search_api, name="search_api"),
    path("autocomplete/", views.autocomplete_api, name="search_autocomplete"),
]
