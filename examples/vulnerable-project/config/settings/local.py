from .base import *  # noqa: F401,F403

DEBUG = True
SECRET_KEY = env("DJANGO_SECRET_KEY", default="!!!SET DJANGO_SECRET_KEY!!!")
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
