"""One URL of every public page type on the demo data: checked by axe, timed by the benchmark."""

PAGE_TYPES = {
    "home": "/",
    "initiative list": "/initiatieven/?domain=zorg",
    "initiative page": "/initiatieven/gibit/",
    "municipality list": "/gemeenten/?province=Overijssel",
    "scorecard": "/gemeenten/GM0153/",
    "lab list": "/labs/",
    "lab": "/labs/living-lab-oost-nederland/",
    "lab result": "/labs/living-lab-oost-nederland/facturatie-zorgaanbieders/",
    "search with facets selected": "/zoeken/?q=gemeente&type=initiative&domain=zorg",
    "report index": "/rapportages/",
    "initiative gap report": "/rapportages/initiatieven/gibit/",
    "adoption over time": "/rapportages/initiatieven/gibit/verloop/",
    "municipality report": "/rapportages/gemeenten/GM0153/?peildatum=2025-01-01",
    "matrix": "/rapportages/matrix/?province=Utrecht",
    "kraamkamer": "/rapportages/kraamkamer/",
    "barriers": "/rapportages/belemmeringen/",
    "not found": "/bestaat-niet/",
    "home in English": "/en/",
    "scorecard in English": "/en/gemeenten/GM0153/",
}
