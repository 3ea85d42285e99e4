"""A Voluntary Local Review of the UN Sustainable Development Goals.

The sections follow UN DESA's global guiding elements for VLRs. Utsyn fills in what it knows
(which plans, measures and arenas serve which goals and targets, their progress, indicators);
the rest are headed places for the municipality's own text, kept in `ReportText`.
"""

from collections import Counter, defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utsyn.arenas.models import Arena
from utsyn.indicators.queries import indicators_with_figures
from utsyn.plans.models import Plan, PlanItem
from utsyn.plans.queries import ordered_plans
from utsyn.plans.tree import build_tree
from utsyn.projects.models import Project
from utsyn.sdgs.models import Goal, Target

from .annual import indicator_figures, item_label, sdg_coverage_figure, status_label
from .arena_review import fee_blocks, map_points
from .base import Report
from .charts import bar_chart
from .document import Figure, Heading, Paragraph, Table, UserText
from .maps import partner_map


def goals_served(obj):
    """The goal numbers an item or arena serves: its goals and the goals of its targets."""
    numbers = {goal.number for goal in obj.sdg_goals.all()}
    return numbers | {target.goal_id for target in obj.sdg_targets.all()}


def tagged_items(plans):
    """Every item of the plans in reading order, with rolled-up progress and its SDG tags."""
    items = (
        PlanItem.objects.filter(plan__in=plans)
        .select_related("responsible_unit", "plan")
        .prefetch_related("sdg_goals", "sdg_targets")
    )
    by_plan = defaultdict(list)
    for item in items:
        by_plan[item.plan_id].append(item)
    return [item for plan in ordered_plans(plans) for item in build_tree(by_plan[plan.pk], plan)]


def tagged_projects():
    return list(
        Project.objects.select_related("programme")
        .prefetch_related("sdg_goals", "sdg_targets")
        .order_by("title")
    )


def tagged_arenas():
    return list(
        Arena.objects.select_related("responsible")
        .prefetch_related("sdg_goals", "sdg_targets")
        .order_by("name")
    )


def _progress(item):
    value = item.rolled_up_progress
    return f"{value} %" if value is not None else ""


def _targets(obj, goal_number):
    return ", ".join(
        target.code for target in obj.sdg_targets.all() if target.goal_id == goal_number
    )


class VoluntaryLocalReview(Report):
    slug = "vlr"
    title = gettext_lazy("Voluntary Local Review of the UN Sustainable Development Goals")
    description = gettext_lazy(
        "The municipality's work on the 17 goals in the sections of the UN guiding elements "
        "for VLRs: what Utsyn knows is filled in, the rest is written by you and kept."
    )
    user_sections = {
        "introduction": gettext_lazy("Introduction"),
        "methodology": gettext_lazy("Methodology and process"),
        "policy": gettext_lazy("Policy and enabling environment"),
        "progress": gettext_lazy("Progress on goals and targets"),
        "means": gettext_lazy("Means of implementation"),
        "conclusions": gettext_lazy("Conclusions and next steps"),
        "annexes": gettext_lazy("Annexes"),
    }
    placeholders = {
        "introduction": gettext_lazy(
            "Your text: why the municipality makes this review, its main messages, and who "
            "took part."
        ),
        "methodology": gettext_lazy(
            "Your text: how the review was prepared – the data used, who was consulted, how "
            "residents, organisations and businesses took part."
        ),
        "policy": gettext_lazy(
            "Your text: how the goals are built into the municipality's plans and budgets, "
            "and who is responsible for them."
        ),
        "progress": gettext_lazy(
            "Your text: what went well, what did not, and who is at risk of being left behind."
        ),
        "means": gettext_lazy(
            "Your text: funding, partnerships, capacity and data that the work depends on."
        ),
        "conclusions": gettext_lazy(
            "Your text: what the municipality has learnt and will do next."
        ),
        "annexes": gettext_lazy("Your text: anything more to attach, e.g. sources."),
    }

    def section(self, key, texts):
        return [
            Heading(str(self.user_sections[key]), 2),
            UserText(key, texts.get(key, ""), str(self.placeholders[key])),
        ]

    def build(self):
        texts = self.user_texts()
        document = self.new_document()
        self.progress(10, _("Reading the plans and the register"))
        plans = list(Plan.objects.filter(organisation=self.organisation).order_by("title"))
        items = tagged_items(plans)
        arenas = tagged_arenas()
        projects = tagged_projects()
        goals = list(Goal.objects.all())
        served = {goal.number: [] for goal in goals}
        for obj in [*items, *arenas, *projects]:
            for number in goals_served(obj):
                served[number].append(obj)

        document.add(*self.section("introduction", texts))
        document.add(*self.section("methodology", texts))
        document.add(self.sources_paragraph(plans, items, arenas, projects))
        self.progress(30, _("Writing the policy section"))
        document.add(*self.section("policy", texts))
        document.add(*self.policy_blocks(plans, items, goals))
        self.progress(50, _("Writing the progress on each goal"))
        document.add(*self.section("progress", texts))
        indicators = list(indicators_with_figures().filter(items__in=items).distinct())
        self.indicator_charts = {}
        self.indicators_shown = set()
        for goal in goals:
            document.add(*self.goal_blocks(goal, served[goal.number], indicators))
        self.progress(70, _("Writing the means of implementation"))
        document.add(*self.section("means", texts))
        document.add(*self.means_blocks(arenas))
        document.add(*self.funding_blocks(projects))
        document.add(*self.section("conclusions", texts))
        document.add(*self.section("annexes", texts))
        mapping = self.mapping_table([*items, *arenas, *projects])
        document.add(
            Heading(_("Annex: the goals and targets each measure, arena and project serves"), 3),
            mapping,
        )
        document.primary_table = mapping
        return document

    def sources_paragraph(self, plans, items, arenas, projects):
        return Paragraph(
            _(
                "Utsyn filled in the sections below from %(plans)s plans with %(items)s items, "
                "%(arenas)s cooperation arenas and %(projects)s projects, as tagged with the "
                "goals and targets they serve, with each item's latest status and progress and "
                "the indicators linked to them."
            )
            % {
                "plans": len(plans),
                "items": len(items),
                "arenas": len(arenas),
                "projects": len(projects),
            }
        )

    def policy_blocks(self, plans, items, goals):
        rows = [
            [
                plan.title,
                plan.get_type_display(),
                f"{plan.start_year or ''}–{plan.end_year or ''}".strip("–"),
                str(plan.adopted_by or ""),
                plan.get_status_display(),
                len([item for item in items if item.plan_id == plan.pk]),
            ]
            for plan in plans
        ]
        table = Table(
            _("The municipality's plans"),
            [_("Plan"), _("Type"), _("Period"), _("Adopted by"), _("Status"), _("Items")],
            rows,
            sheet=_("Plans"),
            empty_text=_("No plans are recorded."),
        )
        figure, _rows = sdg_coverage_figure(
            self.organisation, plans, _("Plan items and arenas per goal")
        )
        return [Heading(_("The goals in the municipality's plans"), 3), table, figure]

    def goal_blocks(self, goal, served, indicators):
        blocks = [Heading(f"{goal.number}. {goal.short}", 3), Paragraph(goal.title)]
        if not served:
            blocks.append(Paragraph(_("No plan item, arena or project is tagged with this goal.")))
            return blocks
        items = [obj for obj in served if isinstance(obj, PlanItem)]
        arenas = [obj for obj in served if isinstance(obj, Arena)]
        projects = [obj for obj in served if isinstance(obj, Project)]
        if items:
            blocks.append(
                Table(
                    _("Measures serving goal %(goal)s") % {"goal": goal.number},
                    [
                        _("Plan"),
                        _("Identifier"),
                        _("Title"),
                        _("SDG targets"),
                        _("Status"),
                        _("Progress"),
                    ],
                    [
                        [
                            item.plan.title,
                            item.place.identifier,
                            item.title,
                            _targets(item, goal.number),
                            status_label(item.status),
                            _progress(item),
                        ]
                        for item in items
                    ],
                    sheet=_("Goal %(goal)s") % {"goal": goal.number},
                )
            )
        if arenas:
            blocks.append(
                Paragraph(
                    _("Cooperation arenas serving this goal: %(arenas)s.")
                    % {"arenas": ", ".join(arena.name for arena in arenas)}
                )
            )
        if projects:
            blocks.append(
                Paragraph(
                    _("Projects serving this goal: %(projects)s.")
                    % {"projects": ", ".join(project.title for project in projects)}
                )
            )
        item_ids = {item.pk for item in items}
        linked = [
            indicator
            for indicator in indicators
            if any(item.pk in item_ids for item in indicator.items.all())
        ]
        if linked:
            table, figures = indicator_figures(
                linked, charts=self.indicator_charts, organisation=self.organisation
            )
            table.caption = _("Indicators for goal %(goal)s") % {"goal": goal.number}
            table.sheet = _("Indicators %(goal)s") % {"goal": goal.number}
            blocks += [table, *self.first_showings(linked, figures)]
        return blocks

    def first_showings(self, indicators, figures):
        """The charts of indicators not yet shown: an indicator that serves several goals is
        drawn under the first, and named in the table of each."""
        new, shown_before = [], []
        for indicator, figure in zip(indicators, figures, strict=True):
            if indicator.pk in self.indicators_shown:
                shown_before.append(indicator.name)
            else:
                self.indicators_shown.add(indicator.pk)
                new.append(figure)
        if shown_before:
            note = _("The chart of %(indicators)s is shown under an earlier goal.")
            new.append(Paragraph(note % {"indicators": ", ".join(shown_before)}))
        return new

    def means_blocks(self, arenas):
        counts = Counter(arena.get_kind_display() for arena in arenas)
        chart = bar_chart(
            _("Cooperation arenas by kind"), _("Kind"), _("Arenas"), counts.most_common()
        )
        return [
            Heading(_("Partnerships: the cooperation arenas"), 3),
            Paragraph(
                _(
                    "The municipality takes part in %(count)s international cooperation arenas: "
                    "memberships of organisations and networks, twin cities and agreements."
                )
                % {"count": len(arenas)}
            ),
            Figure(chart),
            Figure(partner_map(_("Partner cities and network seats"), map_points(arenas))),
            *[block for block in fee_blocks(arenas) if not isinstance(block, Heading)],
        ]

    def funding_blocks(self, projects):
        rows = [
            [
                project.title,
                str(project.programme or ""),
                project.get_status_display(),
                project.currency,
                project.project_budget,
                project.total_budget,
                project.grant_amount,
                project.own_contribution,
            ]
            for project in projects
        ]
        columns = [
            _("Project"),
            _("Programme"),
            _("Status"),
            _("Currency"),
            _("Whole project's budget"),
            _("Our budget"),
            _("Grant"),
            _("Own contribution"),
        ]
        return [
            Heading(_("External funding: projects"), 3),
            Table(
                _("Projects and their funding"),
                columns,
                rows,
                sheet=_("Projects"),
                empty_text=_("No projects are recorded."),
            ),
        ]

    def mapping_table(self, tagged):
        target_titles = {target.code: target.title for target in Target.objects.all()}
        rows = []
        for obj in tagged:
            codes = [target.code for target in obj.sdg_targets.all()]
            goals = sorted(goals_served(obj))
            if not goals:
                continue
            if isinstance(obj, PlanItem):
                kind, name = obj.plan.title, item_label(obj)
            elif isinstance(obj, Project):
                kind, name = _("Project"), obj.title
            else:
                kind, name = _("Cooperation arena"), obj.name
            rows.append(
                [
                    name,
                    kind,
                    ", ".join(str(goal) for goal in goals),
                    "; ".join(f"{code} {target_titles.get(code, '')}".strip() for code in codes),
                ]
            )
        return Table(
            _("Goals and targets served"),
            [_("Measure, arena or project"), _("Source"), _("SDG goals"), _("SDG targets")],
            rows,
            sheet=_("SDG mapping"),
            empty_text=_("Nothing is tagged with the UN goals yet."),
        )
