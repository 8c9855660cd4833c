from datetime import datetime

from sqlalchemy import DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from .db import db


class Note(db.Model):
    """A minimal model, so the database is exercised from day one.

    A change here needs a migration: `flask db migrate -m "..."`, review the
    file it writes in migrations/versions/, then `flask db upgrade`.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True),
        server_default=func.now(),
    )
