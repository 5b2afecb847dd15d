"""Time expressions and event dates.

* :func:`find_timexes` finds and normalises TimeML TIMEX3 expressions in a text;
* :func:`find_times` gives the resolved DATE/TIME ones as :class:`~tidings.records.DateInfo`;
* :func:`date_events` sets ``event.date`` from the expression attached to each event.
"""

from tidings.temporal.events import date_events
from tidings.temporal.timex import Timex, find_times, find_timexes, resolve

__all__ = ["Timex", "date_events", "find_times", "find_timexes", "resolve"]
