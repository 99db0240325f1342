from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import FabriqueEditor


class FabriqueEditorViewSet(ModelViewSet):
    """Who edits which Fabrique: Django permissions on FabriqueEditor (Publication's)."""

    model = FabriqueEditor
    icon = "user"
    menu_label = _("Responsables de Fabriques")
    add_to_admin_menu = True
    list_display = ["fabrique", "user"]
    form_fields = ["fabrique", "user"]


@hooks.register("register_admin_viewset")
def register_fabrique_editors():
    return FabriqueEditorViewSet("fabrique_editors")
