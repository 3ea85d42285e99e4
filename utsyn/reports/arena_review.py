"""The review of cooperation arenas, in the structure the council is used to.

Introduction with the criteria; part 1, organisations and networks; part 2, twin cities and
cooperation agreements; a summary table; the yearly fees per responsible unit. Each arena is
described by its latest assessment and latest decision.
"""

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utsyn.arenas.models import Arena, Assessment, Decision
from utsyn.arenas.queries import status_counts
from utsyn.core.formatting import format_amount, format_long_date

from .base import Report
from .charts import bar_chart
from .document import Facts, Figure, Heading, Paragraph, Table
from .maps import partner_map


def arenas_with_history(organisation):
    """Every arena with its assessments and decisions, newest first, and the arenas it covers
    and is covered by: five queries."""
    names = Arena.objects.order_by("name").only("pk", "name")
    return list(
        Arena.objects.filter(organisation=organisation)
        .select_related("responsible", "operational_unit")
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=Assessment.objects.order_by("-assessed_on", "-pk"),
            ),
            Prefetch("decisions", queryset=Decision.objects.select_related("body")),
            Prefetch("covers", queryset=names),
            Prefetch("covered_by", queryset=names),
        )
        .order_by("name")
    )


def latest(related):
    rows = list(related.all())
    return rows[0] if rows else None


def decision_text(decision):
    if decision is None:
        return ""
    parts = [decision.get_outcome_display(), str(decision.body)]
    if decision.decided_on:
        parts.append(format_long_date(decision.decided_on))
    if decision.case_reference:
        parts.append(decision.case_reference)
    return ", ".join(parts)


def fee_text(arena):
    if arena.yearly_fee is None:
        return ""
    return f"{format_amount(arena.yearly_fee)} {arena.fee_currency}".strip()


def status_text(arena):
    """ "On hold since 3 March 2024": the status with the date it was given, when known."""
    if arena.status_date is None:
        return arena.get_status_display()
    return _("%(status)s since %(date)s") % {
        "status": arena.get_status_display(),
        "date": format_long_date(arena.status_date),
    }


def _names(arenas):
    return ", ".join(arena.name for arena in arenas.all())


def _place(arena):
    country = arena.country.name if arena.country else ""
    return ", ".join(part for part in (arena.city, str(country)) if part)


def _facts(arena):
    pairs = [
        (_("Kind"), arena.get_kind_display()),
        (_("Responsible"), str(arena.responsible or "")),
        (_("Operational unit"), str(arena.operational_unit or "")),
    ]
    if arena.intermediary:
        pairs.append(
            (arena.get_intermediary_role_display() or _("Intermediary"), arena.intermediary)
        )
    if arena.kind in Arena.PARTNER_CITY_KINDS:
        pairs.append((_("Place"), _place(arena)))
    pairs += [
        (_("Since"), arena.since_year or ""),
        (_("Status"), status_text(arena)),
        (_("Reason for the status"), arena.status_reason),
        (_("Covers"), _names(arena.covers)),
        (_("Covered by"), _names(arena.covered_by)),
        (_("Yearly fee"), fee_text(arena)),
    ]
    return Facts([(term, value) for term, value in pairs if value not in ("", None)])


def _criteria_table(arena, assessment):
    rows = [
        [_("Participation"), assessment.get_participation_display(), assessment.participation_text],
        [_("Learning outcome"), assessment.get_learning_display(), assessment.learning_text],
        [_("Influence"), assessment.get_influence_display(), assessment.influence_text],
    ]
    rows = [row for row in rows if row[1] or row[2]]
    if not rows:
        return []
    caption = _("Assessment of %(arena)s") % {"arena": arena.name}
    columns = [_("Criterion"), _("Level"), _("Explanation")]
    return [Table(caption, columns, rows, widths=[22, 13, 65])]


def arena_blocks(arena):
    """An arena as the review presents it: description, facts, value, recommendation, decision."""
    blocks = [Heading(arena.name + (f" ({arena.acronym})" if arena.acronym else ""), 3)]
    if arena.description:
        blocks.append(Paragraph(arena.description))
    if arena.kind in Arena.PARTNER_CITY_KINDS and arena.history:
        blocks.append(Paragraph(arena.history))
    blocks.append(_facts(arena))
    assessment = latest(arena.assessments)
    blocks.append(Heading(_("Participation and value"), 4))
    if assessment is None:
        blocks.append(Paragraph(_("Not assessed yet."), emphasis=True))
    else:
        blocks += _criteria_table(arena, assessment)
        if assessment.summary:
            blocks.append(Paragraph(assessment.summary))
        blocks.append(
            Facts(
                [
                    (_("Recommendation"), assessment.get_recommendation_display()),
                    (_("Assessed"), format_long_date(assessment.assessed_on)),
                ]
                + ([(_("Case reference"), assessment.reference)] if assessment.reference else [])
            )
        )
    decision = latest(arena.decisions)
    if decision is not None:
        blocks.append(Facts([(_("Decision"), decision_text(decision))]))
        if decision.text:
            blocks.append(Paragraph(decision.text))
    return blocks


def summary_table(arenas):
    rows = []
    for arena in arenas:
        assessment = latest(arena.assessments)
        rows.append(
            [
                arena.name,
                arena.get_kind_display(),
                str(arena.responsible or ""),
                arena.get_status_display(),
                assessment.get_participation_display() if assessment else "",
                assessment.get_learning_display() if assessment else "",
                assessment.get_influence_display() if assessment else "",
                assessment.get_recommendation_display() if assessment else "",
                decision_text(latest(arena.decisions)),
            ]
        )
    columns = [
        _("Arena"),
        _("Kind"),
        _("Responsible"),
        _("Status"),
        _("Participation"),
        _("Learning outcome"),
        _("Influence"),
        _("Recommendation"),
        _("Decision"),
    ]
    return Table(_("Summary of the review"), columns, rows, sheet=_("Summary"))


def status_table(organisation):
    """The register counted by status, each status apart (on hold is neither active nor
    ending)."""
    rows = [
        [label, count]
        for _value, label, count in status_counts(Arena.objects.filter(organisation=organisation))
    ]
    return Table(_("Arenas by status"), [_("Status"), _("Arenas")], rows, sheet=_("Statuses"))


def fees_by_unit(arenas):
    """{(responsible unit name, currency): (total fee, number of arenas)} of current arenas."""
    totals = defaultdict(lambda: [Decimal(0), 0])
    for arena in arenas:
        if arena.yearly_fee is None or arena.status == Arena.Status.ENDED:
            continue
        key = (str(arena.responsible or _("No responsible unit")), arena.fee_currency)
        totals[key][0] += arena.yearly_fee
        totals[key][1] += 1
    return {key: tuple(value) for key, value in sorted(totals.items())}


def fee_blocks(arenas):
    fees = fees_by_unit(arenas)
    without_fee = sum(
        1 for arena in arenas if arena.yearly_fee is None and arena.status != Arena.Status.ENDED
    )
    rows = [[unit, currency, count, total] for (unit, currency), (total, count) in fees.items()]
    table = Table(
        _("Yearly fees per responsible unit"),
        [_("Responsible"), _("Currency"), _("Arenas with a fee"), _("Yearly fees")],
        rows,
        sheet=_("Fees"),
        empty_text=_("No yearly fees are recorded in the register."),
    )
    blocks = [Heading(_("Yearly fees per responsible unit"), 2), table]
    if rows:
        chart = bar_chart(
            _("Yearly fees per responsible unit"),
            _("Responsible"),
            _("Yearly fees"),
            [
                (f"{unit} ({currency})", float(total))
                for (unit, currency), (total, _n) in fees.items()
            ],
        )
        blocks.append(Figure(chart))
    if without_fee:
        blocks.append(
            Paragraph(
                _("%(count)s current arenas have no yearly fee recorded.") % {"count": without_fee}
            )
        )
    return blocks


def _count_chart(title, header, counter):
    items = [(label, count) for label, count in counter.most_common()]
    return Figure(bar_chart(title, header, _("Arenas"), items))


def overview_blocks(arenas):
    by_kind = Counter(arena.get_kind_display() for arena in arenas)
    by_scope = Counter(arena.get_scope_display() or _("Not given") for arena in arenas)
    return [
        _count_chart(_("Arenas by kind"), _("Kind"), by_kind),
        _count_chart(_("Arenas by scope"), _("Scope"), by_scope),
    ]


def map_points(arenas):
    points = []
    for arena in arenas:
        if arena.latitude is None or arena.longitude is None:
            continue
        category = (
            _("Partner city") if arena.kind in Arena.PARTNER_CITY_KINDS else _("Seat of a network")
        )
        points.append(
            (arena.city or arena.name, float(arena.latitude), float(arena.longitude), category)
        )
    return points


class ArenaReview(Report):
    slug = "arena-review"
    title = gettext_lazy("Review of the international cooperation arenas")
    description = gettext_lazy(
        "Every membership, network, twin city and agreement with its latest assessment, "
        "recommendation and decision, the fees per responsible unit, and a map."
    )

    def build(self):
        self.progress(10, _("Reading the register"))
        arenas = arenas_with_history(self.organisation)
        cities = [arena for arena in arenas if arena.kind in Arena.PARTNER_CITY_KINDS]
        others = [arena for arena in arenas if arena.kind not in Arena.PARTNER_CITY_KINDS]
        document = self.new_document()
        self.progress(30, _("Writing the review"))
        document.add(*self.introduction(arenas, cities, others))
        document.add(Heading(_("Part 1: Organisations and networks"), 2))
        for arena in others:
            document.add(*arena_blocks(arena))
        document.add(Heading(_("Part 2: Twin cities and cooperation agreements"), 2))
        if not cities:
            document.add(Paragraph(_("The register holds no twin cities or agreements.")))
        for arena in cities:
            document.add(*arena_blocks(arena))
        self.progress(60, _("Drawing the charts and the map"))
        document.add(Heading(_("Map of partner cities and network seats"), 2))
        document.add(Figure(partner_map(_("Partner cities and network seats"), map_points(arenas))))
        summary = summary_table(arenas)
        document.add(
            Heading(_("Summary"), 2),
            summary,
            status_table(self.organisation),
            *overview_blocks(arenas),
        )
        document.add(*fee_blocks(arenas))
        document.primary_table = summary
        return document

    def introduction(self, arenas, cities, others):
        return [
            Heading(_("Introduction"), 2),
            Paragraph(
                _(
                    "%(organisation)s takes part in %(count)s international cooperation arenas. "
                    "This review gives an overview of them in two parts. Part 1 goes through the "
                    "international organisations and networks (%(others)s), part 2 the twin "
                    "cities and cooperation agreements (%(cities)s). For each arena it gives a "
                    "recommendation on whether the cooperation should continue or end, and the "
                    "decision made."
                )
                % {
                    "organisation": self.organisation,
                    "count": len(arenas),
                    "others": len(others),
                    "cities": len(cities),
                }
            ),
            Paragraph(
                _(
                    "Each membership and cooperation is assessed against three criteria: passive "
                    "or active participation, learning outcome, and influence. The assessment is "
                    "made by the unit responsible for the cooperation, and the recommendation is "
                    "decided by the political body named."
                )
            ),
        ]
