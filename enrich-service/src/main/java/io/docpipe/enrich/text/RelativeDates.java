package io.docpipe.enrich.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.docpipe.enrich.text.DateSpan.Granularity;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dates given relative to the document's date or to the narrative, resolved as TimeML/TIMEX3 prescribes:
 * today, yesterday, tomorrow, tonight; this/last/next week and month (TIMEX weeks are {@code 2017-W01});
 * "N days/weeks/months/years ago"; weekdays ("Friday", "last Wednesday", "Monday, Dec. 26" as one span) to
 * the right day for the sentence's tense; "the following day" and "the day before" against the last day
 * mentioned; and ranges ("October 25-26, 2016", "May 15-24", "11-13 Dec.") with a start and an end
 * (an ISO 8601 interval value). A year-less date takes the year that fits the sentence's tense nearest the
 * document's date when the text gives no year before it.
 */
final class RelativeDates {
  private static final String NUMBER = "(\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
      + "twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)";
  private static final Pattern DAY_WORDS = DateTagger.startingWith("tlyTLY", "(?i)\\b((?:this|last|yesterday|tomorrow)[ ]++"
      + "(?:morning|afternoon|evening|night)|today|yesterday|tomorrow|tonight)\\b");
  private static final Pattern WEEK_MONTH = DateTagger.startingWith("tlncpTLNCP", "(?i)\\b(this|last|next|coming|previous)[ ]++"
      + "(week|month)\\b");
  private static final Pattern AGO = DateTagger.startingWith("0-9aotfsenAOTFSEN", "(?i)\\b" + NUMBER + "[ -]++(day|week|month|year|decade)s?"
      + "[ ]++ago\\b");
  private static final Pattern NEIGHBOUR_DAY = DateTagger.startingWith("tT", "(?i)\\bthe[ ]++(?:(following|next|previous|"
      + "preceding)[ ]++day|day[ ]++(before|after))\\b");
  private static final Pattern WEEKDAYS = DateTagger.startingWith("lntcpoLNTCPOMWFS", "\\b(?i:(last|next|this|coming|past|on)[ ]++)?"
      + "(?:(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b|(Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\\.)");
  private static final Pattern NOT_A_DAY_BEFORE = Pattern.compile("(?:Good|Black|Ash|Palm|Holy|Easter|Cyber|(?i:every|each)|"
      + "Bloody|Super|Maundy)[ ]$");
  private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("a", 1), Map.entry("an", 1),
      Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
      Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
      Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
      Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
      Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19), Map.entry("twenty", 20),
      Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50));

  private RelativeDates() {}

  /** Today, yesterday, this/last/next week or month, and "N units ago", against the reference date. */
  static void fromReference(String text, LocalDate reference, List<DateSpan> found, boolean[] taken) {
    Matcher day = DAY_WORDS.matcher(text);
    while (day.find()) {
      String words = day.group(1).toLowerCase(Locale.ROOT);
      int offset = words.startsWith("yesterday") || words.startsWith("last") ? -1
          : words.startsWith("tomorrow") ? 1 : 0;
      DateTagger.add(text, day.start(), day.end(), DateTagger.day(reference.plusDays(offset)), found, taken);
    }
    Matcher relative = WEEK_MONTH.matcher(text);
    while (relative.find()) {
      String which = relative.group(1).toLowerCase(Locale.ROOT);
      int offset = which.equals("last") || which.equals("previous") ? -1 : which.equals("this") ? 0 : 1;
      boolean week = relative.group(2).equalsIgnoreCase("week");
      DateTagger.add(text, relative.start(), relative.end(),
          week ? week(reference.plusWeeks(offset)) : month(YearMonth.from(reference).plusMonths(offset)),
          found, taken);
    }
    Matcher ago = AGO.matcher(text);
    while (ago.find()) {
      String count = ago.group(1).toLowerCase(Locale.ROOT);
      int n = Character.isDigit(count.charAt(0)) ? Integer.parseInt(count) : NUMBERS.get(count);
      DateTagger.Value value = switch (ago.group(2).toLowerCase(Locale.ROOT)) {
        case "day" -> DateTagger.day(reference.minusDays(n));
        case "week" -> week(reference.minusWeeks(n));
        case "month" -> month(YearMonth.from(reference).minusMonths(n));
        case "year" -> DateTagger.year(reference.getYear() - n);
        default -> decade(reference.getYear() - 10 * n);
      };
      DateTagger.add(text, ago.start(), ago.end(), value, found, taken);
    }
  }

  /**
   * Weekdays: merged into a date that follows them ("Monday, Dec. 26", "Thursday 28 July"), else resolved
   * against the reference date by their modifier (last, next, this) or the sentence's tense.
   */
  static void weekdays(String text, LocalDate reference, List<DateSpan> found, boolean[] taken) {
    java.util.Map<Integer, DateSpan> daysByStart = new java.util.HashMap<>();
    for (DateSpan span : found) {
      if (span.granularity() == Granularity.DAY) {
        daysByStart.put(span.start(), span);
      }
    }
    Matcher m = WEEKDAYS.matcher(text);
    while (m.find()) {
      int group = m.group(2) != null ? 2 : 3;
      int dayStart = m.start(group);
      if (DateTagger.isTaken(taken, dayStart, m.end())
          || NOT_A_DAY_BEFORE.matcher(text.substring(Math.max(0, dayStart - 8), dayStart)).find()) {
        continue;
      }
      DateSpan following = followingDay(text, m.end(), daysByStart);
      if (following != null) {
        found.remove(following);
        daysByStart.remove(following.start());
        for (int i = dayStart; i < following.start(); i++) {
          taken[i] = true;
        }
        found.add(new DateSpan(text.substring(dayStart, following.end()), following.value(),
            following.granularity(), following.modifier(), dayStart, following.end(), following.firstDay(),
            following.lastDay()));
        continue;
      }
      if (followedByName(text, m.end())) {
        continue; // "Sunday Times", "Monday Night Football"
      }
      DayOfWeek weekday = weekday(m.group(group));
      String modifier = m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT);
      LocalDate date = switch (modifier) {
        case "last", "past" -> previous(reference, weekday, false);
        case "next", "coming" -> next(reference, weekday, false);
        case "this" -> reference.with(weekday);
        default -> Tense.around(text, m.start(), m.end()) == Tense.FUTURE ? next(reference, weekday, true)
            : previous(reference, weekday, true);
      };
      int start = modifier.isEmpty() || modifier.equals("on") ? dayStart : m.start();
      DateTagger.add(text, start, m.end(), DateTagger.day(date), found, taken);
    }
  }

  /** "The following day", "the day before": a day from the last day mentioned before, else the reference. */
  static void neighbourDays(String text, LocalDate reference, List<DateSpan> found, boolean[] taken) {
    java.util.TreeMap<Integer, LocalDate> daysByEnd = new java.util.TreeMap<>();
    for (DateSpan span : found) {
      if (span.granularity() == Granularity.DAY) {
        daysByEnd.put(span.end(), span.lastDay());
      }
    }
    Matcher m = NEIGHBOUR_DAY.matcher(text);
    while (m.find()) {
      var before = daysByEnd.floorEntry(m.start());
      LocalDate anchor = before == null ? reference : before.getValue();
      String which = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
      int offset = which.equals("previous") || which.equals("preceding") || which.equals("before") ? -1 : 1;
      LocalDate day = anchor.plusDays(offset);
      if (DateTagger.add(text, m.start(), m.end(), DateTagger.day(day), found, taken)) {
        daysByEnd.put(m.end(), day);
      }
    }
  }

  /**
   * The year of a year-less day: the one whose date fits the tense nearest the reference date (past: on or
   * before it; future: on or after it; no tense: the reference date's year).
   */
  static LocalDate resolveYearless(int month, int day, LocalDate reference, Tense tense) {
    LocalDate best = null;
    for (int year = reference.getYear() - 1; year <= reference.getYear() + 1; year++) {
      LocalDate candidate = DateTagger.date(year, month, day);
      if (candidate == null) {
        continue;
      }
      boolean fits = switch (tense) {
        case PAST -> !candidate.isAfter(reference);
        case FUTURE -> !candidate.isBefore(reference);
        case UNKNOWN -> year == reference.getYear(); // no evidence: the document's year
      };
      if (fits && (best == null || Math.abs(ChronoUnit.DAYS.between(reference, candidate))
          < Math.abs(ChronoUnit.DAYS.between(reference, best)))) {
        best = candidate;
      }
    }
    return best;
  }

  static DateTagger.Value interval(LocalDate first, LocalDate last) {
    return new DateTagger.Value(first + "/" + last, Granularity.DAY, null, first, last);
  }

  private static DateSpan followingDay(String text, int from, java.util.Map<Integer, DateSpan> daysByStart) {
    int i = from;
    if (i < text.length() && text.charAt(i) == ',') {
      i++;
    }
    int spaces = 0;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
      spaces++;
    }
    if (spaces == 0 && (from >= text.length() || text.charAt(from) != ',')) {
      return null;
    }
    if (text.startsWith("the ", i)) {
      i += 4;
    }
    return daysByStart.get(i);
  }

  private static boolean followedByName(String text, int end) {
    return end + 1 < text.length() && text.charAt(end) == ' ' && Character.isUpperCase(text.charAt(end + 1));
  }

  private static DayOfWeek weekday(String name) {
    String prefix = name.substring(0, 3).toLowerCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().toLowerCase(Locale.ROOT).startsWith(prefix)) {
        return day;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static LocalDate previous(LocalDate reference, DayOfWeek day, boolean orSame) {
    LocalDate date = reference.minusDays(orSame ? 0 : 1);
    while (date.getDayOfWeek() != day) {
      date = date.minusDays(1);
    }
    return date;
  }

  private static LocalDate next(LocalDate reference, DayOfWeek day, boolean orSame) {
    LocalDate date = reference.plusDays(orSame ? 0 : 1);
    while (date.getDayOfWeek() != day) {
      date = date.plusDays(1);
    }
    return date;
  }

  private static DateTagger.Value week(LocalDate day) {
    int year = day.get(IsoFields.WEEK_BASED_YEAR);
    int week = day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    LocalDate monday = day.with(DayOfWeek.MONDAY);
    return new DateTagger.Value(String.format(Locale.ROOT, "%04d-W%02d", year, week), Granularity.WEEK, null,
        monday, monday.plusDays(6));
  }

  private static DateTagger.Value month(YearMonth month) {
    return new DateTagger.Value(month.toString(), Granularity.MONTH, null, month.atDay(1), month.atEndOfMonth());
  }

  private static DateTagger.Value decade(int year) {
    int decade = year / 10 * 10;
    return new DateTagger.Value(Integer.toString(decade / 10), Granularity.DECADE, null,
        LocalDate.of(decade, 1, 1), LocalDate.of(decade + 9, 12, 31));
  }
}
