from django.apps import AppConfig


class NewsreaderConfig(AppConfig):
    name = "newsreader"
    verbose_name = "Newsreader"

    def ready(self) -> None:
        from newsreader import signals  # noqa: F401  (connects the cache invalidation)
