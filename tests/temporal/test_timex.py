"""Finding and normalising time expressions, anchored on Wednesday 12 June 2024."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.temporal import Timex, find_times, find_timexes, resolve

ANCHOR = dt.date(2024, 6, 12)  # a Wednesday


def only(text: str, anchor: dt.date | None = ANCHOR) -> Timex:
    """The single expression found in ``text``."""
    found = find_timexes(text, anchor)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


def dates(t: Timex) -> tuple[str | None, str | None]:
    return t.start_date, t.end_date


def test_temporal_on_weekday_in_past_tense_is_publication_day_when_same_weekday() -> None:
    t = only("The envoys met on Wednesday in Vienna.")
    assert (t.text, t.value, t.precision) == ("Wednesday", "2024-06-12", "day")


def test_temporal_on_weekday_in_past_tense_is_most_recent_such_day() -> None:
    t = only("The envoys met on Monday in Vienna.")
    assert t.value == "2024-06-10"


def test_temporal_capitalised_name_in_ed_is_no_past_tense_cue() -> None:
    # "United", "Red", "Ahmed": a name ending in -ed does not make the clause past.
    t = only("The minister would be flying to the United Kingdom Friday with his aides.")
    assert (t.value, t.direction) == ("2024-06-14", "future")
    t = only("The minister would be flying to Red Lake Friday with his aides.")
    assert t.value == "2024-06-14"


def test_temporal_lowercase_verb_in_ed_stays_a_past_cue() -> None:
    t = only("The minister would travel, aides confirmed Friday.")
    assert (t.value, t.direction) == ("2024-06-07", "past")


def test_temporal_weekday_with_future_cue_looks_ahead() -> None:
    t = only("The envoys will meet on Friday in Vienna.")
    assert t.value == "2024-06-14"
    assert t.directional and t.direction == "future"


def test_temporal_resolves_last_september() -> None:
    t = only("The ceasefire collapsed last September.")
    assert (t.text, t.value, t.precision) == ("last September", "2023-09", "month")
    assert dates(t) == ("2023-09-01", "2023-09-30")


def test_temporal_resolves_month_with_last_year() -> None:
    t = only("The ceasefire collapsed in September last year.")
    assert (t.text, t.value) == ("September last year", "2023-09")


def test_temporal_late_may_is_month_with_end_mod_and_last_third() -> None:
    t = only("The convoy left the border town in late May.")
    assert (t.text, t.value, t.mod, t.precision) == ("late May", "2024-05", "END", "month")
    assert dates(t) == ("2024-05-21", "2024-05-31")


def test_temporal_earlier_this_week_ends_on_publication_day() -> None:
    t = only("The minister resigned earlier this week.")
    assert t.value == "2024-W24"
    assert dates(t) == ("2024-06-10", "2024-06-12")


def test_temporal_as_early_as_next_week_is_the_next_iso_week() -> None:
    t = only("Parliament could vote as early as next week.")
    assert (t.text, t.value, t.precision) == ("next week", "2024-W25", "week")
    assert dates(t) == ("2024-06-17", "2024-06-23")


def test_temporal_in_march_with_past_tense_is_this_year() -> None:
    t = only("The rebels captured the airport in March.")
    assert (t.value, t.precision) == ("2024-03", "month")
    assert dates(t) == ("2024-03-01", "2024-03-31")


def test_temporal_month_and_year() -> None:
    assert only("The treaty was drafted in April 2019.").value == "2019-04"


@pytest.mark.parametrize(
    ("sentence", "text", "value", "start", "end"),
    [
        ("Exports will rise next month.", "next month", "2024-07", "2024-07-01", "2024-07-31"),
        ("Exports fell last year.", "last year", "2023", "2023-01-01", "2023-12-31"),
        ("The strike began yesterday.", "yesterday", "2024-06-11", "2024-06-11", "2024-06-11"),
        ("The strike ends today.", "today", "2024-06-12", "2024-06-12", "2024-06-12"),
        ("Shelling resumed two days ago.", "two days ago", "2024-06-10", "2024-06-10",
         "2024-06-10"),
        ("Shelling resumed this week.", "this week", "2024-W24", "2024-06-10", "2024-06-16"),
        ("The summit will open on June 19.", "June 19", "2024-06-19", "2024-06-19",
         "2024-06-19"),
        ("The summit opens June 19, 2024.", "June 19, 2024", "2024-06-19", "2024-06-19",
         "2024-06-19"),
        ("The summit opens on 19 June.", "19 June", "2024-06-19", "2024-06-19", "2024-06-19"),
        ("Filed on 2024-06-19 by the ministry.", "2024-06-19", "2024-06-19", "2024-06-19",
         "2024-06-19"),
        ("Hyperinflation hit the country in the 1990s.", "the 1990s", "199", "1990-01-01",
         "1999-12-31"),
        ("Rates will fall early next year.", "early next year", "2025", "2025-01-01",
         "2025-05-01"),
        ("The loan is due at the end of the month.", "the end of the month", "2024-06",
         "2024-06-21", "2024-06-30"),
    ],
)  # fmt: skip
def test_temporal_resolves_common_news_expressions(
    sentence: str, text: str, value: str, start: str, end: str
) -> None:
    t = only(sentence)
    assert (t.text, t.value, t.start_date, t.end_date) == (text, value, start, end)


def test_temporal_past_three_years_is_a_duration() -> None:
    t = only("Prices have doubled over the past three years.")
    assert (t.text, t.type, t.value) == ("the past three years", "DURATION", "P3Y")
    assert dates(t) == ("2021-06-12", "2024-06-12")


def test_temporal_every_week_is_a_set() -> None:
    t = only("The council meets every week.")
    assert (t.type, t.value) == ("SET", "P1W")


def test_temporal_this_morning_is_a_time_of_the_publication_day() -> None:
    t = only("Sirens sounded this morning.")
    assert (t.type, t.value, t.start_date) == ("TIME", "2024-06-12TMO", "2024-06-12")


def test_temporal_monday_night_is_a_night_time() -> None:
    t = only("Drones struck the depot on Monday night.")
    assert (t.text, t.type, t.value) == ("Monday night", "TIME", "2024-06-10TNI")


def test_temporal_mid_month_keeps_the_middle_third() -> None:
    t = only("The harvest begins in mid-July.")
    assert (t.value, t.mod) == ("2024-07", "MID")
    assert dates(t) == ("2024-07-11", "2024-07-20")


def test_temporal_a_week_later_counts_from_last_date_mentioned() -> None:
    found = find_timexes("Talks opened on June 3. A week later, both sides walked out.", ANCHOR)
    assert [(t.text, t.value) for t in found] == [("June 3", "2024-06-03"),
                                                  ("A week later", "2024-06-10")]  # fmt: skip
    assert found[1].ref is not None


def test_temporal_a_week_later_without_earlier_date_counts_from_anchor() -> None:
    t = only("A week later, both sides walked out.")
    assert (t.value, t.precision, t.ref) == ("2024-W25", "week", None)


def test_temporal_a_year_earlier_beside_a_quarter_is_that_quarter() -> None:
    found = find_timexes("Profit rose in the second quarter from a year earlier.", ANCHOR)
    assert [t.value for t in found] == ["2024-Q2", "2023-Q2"]


@pytest.mark.parametrize(
    "sentence",
    [
        "You may leave now if you wish.",  # modal "may"; "now" is the only expression
        "Wait a second, she said now.",
    ],
)
def test_temporal_ignores_false_friends(sentence: str) -> None:
    assert [t.text for t in find_timexes(sentence, ANCHOR)] == ["now"]


def test_temporal_no_false_hit_on_quantities() -> None:
    assert find_timexes("The army deployed 2000 troops and 150 tanks.", ANCHOR) == [] or all(
        t.text != "150" for t in find_timexes("The army deployed 2000 troops.", ANCHOR)
    )
    assert find_timexes("It costs $1999 and weighs 12.5 kg.", ANCHOR) == []


def test_temporal_without_anchor_keeps_absolute_dates_only() -> None:
    found = {t.text: t for t in find_timexes("On 3 May 2021 and again yesterday.", None)}
    assert found["3 May 2021"].start_date == "2021-05-03"
    assert found["yesterday"].start_date is None
    assert found["yesterday"].value.startswith("XXXX")


def test_temporal_resolve_changes_direction_of_a_bare_month() -> None:
    t = only("The referendum is in March.")
    assert resolve(t, "future").value == "2025-03"
    assert resolve(t, "past").value == "2024-03"


def test_temporal_reference_words() -> None:
    found = find_timexes("Food is scarce now, and was plentiful in the past.", ANCHOR)
    assert [(t.text, t.value) for t in found] == [("now", "PRESENT_REF"), ("the past", "PAST_REF")]


def test_temporal_clock_time_with_weekday() -> None:
    t = only("The curfew began at 10 p.m. Friday, police said.")
    assert (t.type, t.value) == ("TIME", "2024-06-07T22:00")
    coming = only("The curfew starts at 10 p.m. Friday, police said.")  # a schedule: ahead
    assert (coming.type, coming.value) == ("TIME", "2024-06-14T22:00")


def test_temporal_quarter_and_half() -> None:
    found = find_timexes("Output fell in the first quarter and in the second half of 2023.", ANCHOR)
    assert [t.value for t in found] == ["2024-Q1", "2023-H2"]


def test_temporal_find_times_returns_only_resolved_dates_with_offsets() -> None:
    text = "For three weeks the port was shut; it reopened on Monday."
    infos = find_times(text, ANCHOR)
    assert [(i.text, i.start, i.precision) for i in infos] == [("Monday", "2024-06-10", "day")]
    info = infos[0]
    assert text[info.span_start : info.span_end] == "Monday"
    assert info.anchor == "2024-06-12" and info.rule == "weekday"


def test_temporal_offsets_point_into_the_text() -> None:
    text = "Late last week, and then on 4 July 2023, the ministers met twice."
    for t in find_timexes(text, ANCHOR):
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The council scheduled a hearing Friday to review the permits.", "2024-06-14"),
        ("The merger is scheduled to close Monday.", "2024-06-17"),
        ("The delegation planned to fly home on Thursday.", "2024-06-13"),
        ("Both parties are expected to sign in August.", "2024-08"),
    ],
)
def test_temporal_plan_participle_before_expression_points_to_future(text: str, value: str) -> None:
    assert only(text).value == value


def test_temporal_plan_participle_after_expression_stays_past() -> None:
    t = only("On Monday, after a hastily planned meeting, the board voted.")
    assert t.value == "2024-06-10"


def test_temporal_previously_planned_is_a_past_plan() -> None:
    t = only("The offensive began as previously planned Saturday.")
    assert t.value == "2024-06-08"


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The dam was finished in nineteen eighty-two.", "nineteen eighty-two", "1982"),
        ("The mill opened in nineteen oh seven.", "nineteen oh seven", "1907"),
        ("The fair returns in twenty twelve.", "twenty twelve", "2012"),
        ("They vowed to finish by the year two thousand.", "the year two thousand", "2000"),
        ("The strike began in March nineteen seventy.", "March nineteen seventy", "1970-03"),
        (
            "It froze in the winter of nineteen sixty-three.",
            "the winter of nineteen sixty-three",
            "1963-WI",
        ),
    ],
)
def test_temporal_years_spelled_out_in_words(text: str, span: str, value: str) -> None:
    t = only(text)
    assert (t.text, t.value) == (span, value)


def test_temporal_two_thousand_alone_is_a_number_not_a_year() -> None:
    assert find_timexes("About two thousand people marched downtown.", ANCHOR) == []


def test_temporal_week_of_a_day_is_that_iso_week() -> None:
    t = only("A hearing is set for the week of July 8.")
    assert (t.text, t.value, t.precision) == ("the week of July 8", "2024-W28", "week")
    assert dates(t) == ("2024-07-08", "2024-07-14")


@pytest.mark.parametrize(
    ("text", "span", "kind", "value"),
    [
        ("The chain expects losses for the year, its chairman said.", "the year", "DATE", "2024"),
        ("Sales for the full year should top forecasts.", "the full year", "DATE", "2024"),
        ("Orders fell in the first months of the year.", "the year", "DATE", "2024"),
        ("Revenue reached $3 million in the year ended March 31.", "the year", "DURATION", "P1Y"),
        ("Profit rose in the fiscal year ending in August.", "the fiscal year", "DURATION", "P1Y"),
    ],
)
def test_temporal_the_year_in_a_reporting_context(
    text: str, span: str, kind: str, value: str
) -> None:
    t = next(t for t in find_timexes(text, ANCHOR) if "year" in t.text)
    assert (t.text, t.type, t.value) == (span, kind, value)


@pytest.mark.parametrize(
    "text",
    [
        "She was named player of the year.",
        "Prices had doubled the year before.",
        "It was the year of the flood.",
    ],
)
def test_temporal_the_year_alone_is_not_a_date(text: str) -> None:
    assert [t.text for t in find_timexes(text, ANCHOR)] == []


@pytest.mark.parametrize(
    "text",
    [
        "The plant would save $40 million a year in fuel.",
        "The airline adds six flights a week to the island.",
        "Rooms cost between $80 and $120 a night.",
    ],
)
def test_temporal_rate_after_an_amount_is_not_a_duration(text: str) -> None:
    assert find_timexes(text, ANCHOR) == []


def test_temporal_a_year_after_a_verb_stays_a_duration() -> None:
    t = only("The reporter was jailed for a year.")
    assert (t.text, t.type, t.value) == ("a year", "DURATION", "P1Y")


def test_temporal_hyphenated_quarters_are_a_fraction() -> None:
    assert find_timexes("The port handles three-quarters of the grain.", ANCHOR) == []


def test_temporal_second_day_of_a_pair_shares_the_month() -> None:
    found = find_timexes("The fair runs on August 9 and 10 in the old port.", ANCHOR)
    assert [(t.text, t.value) for t in found] == [("August 9", "2024-08-09"), ("10", "2024-08-10")]


def test_temporal_numbers_joined_by_and_without_month_are_not_days() -> None:
    assert find_timexes("The team scored 24 and 25 points.", ANCHOR) == []


def test_temporal_participle_after_be_is_not_past_tense() -> None:
    t = only("The vote would then be held on March 3 in the capital.")
    assert t.value == "2025-03-03"


def test_temporal_the_next_morning_is_the_morning_after_the_last_day_named() -> None:
    found = find_timexes("The ferry left on June 3. The next morning it docked.", ANCHOR)
    assert [(t.text, t.type, t.value) for t in found][-1] == (
        "The next morning",
        "TIME",
        "2024-06-04TMO",
    )


def test_temporal_later_in_the_day_is_the_day_last_named() -> None:
    found = find_timexes("Rebels attacked on Monday, and later in the day they fled.", ANCHOR)
    assert [t.value for t in found] == ["2024-06-10", "2024-06-10"]
    alone = find_timexes("The minister resigned later in the day.", ANCHOR)
    assert [(t.text, t.value) for t in alone] == [("later in the day", "2024-06-12")]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Gunmen struck at 4 in the morning.", "2024-06-12T04:00"),
        ("The vote closed at 8 in the evening.", "2024-06-12T20:00"),
        ("A blast was heard at 11 at night.", "2024-06-12T23:00"),
        ("The bells rang at 6 o'clock.", "2024-06-12T06:00"),
    ],
)
def test_temporal_clock_hours_with_a_part_of_the_day(sentence: str, value: str) -> None:
    (found,) = find_timexes(sentence, ANCHOR)
    assert (found.type, found.value) == ("TIME", value)


def test_temporal_hour_before_a_part_of_day_noun_is_no_time() -> None:
    found = find_timexes("He won 2 in the morning race.", ANCHOR)
    assert all(t.type != "TIME" for t in found)


def test_temporal_middle_days_of_a_list_take_the_month() -> None:
    found = find_timexes("Ballots are counted on May 7, 8 and 9.", ANCHOR)
    assert [t.value for t in found] == ["2024-05-07", "2024-05-08", "2024-05-09"]


def test_temporal_comma_before_a_count_is_no_day() -> None:
    found = find_timexes("On May 7, 12 miners were rescued.", ANCHOR)
    assert [t.text for t in found] == ["May 7"]


def test_temporal_holiday_week_is_the_iso_week_of_the_holiday() -> None:
    (found,) = find_timexes("Pilgrims crowded the city in Easter week.", dt.date(2024, 3, 27))
    assert (found.value, found.start_date, found.end_date) == (
        "2024-W13",
        "2024-03-25",
        "2024-03-31",
    )


def test_temporal_holiday_near_publication_is_that_holiday_in_any_tense() -> None:
    (found,) = find_timexes("Shoppers crowded stores before Christmas.", dt.date(2024, 12, 20))
    assert found.value == "2024-12-25"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The court postponed the hearing until Friday.", "2024-06-14"),
        ("Officials extended the ceasefire by two days to Monday.", "2024-06-17"),
        ("The board delayed its vote until March.", "2025-03"),
    ],
)
def test_temporal_deferral_points_to_the_future_despite_past_tense(
    sentence: str, value: str
) -> None:
    found = find_timexes(sentence, ANCHOR)
    assert found[-1].value == value


def test_temporal_possessive_weekday_is_a_past_day_even_near_a_future_cue() -> None:
    found = find_timexes("Lawyers will appeal Monday's verdict.", ANCHOR)
    assert [t.value for t in found] == ["2024-06-10"]
    ahead = find_timexes("Markets were calm ahead of Friday's vote.", ANCHOR)
    assert [t.value for t in ahead] == ["2024-06-14"]


def test_temporal_present_tense_schedule_verb_looks_ahead() -> None:
    assert only("The council meets Monday to debate the budget.").value == "2024-06-17"
    assert only("Talks were supposed to end by Friday.").value == "2024-06-07"


def test_temporal_clock_time_takes_the_weekday_after_an_aside() -> None:
    found = find_timexes("The quake struck at 3:15 a.m. (0115 GMT) Monday, officials said.", ANCHOR)
    assert found[0].value == "2024-06-10T03:15"


def test_temporal_clock_time_without_a_day_takes_the_day_last_named() -> None:
    found = find_timexes("Floods hit the town on June 3. Sirens sounded at 10 p.m.", ANCHOR)
    assert [t.value for t in found] == ["2024-06-03", "2024-06-03T22:00"]
    assert only("Polls close at 8 p.m.").value == "2024-06-12T20:00"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The siege lasted a year and a half.", "P1Y6M"),
        ("Repairs took two and a half weeks.", "P2.5W"),
        ("The speech ran an hour and a half.", "PT1H30M"),
        ("The blackout lasted a minute and a half.", "PT1M30S"),
    ],
)
def test_temporal_durations_with_a_half(sentence: str, value: str) -> None:
    (found,) = find_timexes(sentence, ANCHOR)
    assert (found.type, found.value) == ("DURATION", value)


def test_temporal_current_fiscal_year_is_the_publication_year() -> None:
    assert only("Profits in the current fiscal year fell.").value == "2024"


def test_temporal_one_day_after_a_modal_is_the_future() -> None:
    assert only("The island could one day vanish.").value == "FUTURE_REF"
    assert only("The strike lasted one day.").value == "P1D"


def test_temporal_earlier_before_a_weekday_stays_outside_the_span() -> None:
    found = only("Earlier Monday, the envoy landed in the capital.")
    assert (found.text, found.value) == ("Monday", "2024-06-10")
