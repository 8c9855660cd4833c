from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's user (AUTH_USER_MODEL).

    Django's own User for now; being the project's model from the first
    migration on, it can take new fields later with an ordinary migration,
    which swapping the user model in an existing database cannot.
    """
