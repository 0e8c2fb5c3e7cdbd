"""Bodies an editor's save stored with a browser's "\r\n" between paragraphs (issue 25):
put back in the ingest's own form, one paragraph a line and a blank line between. Where
that gives back the text the story was ingested with (its words match the article's body
fingerprint), the save changed nothing else, and the body's "edited" mark goes too, so that
a later ingest may update it again.

The rules are written out here, as ingest.parse had them when this migration was made, so
that it does the same thing whenever it runs.
"""

import hashlib
import re
import unicodedata

from django.db import migrations

_COMBINING = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_WORDS = re.compile(r"\w+")


def text_key(text):
    folded = text.casefold()
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return " ".join(_WORDS.findall(folded))


def ingest_form(body):
    lines = (line.strip() for line in re.split(r"\r\n|\r|\n", body))
    return [line for line in lines if line]


def repair(apps, schema_editor):
    Article = apps.get_model("newsreader", "Article")
    damaged = Article.objects.filter(body__contains="\r").only(
        "body", "body_fingerprint", "edited_fields"
    )
    for article in damaged.iterator(chunk_size=500):
        paragraphs = ingest_form(article.body)
        article.body = "\n\n".join(paragraphs)
        fingerprint = hashlib.sha256(text_key(" ".join(paragraphs)).encode()).hexdigest()
        fields = ["body"]
        if fingerprint == article.body_fingerprint and "body" in article.edited_fields:
            article.edited_fields = [name for name in article.edited_fields if name != "body"]
            fields.append("edited_fields")
        article.save(update_fields=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("newsreader", "0017_copy_keys"),
    ]

    operations = [
        migrations.RunPython(repair, migrations.RunPython.noop, elidable=True),
    ]
