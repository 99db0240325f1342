from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingIndexUpdate(models.Model):
    """An index update the engine could not take (down, timeout): replayed later by
    `manage.py search_replay_queue` (and by `search_check_index --fix`)."""

    class Action(models.TextChoices):
        ADD = "add", _("Ajouter ou mettre à jour")
        DELETE = "delete", _("Retirer")

    model_label = models.CharField(_("modèle"), max_length=100)
    object_id = models.CharField(_("identifiant"), max_length=64)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    attempts = models.PositiveIntegerField(_("tentatives"), default=1)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("mise à jour d'index en attente")
        verbose_name_plural = _("mises à jour d'index en attente")
        constraints = [
            models.UniqueConstraint(
                fields=["model_label", "object_id"], name="search_pending_unique_object"
            )
        ]
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.model_label}#{self.object_id}"
