"""Knowledge base versions are written in Markdown from now on. The versions written
before hold sanitised HTML: the field is added with "html" for them (so they keep showing
as they did, and their text is never re-read as Markdown), and "markdown" is the default
of every version made after."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("agenda", "0002_private_knowledge_files"),
    ]

    operations = [
        migrations.AddField(
            model_name="knowledgeversion",
            name="body_format",
            field=models.CharField(choices=[("markdown", "Markdown"), ("html", "HTML")],
                                   default="html", max_length=10, verbose_name="text format"),
        ),
        migrations.AlterField(
            model_name="knowledgeversion",
            name="body_format",
            field=models.CharField(choices=[("markdown", "Markdown"), ("html", "HTML")],
                                   default="markdown", max_length=10,
                                   verbose_name="text format"),
        ),
    ]
