package io.docpipe.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateTaggerTest {
  private static final LocalDate REFERENCE = LocalDate.of(2024, 10, 7);
  private final DateTagger tagger = new DateTagger();

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "on October 7, 2001, the | October 7, 2001 | 2001-10-07 | DAY",
      "by Sept 12, 2001 the | Sept 12, 2001 | 2001-09-12 | DAY",
      "on 7 October 2001 the | 7 October 2001 | 2001-10-07 | DAY",
      "dated 2001-10-07 here | 2001-10-07 | 2001-10-07 | DAY",
      "in July of 2023 we | July of 2023 | 2023-07 | MONTH",
      "in October 1999, a coup | October 1999 | 1999-10 | MONTH",
      "since 1998 the US | 1998 | 1998 | YEAR",
      "(Sattar, 2007) wrote | 2007 | 2007 | YEAR",
      "in the late 1990s there | late 1990s | 199 | DECADE",
      "the 1980s saw | 1980s | 198 | DECADE",
      "end of the 1980’s | 1980’s | 198 | DECADE",
      "23 years ago on | 23 years ago | 2001 | YEAR",
      "earlier this year we | this year | 2024 | YEAR",
      "after 9/11 the | 9/11 | 2001-09-11 | DAY",
      "on March 18th of this year | March 18th of this year | 2024-03-18 | DAY",
      "by 5 May last year | 5 May last year | 2023-05-05 | DAY"})
  void normalizes(String text, String mention, String value, String granularity) {
    List<DateSpan> dates = tagger.tag(text, REFERENCE);
    assertThat(dates).hasSize(1);
    DateSpan date = dates.get(0);
    assertThat(date.text()).isEqualTo(mention);
    assertThat(date.value()).isEqualTo(value);
    assertThat(date.granularity().name()).isEqualTo(granularity);
    assertThat(text.substring(date.start(), date.end())).isEqualTo(mention);
  }

  @Test
  void decadeModifiersAreTimexMods() {
    assertThat(tagger.tag("the early 1980s", REFERENCE).get(0).modifier()).isEqualTo("START");
    assertThat(tagger.tag("the late 1990s", REFERENCE).get(0).modifier()).isEqualTo("END");
  }

  @Test
  void yearlessDatesTakeTheYearOfTheNarrative() {
    List<DateSpan> dates = tagger.tag("The attacks of 2001 shook everyone. On 13th September the "
        + "president spoke.", REFERENCE);
    assertThat(dates).extracting(DateSpan::value).containsExactly("2001", "2001-09-13");
  }

  @Test
  void yearlessDatesWithoutNarrativeUseTheReferenceYear() {
    assertThat(tagger.tag("see you on March 18th", REFERENCE).get(0).value()).isEqualTo("2024-03-18");
  }

  @Test
  void numbersAreNotYears() {
    assertThat(tagger.tag("It cost $2,000 and 1,500 people and 12000 units, version 3.2015.", REFERENCE))
        .isEmpty();
  }

  @Test
  void durationsAndVagueWordsAreNotDates() {
    assertThat(tagger.tag("It lasted for three years, then 20 years of war; recently, at that time, nowadays "
        + "and soon, for decades, in the coming months.", REFERENCE)).isEmpty();
  }

  @Test
  void spansCoverTheDaysTheyMean() {
    DateSpan month = tagger.tag("in July of 2023", REFERENCE).get(0);
    assertThat(month.firstDay()).isEqualTo(LocalDate.of(2023, 7, 1));
    assertThat(month.lastDay()).isEqualTo(LocalDate.of(2023, 7, 31));
  }

  @Test
  void findsTheKnownDateInTheFirstSample() {
    assertThat(tagger.tag(Samples.read("000"), REFERENCE)).extracting(DateSpan::value)
        .contains("2001-10-07", "2001-09-11");
  }

  @Test
  void hostileInputStaysLinear() {
    String digits = "1".repeat(80_000);
    String line = "word 2001 ".repeat(500_000);
    assertThat(tagger.tag(digits, REFERENCE)).isEmpty();
    assertThat(tagger.tag(line, REFERENCE)).hasSize(500_000);
  }

  // TimeML/TIMEX3 cases (the guidelines' examples and the news conventions HeidelTime and SUTime follow),
  // against a document dated Wednesday 28 December 2016.
  private static final LocalDate WEDNESDAY = LocalDate.of(2016, 12, 28);

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "He said on Friday that talks would resume | Friday | 2016-12-23 | DAY",
      "Last Wednesday, the council met in closed session | Last Wednesday | 2016-12-21 | DAY",
      "The vote will take place on Monday. | Monday | 2017-01-02 | DAY",
      "They meet again next Tuesday to decide | next Tuesday | 2017-01-03 | DAY",
      "Officials said on Monday, Dec. 26, that | Monday, Dec. 26 | 2016-12-26 | DAY",
      "Yesterday the ministry said | Yesterday | 2016-12-27 | DAY",
      "The report is published today | today | 2016-12-28 | DAY",
      "Results are expected tomorrow | tomorrow | 2016-12-29 | DAY",
      "Police said last night that | last night | 2016-12-27 | DAY",
      "Prices rose this week on | this week | 2016-W52 | WEEK",
      "Exports fell last month, the bureau said | last month | 2016-11 | MONTH",
      "The plant opens next month | next month | 2017-01 | MONTH",
      "He left the party four years ago | four years ago | 2012 | YEAR",
      "The ceasefire collapsed two weeks ago | two weeks ago | 2016-W50 | WEEK",
      "She arrived three days ago | three days ago | 2016-12-25 | DAY",
      "The summit on October 25-26, 2016 ended | October 25-26, 2016 | 2016-10-25/2016-10-26 | DAY",
      "Talks were held from Oct. 30-Nov. 2, 2016 in | Oct. 30-Nov. 2, 2016 | 2016-10-30/2016-11-02 | DAY",
      "The festival ran May 15-24 and drew crowds | May 15-24 | 2016-05-15/2016-05-24 | DAY",
      "Delegates met 11-13 Dec. in Geneva and agreed | 11-13 Dec. | 2016-12-11/2016-12-13 | DAY"})
  void normalizesRelativeDatesWeekdaysAndRanges(String text, String mention, String value, String granularity) {
    List<DateSpan> dates = tagger.tag(text, WEDNESDAY);
    assertThat(dates).as(text).hasSize(1);
    DateSpan date = dates.get(0);
    assertThat(date.text()).isEqualTo(mention);
    assertThat(date.value()).isEqualTo(value);
    assertThat(date.granularity().name()).isEqualTo(granularity);
  }

  @Test
  void yearlessDatesFollowTheTenseNearestTheDocumentDate() {
    LocalDate newYear = LocalDate.of(2017, 1, 1);
    assertThat(tagger.tag("air strikes began the operation to isolate Raqqah on Nov. 5", newYear).get(0).value())
        .isEqualTo("2016-11-05");
    assertThat(tagger.tag("Carter said in a Nov. 24 statement", newYear).get(0).value()).isEqualTo("2016-11-24");
    assertThat(tagger.tag("The summit will be held on March 3 in Oslo", newYear).get(0).value())
        .isEqualTo("2017-03-03");
  }

  @Test
  void aDayAnchoredByATimeAndTheFollowingDay() {
    List<DateSpan> dates = tagger.tag("The march began at 11am on Thursday 28 July and ended the following day.",
        LocalDate.of(2016, 8, 1));
    assertThat(dates).extracting(DateSpan::text).containsExactly("Thursday 28 July", "the following day");
    assertThat(dates).extracting(DateSpan::value).containsExactly("2016-07-28", "2016-07-29");
  }

  @Test
  void setsNamesAndDurationsAreNotDates() {
    assertThat(tagger.tag("Markets close every Monday; Black Friday sales and the Sunday Times; it took four "
        + "years and two weeks.", WEDNESDAY)).isEmpty();
  }
}
