from django.apps import AppConfig


class NewsreaderConfig(AppConfig):
    name = "newsreader"
    verbose_name = "Newsreader"
