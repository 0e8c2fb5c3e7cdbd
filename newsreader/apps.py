from django.apps import AppConfig


class NewsreaderConfig(AppConfig):
    name = "newsreader"
    verbose_name = "Newsreader"

    def ready(self) -> None:
        # Registers the system checks; connects the cache invalidation.
        from newsreader import checks, signals  # noqa: F401
