"""The search index of the database backend: one row per document, one bitmap per facet value."""

from django.db import models


class SearchDocument(models.Model):
    """A searchable thing (initiative, lab, lab result, municipality), denormalised."""

    key = models.CharField(max_length=80, unique=True)  # "initiative:12"
    type = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=255)
    text = models.TextField(blank=True)
    # Title and text as Dutch stems: what SQLite's FTS5 table matches against.
    stems = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    year = models.PositiveSmallIntegerField(null=True, db_index=True)
    # {facet: [values]}, type included: which bitmaps to clear when the document changes.
    facets = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["title"])]

    def __str__(self):
        return self.key


class SearchFacetValue(models.Model):
    """One value of one facet and the documents that have it, as a bitmap of document ids
    (see `search.bitmaps`): counting a facet is then one AND and one popcount per value."""

    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=100)
    documents = models.BinaryField(default=b"")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facet", "value"], name="search_facet_value_unique")
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"


class PendingIndexUpdate(models.Model):
    """A document whose change the external search engine has not received yet.

    Saving never waits on Elasticsearch: changes queue here (in the saving transaction) and
    `manage.py search_index --pending`, run periodically, sends them in one bulk request.
    """

    key = models.CharField(max_length=80, unique=True)
    queued_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.key
