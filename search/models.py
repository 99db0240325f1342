from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingIndexUpdate(models.Model):
    """An engine's index must catch up with an object (search/queue.py).

    Written in the same transaction as the change, so a rollback takes it back and a
    commit keeps it until the engine has the object's current state: one row per
    engine backend and object; `version` grows with every new change, so a send that
    read version N never deletes the row of a change N+1 made meanwhile."""

    backend = models.CharField(_("moteur"), max_length=64, default="default")
    model_label = models.CharField(_("modèle"), max_length=100)
    object_id = models.CharField(_("identifiant"), max_length=64)
    version = models.PositiveIntegerField(_("version"), default=1)
    attempts = models.PositiveIntegerField(_("tentatives"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("mise à jour d'index en attente")
        verbose_name_plural = _("mises à jour d'index en attente")
        constraints = [
            models.UniqueConstraint(
                fields=["backend", "model_label", "object_id"],
                name="search_pending_unique_backend_object",
            )
        ]
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.backend}: {self.model_label}#{self.object_id} (v{self.version})"
