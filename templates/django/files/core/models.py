from django.db import models


class Note(models.Model):
    """A minimal model, so the database is exercised from day one."""

    text = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.text
