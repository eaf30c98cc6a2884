package io.docpipe.enrich.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.docpipe.enrich.text.DateSpan.Granularity;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds date mentions and normalizes them to TIMEX3-style values: full dates, dates without a year (the
 * year comes from the closest preceding explicit year in the text, else the year that fits the sentence's
 * tense nearest the reference date), ranges of days, month and year, decades with early/mid/late,
 * plausible years, "this/last year", the event name 9/11, and the relative dates of {@link RelativeDates}
 * (today, weekdays, this week, N months ago, the following day). Durations ("for four years") and sets
 * ("every Monday") are not dates and are left out. Patterns are java.util.regex with
 * possessive or bounded quantifiers only (linear time).
 */
public final class DateTagger {
  private static final String MONTH = "(January|February|March|April|May|June|July|August|September|"
      + "October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept\\.?|"
      + "Sep\\.?|Oct\\.?|Nov\\.?|Dec\\.?)";
  private static final String DAY = "([0-3]?\\d)(?:st|nd|rd|th)?";
  private static final String YEAR = "(1[5-9]\\d\\d|20\\d\\d)";

  private static final Pattern MONTH_DAY_YEAR = startingWith("ADFJMNOS", 
      "\\b" + MONTH + "[ ]++" + DAY + "(?:,[ ]*+|[ ]++)(?:of[ ]++)?" + YEAR + "\\b");
  private static final Pattern DAY_MONTH_YEAR = startingWith("0-9", 
      "\\b" + DAY + "[ ]++(?:of[ ]++)?" + MONTH + ",?[ ]++" + YEAR + "\\b");
  private static final Pattern ISO_DAY = startingWith("12", "\\b" + YEAR + "-([01]\\d)-([0-3]\\d)\\b");
  private static final Pattern MONTH_DAY = startingWith("ADFJMNOS", "\\b" + MONTH + "[ ]++" + DAY + "\\b");
  private static final Pattern DAY_MONTH = startingWith("0-9", "\\b" + DAY + "[ ]++(?:of[ ]++)?" + MONTH + "\\b");
  private static final Pattern MONTH_YEAR = startingWith("ADFJMNOS", 
      "\\b" + MONTH + ",?[ ]++(?:of[ ]++)?" + YEAR + "\\b");
  private static final Pattern DECADE = startingWith("emlEML12", 
      "(?i)\\b(?:(early|mid|late)[- ])?(1[5-9]\\d0|20\\d0)['’]?s\\b");
  private static final Pattern THIS_YEAR = startingWith("tlnTLN", "(?i)\\b(this|last|next)[ ]++year\\b");
  /** "March 18th of this year", "5 May last year": a day in a year given relative to the reference date. */
  private static final Pattern MONTH_DAY_RELATIVE_YEAR = startingWith("ADFJMNOS", 
      "\\b" + MONTH + "[ ]++" + DAY + "(?:,?[ ]++of)?[ ]++(?i:(this|last|next))[ ]++year\\b");
  private static final Pattern DAY_MONTH_RELATIVE_YEAR = startingWith("0-9", 
      "\\b" + DAY + "[ ]++(?:of[ ]++)?" + MONTH + "(?:,?[ ]++of)?[ ]++(?i:(this|last|next))[ ]++year\\b");
  private static final Pattern NINE_ELEVEN = startingWith("9", "\\b9/11\\b");
  private static final String RANGE_DASH = "[ ]?(?:-|–|—|to|through|until)[ ]?";
  /** "October 25-26, 2016", "Oct. 30-Nov. 2, 2016" (the year optional: "May 15-24"). */
  private static final Pattern MONTH_DAY_RANGE = startingWith("ADFJMNOS", "\\b" + MONTH + "[ ]++" + DAY + RANGE_DASH
      + "(?:" + MONTH + "[ ]++)?" + DAY + "(?:,?[ ]++" + YEAR + ")?\\b");
  /** "11-13 Dec.", "25-26 October 2016", "30 Oct.-2 Nov. 2016". */
  private static final Pattern DAY_MONTH_RANGE = startingWith("0-9", "\\b" + DAY + "(?:[ ]++" + MONTH + ")?"
      + RANGE_DASH + DAY + "[ ]++" + MONTH + "(?:,?[ ]++" + YEAR + ")?");
  private static final Pattern PLAIN_YEAR = startingWith("12", "\\b" + YEAR + "\\b");

  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
      Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
      Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

  /**
   * A pattern whose matches all start with one of {@code firstChars} (a character class body): the class is
   * checked first, so the pattern costs one character test at most positions of a text instead of a word
   * boundary and a branch per alternative (the date patterns are a quarter of the enrichment's time otherwise).
   */
  static Pattern startingWith(String firstChars, String regex) {
    return Pattern.compile("(?=[" + firstChars + "])" + regex);
  }

  public List<DateSpan> tag(String text, LocalDate reference) {
    List<DateSpan> found = new ArrayList<>();
    boolean[] taken = new boolean[text.length() + 1];
    ranges(text, MONTH_DAY_RANGE, new int[] {1, 2, 3, 4, 5}, reference, found, taken);
    Interruptions.check();
    ranges(text, DAY_MONTH_RANGE, new int[] {2, 1, 4, 3, 5}, reference, found, taken);
    Interruptions.check();
    fullDates(text, MONTH_DAY_YEAR, 1, 2, 3, found, taken);
    Interruptions.check();
    fullDates(text, DAY_MONTH_YEAR, 2, 1, 3, found, taken);
    Interruptions.check();
    isoDates(text, found, taken);
    Interruptions.check();
    relativeYearDays(text, MONTH_DAY_RELATIVE_YEAR, 1, 2, reference, found, taken);
    Interruptions.check();
    relativeYearDays(text, DAY_MONTH_RELATIVE_YEAR, 2, 1, reference, found, taken);
    Interruptions.check();
    monthYears(text, found, taken);
    Interruptions.check();
    decades(text, found, taken);
    Interruptions.check();
    relative(text, reference, found, taken);
    RelativeDates.fromReference(text, reference, found, taken);
    Interruptions.check();
    nineEleven(text, found, taken);
    Interruptions.check();
    plainYears(text, found, taken);
    Interruptions.check();
    yearlessDates(text, MONTH_DAY, 1, 2, reference, found, taken);
    Interruptions.check();
    yearlessDates(text, DAY_MONTH, 2, 1, reference, found, taken);
    Interruptions.check();
    RelativeDates.weekdays(text, reference, found, taken);
    RelativeDates.neighbourDays(text, reference, found, taken);
    Interruptions.check();
    found.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return found;
  }

  private static void fullDates(String text, Pattern pattern, int monthGroup, int dayGroup, int yearGroup,
      List<DateSpan> found, boolean[] taken) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      LocalDate date = date(Integer.parseInt(m.group(yearGroup)), month(m.group(monthGroup)),
          Integer.parseInt(m.group(dayGroup)));
      if (date != null) {
        add(text, m.start(), m.end(), day(date), found, taken);
      }
    }
  }

  private static void relativeYearDays(String text, Pattern pattern, int monthGroup, int dayGroup,
      LocalDate reference, List<DateSpan> found, boolean[] taken) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      LocalDate date = date(reference.getYear() + yearOffset(m.group(3)), month(m.group(monthGroup)),
          Integer.parseInt(m.group(dayGroup)));
      if (date != null) {
        add(text, m.start(), m.end(), day(date), found, taken);
      }
    }
  }

  private static int yearOffset(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "last" -> -1;
      case "next" -> 1;
      default -> 0;
    };
  }

  private static void isoDates(String text, List<DateSpan> found, boolean[] taken) {
    Matcher m = ISO_DAY.matcher(text);
    while (m.find()) {
      LocalDate date = date(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)));
      if (date != null) {
        add(text, m.start(), m.end(), day(date), found, taken);
      }
    }
  }

  private static void monthYears(String text, List<DateSpan> found, boolean[] taken) {
    Matcher m = MONTH_YEAR.matcher(text);
    while (m.find()) {
      if (m.group(1).equals("May") || m.group(1).equals("Mar")) {
        // "May 2001" is fine, but avoid the modal verb: require the year to follow directly.
        if (!text.startsWith(" ", m.end(1))) {
          continue;
        }
      }
      YearMonth month = YearMonth.of(Integer.parseInt(m.group(2)), month(m.group(1)));
      add(text, m.start(), m.end(), new Value(month.toString(), Granularity.MONTH, null,
          month.atDay(1), month.atEndOfMonth()), found, taken);
    }
  }

  private static void decades(String text, List<DateSpan> found, boolean[] taken) {
    Matcher m = DECADE.matcher(text);
    while (m.find()) {
      int decade = Integer.parseInt(m.group(2));
      String modifier = m.group(1) == null ? null : switch (m.group(1).toLowerCase(Locale.ROOT)) {
        case "early" -> "START";
        case "mid" -> "MID";
        default -> "END";
      };
      String value = Integer.toString(decade / 10); // TIMEX3 decade: 199 = the 1990s
      add(text, m.start(), m.end(), new Value(value, Granularity.DECADE, modifier,
          LocalDate.of(decade, 1, 1), LocalDate.of(decade + 9, 12, 31)), found, taken);
    }
  }

  private static void relative(String text, LocalDate reference, List<DateSpan> found, boolean[] taken) {
    Matcher thisYear = THIS_YEAR.matcher(text);
    while (thisYear.find()) {
      int offset = yearOffset(thisYear.group(1));
      add(text, thisYear.start(), thisYear.end(), year(reference.getYear() + offset), found, taken);
    }
  }

  private static void nineEleven(String text, List<DateSpan> found, boolean[] taken) {
    Matcher m = NINE_ELEVEN.matcher(text);
    while (m.find()) {
      add(text, m.start(), m.end(), day(LocalDate.of(2001, 9, 11)), found, taken);
    }
  }

  private static void yearlessDates(String text, Pattern pattern, int monthGroup, int dayGroup,
      LocalDate reference, List<DateSpan> found, boolean[] taken) {
    java.util.TreeMap<Integer, Integer> yearsByEnd = narrativeYears(found);
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (isTaken(taken, m.start(), m.end())) {
        continue;
      }
      if (m.group(monthGroup).equals("May") && !text.startsWith(" ", m.end(monthGroup))) {
        continue;
      }
      var before = yearsByEnd.floorEntry(m.start());
      int month = month(m.group(monthGroup));
      int dayOfMonth = Integer.parseInt(m.group(dayGroup));
      LocalDate date = before != null ? date(before.getValue(), month, dayOfMonth)
          : RelativeDates.resolveYearless(month, dayOfMonth, reference, Tense.around(text, m.start(), m.end()));
      if (date != null && add(text, m.start(), m.end(), day(date), found, taken)) {
        yearsByEnd.put(m.end(), date.getYear());
      }
    }
  }

  /**
   * Ranges of days: groups are {first month, first day, second month (optional), second day, year
   * (optional)}. Without a year, the year is resolved as for a year-less day.
   */
  private static void ranges(String text, Pattern pattern, int[] groups, LocalDate reference, List<DateSpan> found,
      boolean[] taken) {
    java.util.TreeMap<Integer, Integer> yearsByEnd = narrativeYears(found);
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      int monthGroup = m.group(groups[0]) != null ? groups[0] : groups[2];
      String firstMonthName = m.group(monthGroup);
      if (firstMonthName == null || firstMonthName.equals("May") && !text.startsWith(" ", m.end(monthGroup))
          && m.end(monthGroup) != text.length()) {
        continue;
      }
      int firstMonth = month(firstMonthName);
      int lastMonth = m.group(groups[2]) != null ? month(m.group(groups[2])) : firstMonth;
      int firstDay = Integer.parseInt(m.group(groups[1]));
      int lastDay = Integer.parseInt(m.group(groups[3]));
      LocalDate first;
      if (m.group(groups[4]) != null) {
        int year = Integer.parseInt(m.group(groups[4]));
        first = date(lastMonth < firstMonth ? year - 1 : year, firstMonth, firstDay);
      } else {
        var before = yearsByEnd.floorEntry(m.start());
        first = before != null ? date(before.getValue(), firstMonth, firstDay)
            : RelativeDates.resolveYearless(firstMonth, firstDay, reference, Tense.around(text, m.start(), m.end()));
      }
      if (first == null) {
        continue;
      }
      LocalDate last = date(lastMonth < firstMonth ? first.getYear() + 1 : first.getYear(), lastMonth, lastDay);
      if (last != null && last.isAfter(first) && java.time.temporal.ChronoUnit.DAYS.between(first, last) < 366) {
        add(text, m.start(), m.end(), RelativeDates.interval(first, last), found, taken);
      }
    }
  }

  private static void plainYears(String text, List<DateSpan> found, boolean[] taken) {
    Matcher m = PLAIN_YEAR.matcher(text);
    while (m.find()) {
      boolean partOfNumber = (m.start() > 0 && (text.charAt(m.start() - 1) == ','
          || text.charAt(m.start() - 1) == '.' || text.charAt(m.start() - 1) == '$'))
          || (m.end() < text.length() - 1 && (text.charAt(m.end()) == ',' || text.charAt(m.end()) == '.')
          && Character.isDigit(text.charAt(m.end() + 1)));
      if (!partOfNumber) {
        add(text, m.start(), m.end(), year(Integer.parseInt(m.group(1))), found, taken);
      }
    }
  }

  /**
   * The narrative's year at each point: by end offset, the year of every explicit date or year found so far
   * (decades say too little). A year-less date takes the year of the closest one before it, else the
   * reference year.
   */
  private static java.util.TreeMap<Integer, Integer> narrativeYears(List<DateSpan> found) {
    java.util.TreeMap<Integer, Integer> years = new java.util.TreeMap<>();
    for (DateSpan span : found) {
      if (span.granularity() != Granularity.DECADE) {
        years.put(span.end(), span.firstDay().getYear());
      }
    }
    return years;
  }

  static boolean add(String text, int start, int end, Value value, List<DateSpan> found,
      boolean[] taken) {
    if (isTaken(taken, start, end)) {
      return false;
    }
    for (int i = start; i < end; i++) {
      taken[i] = true;
    }
    found.add(new DateSpan(text.substring(start, end), value.value, value.granularity, value.modifier,
        start, end, value.first, value.last));
    return true;
  }

  static boolean isTaken(boolean[] taken, int start, int end) {
    for (int i = start; i < end; i++) {
      if (taken[i]) {
        return true;
      }
    }
    return false;
  }

  private static int month(String name) {
    return MONTHS.get(name.substring(0, 3).toLowerCase(Locale.ROOT));
  }

  static LocalDate date(int year, int month, int day) {
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
  }

  static Value day(LocalDate date) {
    return new Value(date.toString(), Granularity.DAY, null, date, date);
  }

  static Value year(int year) {
    return new Value(String.format("%04d", year), Granularity.YEAR, null, LocalDate.of(year, 1, 1),
        LocalDate.of(year, 12, 31));
  }

  record Value(String value, Granularity granularity, String modifier, LocalDate first,
      LocalDate last) {}
}
