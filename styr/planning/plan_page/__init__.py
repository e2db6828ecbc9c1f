"""The plan page of one unit and year: its data, read through selectors, and its forms.

The seed's parts are the page's tabs (seed §5.A–5.C, §6.1–6.3). Every item that can be added,
changed or removed in place is a *kind* (``kinds.KINDS``): its tab, the permission that shows its
forms, the selector that reads one, and the services that write it. ``page.PlanPage`` reads what
one tab shows. The views in ``views_plan`` stay thin: they look a kind up, bind its form and call
its service.
"""

from styr.planning.plan_page.kinds import KINDS, Kind, form_key, initial_from, load_item, load_parent, posted_targets
from styr.planning.plan_page.page import DEFAULT_TAB, TABS, PlanPage, attach

__all__ = ["DEFAULT_TAB", "KINDS", "TABS", "Kind", "PlanPage", "attach", "form_key", "initial_from", "load_item", "load_parent", "posted_targets"]
