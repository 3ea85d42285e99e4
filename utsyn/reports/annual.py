"""The yearly report to the council, built from one closed follow-up round.

What the round approved is what the report says: each item's status, progress and text are
those of its approved update in the round, not the item's state today, so the report of a
closed round reads the same whenever it is built.
"""

from collections import Counter

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utsyn.arenas.models import Arena, Assessment, Decision
from utsyn.core.formatting import format_long_date
from utsyn.core.illustrative import is_shown_illustrative
from utsyn.followup.models import ItemUpdate, TaskState
from utsyn.indicators.queries import indicators_with_figures
from utsyn.plans.models import FollowUpStatus, PlanItem
from utsyn.plans.queries import ordered_plans, plan_tree
from utsyn.plans.sdg_coverage import coverage_rows
from utsyn.sdgs.models import Goal

from .arena_review import decision_text
from .base import Report
from .charts import coverage_matrix, indicator_series, status_distribution
from .document import Facts, Figure, Heading, Paragraph, Table, display

# Colours of the statuses in the distribution chart; each ≥ 3:1 against white.
STATUS_COLOURS = {
    FollowUpStatus.NOT_STARTED: "#6b6b6b",
    FollowUpStatus.ON_TRACK: "#1b7a3a",
    FollowUpStatus.DELAYED: "#b3400a",
    FollowUpStatus.COMPLETED: "#0b4f8a",
    FollowUpStatus.CANCELLED: "#4a4f55",
    FollowUpStatus.CONTINUOUS: "#6a3d9a",
}


def approved_updates(round_):
    """{item id: the item's approved update in the round}."""
    updates = ItemUpdate.objects.filter(round=round_, state=TaskState.APPROVED)
    return {update.item_id: update for update in updates}


def item_label(item):
    """ "Tiltak 12 Title" or "Strategi 2 Title" (an item of `plan_tree`, with its place), or
    just the title of a section without an identifier or of an item whose title begins with
    its identifier."""
    identifier = item.place.identifier
    if not identifier or item.title.startswith(identifier):
        return item.title
    return f"{identifier} {item.title}"


def status_label(status):
    return FollowUpStatus(status).label if status else ""


def progress_text(value):
    return f"{value} %" if value is not None else ""


def status_chart(title, updates):
    counts = Counter(update.status for update in updates if update.status)
    total = sum(counts.values())
    items = [
        (str(status.label), counts[status], STATUS_COLOURS[status])
        for status in FollowUpStatus
        if counts[status]
    ]
    return Figure(status_distribution(title, items)) if total else None


def sdg_coverage_figure(organisation, plans, title):
    goals = list(Goal.objects.all())
    rows = coverage_rows(goals, plans, organisation)
    columns = [plan.title for plan in plans] + [_("Cooperation arenas")]
    counts = {
        (row["goal"].number, index): count
        for row in rows
        for index, count in enumerate(row["counts"])
    }
    goal_rows = [(goal.number, goal.short, goal.colour) for goal in goals]
    return Figure(coverage_matrix(title, goal_rows, columns, counts)), rows


def indicator_figures(indicators, year=None, charts=None, organisation=None):
    """A chart per indicator, and a table of each one's value and target for the year; an
    invented indicator is named so where the organisation holds demo data.

    `charts` ({(indicator id, year): figure}) keeps the charts drawn so far, for a report that
    shows an indicator in several places (the VLR, under each goal its items serve): drawing a
    chart once is enough, and drawing was most of the time of the VLR's Word file.
    """
    figures, rows = [], []
    charts = {} if charts is None else charts
    for indicator in indicators:
        values = [
            value for value in indicator.sorted_values() if year is None or value.year <= year
        ]
        target_year = year or (values[-1].year if values else None)
        target = indicator.target_for(target_year) if target_year else None
        latest = values[-1] if values else None
        rows.append(
            [
                indicator.name
                + (
                    f" ({_('illustrative')})"
                    if is_shown_illustrative(indicator, organisation)
                    else ""
                ),
                indicator.unit,
                _baseline(indicator),
                latest.label if latest else "",
                latest.value if latest else None,
                target.value if target else None,
            ]
        )
        if (indicator.pk, year) not in charts:
            charts[indicator.pk, year] = _indicator_figure(indicator, values)
        figures.append(charts[indicator.pk, year])
    columns = [_("Indicator"), _("Unit"), _("Baseline"), _("Period"), _("Observed"), _("Target")]
    table = Table(
        _("Indicators against their targets"),
        columns,
        rows,
        sheet=_("Indicators"),
        empty_text=_("No indicators are linked to the plans followed up."),
    )
    return table, figures


def _indicator_figure(indicator, values):
    baseline = (
        (indicator.baseline_year, float(indicator.baseline_value))
        if indicator.baseline_year and indicator.baseline_value is not None
        else None
    )
    return Figure(
        indicator_series(
            indicator.name,
            indicator.unit,
            baseline,
            [(target.year, float(target.value)) for target in indicator.targets.all()],
            [(value.label, float(value.value)) for value in values],
        )
    )


def _baseline(indicator):
    if indicator.baseline_value is None:
        return ""
    value = display(indicator.baseline_value)
    return f"{value} ({indicator.baseline_year})" if indicator.baseline_year else value


def _years(round_):
    return round_.period_start.year, round_.period_end.year


class AnnualReport(Report):
    slug = "annual"
    title = gettext_lazy("Yearly report on the international work")
    description = gettext_lazy(
        "For a closed follow-up round: the status of every measure grouped as in the plan, "
        "changes in the register, assessments, indicators and the UN goals served."
    )
    needs_round = True

    def build(self):
        round_ = self.round
        document = self.new_document(
            _("%(organisation)s – %(round)s (%(start)s–%(end)s)")
            % {
                "organisation": self.organisation,
                "round": round_.name,
                "start": format_long_date(round_.period_start),
                "end": format_long_date(round_.period_end),
            }
        )
        if is_shown_illustrative(round_, self.organisation):
            document.add(
                Paragraph(
                    _(
                        "The follow-up data in this report are illustrative: invented to show how "
                        "Utsyn works, not reported by the units."
                    ),
                    emphasis=True,
                )
            )
        self.progress(10, _("Reading the follow-up round"))
        plans = ordered_plans(round_.plans.all())
        updates = approved_updates(round_)
        document.add(*self.summary(round_, updates))
        self.progress(25, _("Writing the plans"))
        all_rows = []
        for plan in plans:
            document.add(*self.plan_blocks(plan, updates, all_rows))
        self.progress(50, _("Reading the register"))
        document.add(*self.register_blocks(round_))
        self.progress(65, _("Drawing the indicators"))
        document.add(*self.indicator_blocks(round_, plans))
        document.add(Heading(_("The UN Sustainable Development Goals"), 2))
        figure, _rows = sdg_coverage_figure(
            self.organisation, plans, _("Plan items and arenas per goal")
        )
        document.add(
            Paragraph(
                _(
                    "How many items of each plan, and how many cooperation arenas, serve "
                    "each goal (tagged with the goal or one of its targets)."
                )
            ),
            figure,
        )
        columns = [
            _("Plan"),
            _("Identifier"),
            _("Title"),
            _("Level"),
            _("Responsible"),
            _("Status"),
            _("Progress"),
            _("Update"),
        ]
        document.primary_table = Table(_("Status of the plan items"), columns, all_rows)
        return document

    def summary(self, round_, updates):
        facts = Facts(
            [
                (_("Follow-up round"), round_.name),
                (_("Kind of period"), round_.get_period_kind_display()),
                (
                    _("Period"),
                    f"{format_long_date(round_.period_start)} – "
                    f"{format_long_date(round_.period_end)}",
                ),
                (
                    _("Closed"),
                    format_long_date(round_.closed_at.date()) if round_.closed_at else "",
                ),
                (_("Approved updates"), len(updates)),
            ]
        )
        blocks = [Heading(_("Summary"), 2), facts]
        chart = status_chart(_("Status of the measures followed up"), updates.values())
        if chart:
            blocks.append(chart)
        return blocks

    def plan_blocks(self, plan, updates, all_rows):
        blocks = [Heading(plan.title, 2)]
        if plan.description:
            blocks.append(Paragraph(plan.description))
        rows = []
        for item in plan_tree(plan):
            blocks += self.item_blocks(item, updates.get(item.pk))
            update = updates.get(item.pk)
            asked = item.place.is_followed_up
            row = [
                item.place.identifier,
                item.title,
                item.place.level_name,
                str(item.place.unit or ""),
                status_label(update.status if update else "" if asked else item.status),
                progress_text(update.progress if update else item.rolled_up_progress),
                update.text if update else "",
            ]
            rows.append(row)
            all_rows.append([plan.title, *row])
        blocks.append(
            Table(
                _("Status of the items of %(plan)s") % {"plan": plan.title},
                [
                    _("Identifier"),
                    _("Title"),
                    _("Level"),
                    _("Responsible"),
                    _("Status"),
                    _("Progress"),
                    _("Update"),
                ],
                rows,
                sheet=plan.title,
            )
        )
        return blocks

    def item_blocks(self, item, update):
        heading = item_label(item)
        blocks = [Heading(heading, min(3 + item.depth, 4))]
        if not item.place.is_followed_up:
            if item.child_items and item.rolled_up_progress is not None:
                blocks.append(
                    Facts(
                        [
                            (
                                _("Progress (from the items below)"),
                                progress_text(item.rolled_up_progress),
                            )
                        ]
                    )
                )
            return blocks
        if update is None:
            blocks.append(Paragraph(_("No approved update in this round."), emphasis=True))
            return blocks
        pairs = [
            (_("Responsible"), str(item.place.unit or "")),
            (_("Status"), status_label(update.status)),
            (_("Progress"), progress_text(update.progress)),
        ]
        blocks.append(Facts([(term, value) for term, value in pairs if value]))
        if update.text:
            blocks.append(Paragraph(update.text))
        return blocks

    def register_blocks(self, round_):
        first, last = _years(round_)
        start, end = round_.period_start, round_.period_end
        joined = Arena.objects.filter(since_year__gte=first, since_year__lte=last)
        left = Arena.objects.filter(
            Q(until_year__gte=first, until_year__lte=last)
            | Q(status=Arena.Status.ENDED, status_date__range=(start, end))
        )
        on_hold = Arena.objects.filter(
            status=Arena.Status.ON_HOLD, status_date__range=(start, end)
        ).order_by("name")
        decisions = Decision.objects.filter(decided_on__range=(start, end)).select_related(
            "arena", "body"
        )
        assessments = (
            Assessment.objects.filter(assessed_on__range=(start, end))
            .select_related("arena")
            .order_by("arena__name")
        )
        return [
            Heading(_("Changes in the register of cooperation arenas"), 2),
            _arena_table(
                _("Arenas joined in the period"),
                joined,
                "since_year",
                _("No arena was joined in the period."),
            ),
            _arena_table(
                _("Arenas left in the period"),
                left,
                "until_year",
                _("No arena was left in the period."),
            ),
            Table(
                _("Arenas put on hold in the period"),
                [_("Arena"), _("Kind"), _("On hold since"), _("Reason")],
                [
                    [arena.name, arena.get_kind_display(), arena.status_date, arena.status_reason]
                    for arena in on_hold
                ],
                sheet=_("On hold"),
                empty_text=_("No arena was put on hold in the period."),
            ),
            Table(
                _("Decisions in the period"),
                [_("Arena"), _("Decision"), _("Text")],
                [[d.arena.name, decision_text(d), d.text] for d in decisions],
                sheet=_("Decisions"),
                empty_text=_("No decisions on arenas were made in the period."),
            ),
            Heading(_("Assessments"), 2),
            Table(
                _("Assessments made in the period"),
                [
                    _("Arena"),
                    _("Date"),
                    _("Participation"),
                    _("Learning outcome"),
                    _("Influence"),
                    _("Recommendation"),
                ],
                [
                    [
                        a.arena.name,
                        a.assessed_on,
                        a.get_participation_display(),
                        a.get_learning_display(),
                        a.get_influence_display(),
                        a.get_recommendation_display(),
                    ]
                    for a in assessments
                ],
                sheet=_("Assessments"),
                empty_text=_("No arenas were assessed in the period."),
            ),
        ]

    def indicator_blocks(self, round_, plans):
        items = PlanItem.objects.filter(plan__in=plans).values("pk")
        indicators = list(indicators_with_figures().filter(items__in=items).distinct())
        table, figures = indicator_figures(
            indicators, round_.period_end.year, organisation=self.organisation
        )
        blocks = [Heading(_("Indicators"), 2), table, *figures]
        if any(is_shown_illustrative(indicator, self.organisation) for indicator in indicators):
            blocks.insert(
                1,
                Paragraph(
                    _("Indicators marked illustrative hold invented figures."), emphasis=True
                ),
            )
        return blocks


def _arena_table(caption, arenas, year_field, empty_text):
    rows = [
        [
            arena.name,
            arena.get_kind_display(),
            getattr(arena, year_field) or "",
            arena.get_status_display(),
        ]
        for arena in arenas.order_by("name")
    ]
    return Table(
        caption,
        [_("Arena"), _("Kind"), _("Year"), _("Status")],
        rows,
        sheet=caption,
        empty_text=empty_text,
    )
