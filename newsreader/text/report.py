"""What an ingest did: counts for its summary line, and each file's outcome."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class IngestReport:
    files_read: int = 0
    created: int = 0
    merged: int = 0
    unchanged: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    # Stories that began where a page may or may not have begun (file name, story number):
    # kept apart from the story before them, and named so an editor can look.
    doubtful: list[tuple[str, int]] = field(default_factory=list)

    @property
    def files_failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        line = (
            f"{self.files_read} files read: {self.created} articles created, "
            f"{self.merged} merged or updated, {self.unchanged} unchanged, "
            f"{self.files_failed} files failed."
        )
        if self.doubtful:
            where = ", ".join(f"{name} story {number}" for name, number in self.doubtful[:5])
            more = f" and {len(self.doubtful) - 5} more" if len(self.doubtful) > 5 else ""
            count = len(self.doubtful)
            stories, were = ("story", "was") if count == 1 else ("stories", "were")
            line += (
                f" {count} {stories} began at a doubtful boundary and {were} kept apart "
                f"from the story before ({where}{more})."
            )
        return line


@dataclass
class FileOutcome:
    created: int = 0
    merged: int = 0
    unchanged: int = 0
    touched: set[int] = field(default_factory=set)  # the articles written
