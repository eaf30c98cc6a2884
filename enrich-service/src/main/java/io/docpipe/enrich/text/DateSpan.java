package io.docpipe.enrich.text;

import java.time.LocalDate;

/**
 * A date mention with its TIMEX3-style value (2001-10-07, 2017-W01, 2001-10, 2001, 198 for the 1980s; a range of
 * days as an ISO 8601 interval, 2016-10-25/2016-10-26), granularity, optional modifier (START, MID, END), and
 * the days it covers. [start, end) into the document's text.
 */
public record DateSpan(String text, String value, Granularity granularity, String modifier, int start,
    int end, LocalDate firstDay, LocalDate lastDay) {

  public enum Granularity { DAY, WEEK, MONTH, YEAR, DECADE, CENTURY }
}
