from django.contrib.auth import get_user_model
from django.test import TestCase

from .models import User


class UserModelTests(TestCase):
    def test_auth_user_model_is_accounts_user(self):
        self.assertIs(get_user_model(), User)

    def test_create_user_hashes_the_password(self):
        user = User.objects.create_user("ada", "ada@example.com", "a long passphrase")
        self.assertNotEqual(user.password, "a long passphrase")
        self.assertTrue(user.check_password("a long passphrase"))

    def test_create_superuser(self):
        admin = User.objects.create_superuser("root", "root@example.com", "pw-1234567")
        self.assertTrue(admin.is_staff)
        self.assertTrue(admin.is_superuser)
