"""The municipality register, shared initiatives and the adoption of each in each municipality."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .constants import (
    AdoptionStatus,
    ChangeSource,
    EvidenceLevel,
    Kind,
    MandatoryBasis,
    Phase,
)
from .query import AdoptionQuerySet, MunicipalityQuerySet, size_class_of

CBS_CODE_PATTERN = r"^GM\d{4}$"
cbs_code_validator = RegexValidator(
    CBS_CODE_PATTERN, _("Een CBS-gemeentecode is 'GM' gevolgd door vier cijfers, zoals GM0153.")
)
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class Municipality(models.Model):
    """A municipality (gemeente) of the CBS register, current or ended by a merger."""

    code = models.CharField(
        _("CBS-code"), max_length=6, unique=True, validators=[cbs_code_validator]
    )
    name = models.CharField(_("naam"), max_length=100)
    province = models.CharField(_("provincie"), max_length=50, db_index=True)
    population = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    valid_from = models.DateField(_("bestaat sinds"))
    valid_until = models.DateField(
        _("opgeheven op"),
        null=True,
        blank=True,
        help_text=_("Eerste dag dat de gemeente niet meer bestaat; leeg zolang zij bestaat."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("opvolger"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def size_class(self):
        return size_class_of(self.code, self.population)

    def exists_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day < self.valid_until)


class TaxonomyTerm(models.Model):
    """A managed list entry with a stable code and a Dutch name."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=150)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class Domain(TaxonomyTerm):
    """A municipal work process (werkproces), such as inkomen or omgevingswet."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("domein")
        verbose_name_plural = _("domeinen")


@register_snippet
class Organisation(TaxonomyTerm):
    """An organisation that owns initiatives (VNG, Logius, ...)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")


@register_snippet
class BarrierCategory(TaxonomyTerm):
    """Why adoption or scaling up stalls; shared by adoption records and lab results."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("categorie belemmering")
        verbose_name_plural = _("categorieën belemmeringen")


class InitiativeIndexPage(Page):
    """The list of initiatives at /initiatieven/."""

    intro = RichTextField(_("inleiding"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["initiatives.InitiativePage"]
    max_count = 1

    class Meta:
        verbose_name = _("initiatievenoverzicht")

    def get_context(self, request, *args, **kwargs):
        from .filters import InitiativeFilter

        context = super().get_context(request, *args, **kwargs)
        initiatives = (
            InitiativePage.objects.child_of(self)
            .live()
            .select_related("owner_organisation")
            .prefetch_related("domains")
            .order_by("title")
        )
        context["filter"] = InitiativeFilter(request.GET or None, queryset=initiatives)
        return context


class InitiativePage(Page):
    """A shared initiative (standard, facility, method, ...) that municipalities can adopt."""

    full_name = models.CharField(_("volledige naam"), max_length=255, blank=True)
    summary = models.TextField(_("samenvatting"))
    public_value = RichTextField(
        _("publieke waarde"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Wat het inwoners en ondernemers oplevert, zonder vakjargon."),
    )
    body = StreamField(
        [
            ("heading", blocks.CharBlock(label=_("Tussenkop"))),
            ("paragraph", blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Alinea"))),
        ],
        blank=True,
        verbose_name=_("inhoud"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    domains = ParentalManyToManyField(Domain, verbose_name=_("domeinen"), blank=True)
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("eigenaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    mandatory_basis = models.CharField(
        _("verplichtend karakter"),
        max_length=20,
        choices=MandatoryBasis.choices,
        default=MandatoryBasis.NONE,
    )
    adoption_target_share = models.DecimalField(
        _("adoptiedoel (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Aandeel gemeenten dat het op de doeldatum moet hebben ingevoerd."),
    )
    adoption_target_date = models.DateField(_("doeldatum"), null=True, blank=True)
    succeeds = models.ForeignKey(
        "self",
        verbose_name=_("opvolger van"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="succeeded_by",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("full_name"),
        FieldPanel("summary"),
        FieldPanel("public_value"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("phase")]),
                FieldPanel("domains"),
                FieldPanel("owner_organisation"),
                FieldRowPanel([FieldPanel("started_on"), FieldPanel("mandatory_basis")]),
                FieldRowPanel(
                    [FieldPanel("adoption_target_share"), FieldPanel("adoption_target_date")]
                ),
                FieldPanel("succeeds"),
            ],
            heading=_("Kenmerken"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("full_name"),
        index.SearchField("summary"),
        index.SearchField("public_value"),
        index.FilterField("kind"),
        index.FilterField("phase"),
    ]
    parent_page_types = ["initiatives.InitiativeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")

    def clean(self):
        super().clean()
        if (self.adoption_target_share is None) != (self.adoption_target_date is None):
            raise ValidationError(
                _("Een adoptiedoel heeft zowel een percentage als een doeldatum nodig.")
            )
        if self.succeeds_id and self.succeeds_id == self.pk:
            raise ValidationError({"succeeds": _("Een initiatief kan zichzelf niet opvolgen.")})

    def get_context(self, request, *args, **kwargs):
        from .reports import initiative_status_counts

        context = super().get_context(request, *args, **kwargs)
        context["status_counts"] = initiative_status_counts(self)
        context["successors"] = self.succeeded_by.live().order_by("title")
        return context


class Adoption(models.Model):
    """The current state of one initiative in one municipality. No row means status unknown.

    Written only through `initiatives.services.record_adoptions`, which keeps the history.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="adoptions"
    )
    initiative = models.ForeignKey(
        InitiativePage,
        verbose_name=_("initiatief"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    status = models.CharField(_("status"), max_length=20, choices=AdoptionStatus.choices)
    evidence_level = models.CharField(
        _("bewijsniveau"), max_length=20, choices=EvidenceLevel.choices, blank=True
    )
    evidence_url = models.URLField(_("bewijs (link)"), max_length=500, blank=True)
    public_explanation = models.TextField(
        _("toelichting"), blank=True, help_text=_("Openbaar: de 'leg uit' bij pas toe of leg uit.")
    )
    barrier_category = models.ForeignKey(
        BarrierCategory,
        verbose_name=_("belemmering"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    internal_note = models.TextField(
        _("interne notitie"), blank=True, help_text=_("Nooit openbaar.")
    )
    status_since = models.DateField(_("status sinds"))
    last_confirmed_on = models.DateField(_("laatst bevestigd op"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bijgewerkt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    version = models.PositiveIntegerField(_("versie"), default=1)

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("adoptie")
        verbose_name_plural = _("adopties")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "initiative"], name="one_adoption_per_municipality"
            )
        ]
        indexes = [models.Index(fields=["initiative", "status"])]

    def __str__(self):
        return f"{self.initiative} in {self.municipality}: {self.get_status_display()}"


class AdoptionChange(models.Model):
    """One entry of the append-only adoption history; past states are answered from it."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    initiative = models.ForeignKey(
        InitiativePage, verbose_name=_("initiatief"), on_delete=models.CASCADE, related_name="+"
    )
    old_status = models.CharField(
        _("oude status"),
        max_length=20,
        choices=AdoptionStatus.choices,
        blank=True,
        help_text=_("Leeg als er nog geen status was (onbekend)."),
    )
    new_status = models.CharField(_("nieuwe status"), max_length=20, choices=AdoptionStatus.choices)
    effective_date = models.DateField(_("ingangsdatum"))
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("bron"), max_length=10, choices=ChangeSource.choices)

    class Meta:
        verbose_name = _("adoptiewijziging")
        verbose_name_plural = _("adoptiegeschiedenis")
        ordering = ["-effective_date", "-recorded_at", "-pk"]
        indexes = [
            models.Index(fields=["initiative", "effective_date"]),
            models.Index(fields=["municipality", "initiative", "effective_date"]),
        ]

    def __str__(self):
        return (
            f"{self.municipality.code} {self.initiative_id}: {self.old_status} → {self.new_status}"
        )
