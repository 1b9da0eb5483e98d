package dev.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Semantic version ranges over tag names, in the Masterminds/semver v3 syntax Flux uses. */
class VersionRangeTest {

  /** The versions of {@code tags} inside {@code range}, in the order given. */
  private static List<String> matching(String range, String... tags) {
    VersionRange r = VersionRange.parse(range);
    List<String> out = new ArrayList<>();
    for (String tag : tags) {
      if (r.highest(List.of(tag)).isPresent()) {
        out.add(tag);
      }
    }
    return out;
  }

  private static String highest(String range, String... tags) {
    return VersionRange.parse(range).highest(Arrays.asList(tags)).orElse(null);
  }

  // ---- operators ----

  private static final String[] OPS = {"1.2.2", "1.2.3", "1.2.4", "1.3.0", "2.0.0"};

  @Test
  void equalsMatchesOnlyThatVersion() {
    assertThat(matching("=1.2.3", OPS)).containsExactly("1.2.3");
    assertThat(matching("1.2.3", OPS)).containsExactly("1.2.3");
  }

  @Test
  void notEqualsExcludesOnlyThatVersion() {
    assertThat(matching("!=1.2.3", OPS)).containsExactly("1.2.2", "1.2.4", "1.3.0", "2.0.0");
  }

  @Test
  void greaterThanExcludesTheBound() {
    assertThat(matching(">1.2.3", OPS)).containsExactly("1.2.4", "1.3.0", "2.0.0");
  }

  @Test
  void greaterOrEqualIncludesTheBoundInBothSpellings() {
    assertThat(matching(">=1.2.3", OPS)).containsExactly("1.2.3", "1.2.4", "1.3.0", "2.0.0");
    assertThat(matching("=>1.2.3", OPS)).containsExactly("1.2.3", "1.2.4", "1.3.0", "2.0.0");
  }

  @Test
  void lessThanExcludesTheBound() {
    assertThat(matching("<1.2.4", OPS)).containsExactly("1.2.2", "1.2.3");
  }

  @Test
  void lessOrEqualIncludesTheBoundInBothSpellings() {
    assertThat(matching("<=1.2.4", OPS)).containsExactly("1.2.2", "1.2.3", "1.2.4");
    assertThat(matching("=<1.2.4", OPS)).containsExactly("1.2.2", "1.2.3", "1.2.4");
  }

  @Test
  void operatorMayBeSeparatedFromItsVersionByWhitespace() {
    assertThat(matching(">= 1.2.4", OPS)).containsExactly("1.2.4", "1.3.0", "2.0.0");
  }

  @Test
  void partialVersionsFillInZerosForLowerBounds() {
    assertThat(matching(">=1.3", OPS)).containsExactly("1.3.0", "2.0.0");
    assertThat(matching("<1.3", OPS)).containsExactly("1.2.2", "1.2.3", "1.2.4");
  }

  @Test
  void partialVersionsCoverEverythingTheyLeaveOpenForUpperBounds() {
    assertThat(matching(">1.2", OPS)).containsExactly("1.3.0", "2.0.0");
    assertThat(matching("<=1.2", OPS)).containsExactly("1.2.2", "1.2.3", "1.2.4");
    assertThat(matching(">1", OPS)).containsExactly("2.0.0");
    assertThat(matching("=1.2", OPS)).containsExactly("1.2.2", "1.2.3", "1.2.4");
    assertThat(matching("!=1.2", OPS)).containsExactly("1.3.0", "2.0.0");
  }

  // ---- combinations ----

  private static final String[] ANDS = {"0.9.0", "1.0.0", "1.5.0", "2.0.0", "2.1.0", "3.0.0"};

  @Test
  void spaceSeparatedComparatorsMustAllHold() {
    assertThat(matching(">=1.0.0 <2.0.0", ANDS)).containsExactly("1.0.0", "1.5.0");
  }

  @Test
  void commaSeparatedComparatorsMustAllHold() {
    assertThat(matching(">=1.0.0,<2.0.0", ANDS)).containsExactly("1.0.0", "1.5.0");
    assertThat(matching(">=1.0.0 , <2.0.0 ,!=1.5.0", ANDS)).containsExactly("1.0.0");
  }

  @Test
  void alternativesSeparatedByDoublePipeAreOred() {
    assertThat(matching("<1.0.0 || >=2.1.0", ANDS)).containsExactly("0.9.0", "2.1.0", "3.0.0");
    assertThat(matching("1.0.0||3.0.0", ANDS)).containsExactly("1.0.0", "3.0.0");
  }

  @Test
  void andBindsTighterThanOr() {
    assertThat(matching(">=1.0.0 <1.5.0 || >2.0.0 <3.0.0", ANDS)).containsExactly("1.0.0", "2.1.0");
  }

  @Test
  void hyphenRangeIncludesBothBounds() {
    assertThat(matching("1.0.0 - 2.0.0", ANDS)).containsExactly("1.0.0", "1.5.0", "2.0.0");
  }

  @Test
  void hyphenRangeWithPartialBoundsCoversTheWholeUpperPartial() {
    String[] more = {"1.1.9", "1.2.0", "1.4.5", "1.4.6", "1.5.0"};
    assertThat(matching("1.2 - 1.4.5", more)).containsExactly("1.2.0", "1.4.5");
    assertThat(matching("1.2 - 1.4", more)).containsExactly("1.2.0", "1.4.5", "1.4.6");
  }

  @Test
  void hyphenRangeCombinesWithOtherComparatorsAndAlternatives() {
    assertThat(matching("1.0.0 - 2.1.0 !=1.5.0 || 3", ANDS))
        .containsExactly("1.0.0", "2.0.0", "2.1.0", "3.0.0");
  }

  // ---- wildcards ----

  private static final String[] WILD = {"1.1.9", "1.2.0", "1.2.7", "1.3.0", "2.0.0"};

  @Test
  void patchWildcardMatchesThatMinor() {
    assertThat(matching("1.2.x", WILD)).containsExactly("1.2.0", "1.2.7");
    assertThat(matching("1.2.*", WILD)).containsExactly("1.2.0", "1.2.7");
    assertThat(matching("1.2.X", WILD)).containsExactly("1.2.0", "1.2.7");
    assertThat(matching("1.2", WILD)).containsExactly("1.2.0", "1.2.7");
  }

  @Test
  void minorWildcardMatchesThatMajor() {
    assertThat(matching("1.x", WILD)).containsExactly("1.1.9", "1.2.0", "1.2.7", "1.3.0");
    assertThat(matching("1.*.*", WILD)).containsExactly("1.1.9", "1.2.0", "1.2.7", "1.3.0");
    assertThat(matching("1", WILD)).containsExactly("1.1.9", "1.2.0", "1.2.7", "1.3.0");
  }

  @Test
  void bareWildcardMatchesEveryRelease() {
    assertThat(matching("*", WILD)).containsExactly(WILD);
    assertThat(matching("x", WILD)).containsExactly(WILD);
    assertThat(matching(">=*", WILD)).containsExactly(WILD);
  }

  @Test
  void wildcardsWithComparisonsUseTheWholeSpan() {
    assertThat(matching(">1.2.x", WILD)).containsExactly("1.3.0", "2.0.0");
    assertThat(matching("<=1.2.x", WILD)).containsExactly("1.1.9", "1.2.0", "1.2.7");
    assertThat(matching("!=1.2.x", WILD)).containsExactly("1.1.9", "1.3.0", "2.0.0");
    assertThat(matching("<1.2.x", WILD)).containsExactly("1.1.9");
  }

  @Test
  void nothingIsAboveOrBesideEverything() {
    assertThat(matching(">*", WILD)).isEmpty();
    assertThat(matching("!=*", WILD)).isEmpty();
    assertThat(matching("<*", WILD)).isEmpty();
  }

  // ---- tilde ----

  private static final String[] TILDES = {"1.2.2", "1.2.3", "1.2.9", "1.3.0", "1.9.0", "2.0.0"};

  @Test
  void tildeWithPatchAllowsPatchLevelChanges() {
    assertThat(matching("~1.2.3", TILDES)).containsExactly("1.2.3", "1.2.9");
    assertThat(matching("~>1.2.3", TILDES)).containsExactly("1.2.3", "1.2.9");
  }

  @Test
  void tildeWithMinorAllowsPatchLevelChanges() {
    assertThat(matching("~1.2", TILDES)).containsExactly("1.2.2", "1.2.3", "1.2.9");
    assertThat(matching("~1.2.x", TILDES)).containsExactly("1.2.2", "1.2.3", "1.2.9");
  }

  @Test
  void tildeWithMajorOnlyAllowsMinorLevelChanges() {
    assertThat(matching("~1", TILDES)).containsExactly("1.2.2", "1.2.3", "1.2.9", "1.3.0", "1.9.0");
    assertThat(matching("~1.x", TILDES))
        .containsExactly("1.2.2", "1.2.3", "1.2.9", "1.3.0", "1.9.0");
  }

  @Test
  void tildeOnZeroVersionsStaysWithinTheMinor() {
    assertThat(matching("~0.2.3", "0.2.2", "0.2.3", "0.2.8", "0.3.0"))
        .containsExactly("0.2.3", "0.2.8");
    assertThat(matching("~0.0.0", "0.0.0", "0.0.5", "0.1.0")).containsExactly("0.0.0", "0.0.5");
  }

  // ---- caret ----

  @Test
  void caretAboveZeroAllowsMinorAndPatchChanges() {
    assertThat(matching("^1.2.3", "1.2.2", "1.2.3", "1.9.9", "2.0.0"))
        .containsExactly("1.2.3", "1.9.9");
    assertThat(matching("^1.2", "1.1.0", "1.2.0", "1.9.9", "2.0.0"))
        .containsExactly("1.2.0", "1.9.9");
    assertThat(matching("^1", "0.9.0", "1.0.0", "1.9.9", "2.0.0"))
        .containsExactly("1.0.0", "1.9.9");
  }

  @Test
  void caretOnZeroMajorAllowsPatchChangesOnly() {
    assertThat(matching("^0.2.3", "0.2.2", "0.2.3", "0.2.9", "0.3.0", "1.0.0"))
        .containsExactly("0.2.3", "0.2.9");
    assertThat(matching("^0.2", "0.1.9", "0.2.0", "0.2.9", "0.3.0"))
        .containsExactly("0.2.0", "0.2.9");
  }

  @Test
  void caretOnZeroMinorPinsThePatch() {
    assertThat(matching("^0.0.3", "0.0.2", "0.0.3", "0.0.4", "0.1.0"))
        .containsExactly("0.0.3");
  }

  @Test
  void caretOnPartialZeroVersionsKeepsWhatIsGiven() {
    assertThat(matching("^0.0", "0.0.0", "0.0.9", "0.1.0")).containsExactly("0.0.0", "0.0.9");
    assertThat(matching("^0", "0.0.1", "0.9.0", "1.0.0")).containsExactly("0.0.1", "0.9.0");
    assertThat(matching("^0.x", "0.0.1", "0.9.0", "1.0.0")).containsExactly("0.0.1", "0.9.0");
  }

  @Test
  void caretOnBareWildcardMatchesEverything() {
    assertThat(matching("^*", "0.0.1", "1.0.0", "7.0.0"))
        .containsExactly("0.0.1", "1.0.0", "7.0.0");
  }

  // ---- prereleases ----

  @Test
  void prereleasesAreExcludedWhenTheRangeNamesNone() {
    assertThat(matching(">=1.0.0", "1.0.0", "1.1.0-rc.1", "2.0.0-alpha", "2.0.0"))
        .containsExactly("1.0.0", "2.0.0");
    assertThat(matching("*", "1.0.0-rc.1")).isEmpty();
    assertThat(matching("^1.0.0", "1.2.0-beta")).isEmpty();
  }

  @Test
  void prereleasesMatchWhenAComparatorOfTheGroupNamesOne() {
    assertThat(matching(">=1.2.0-0", "1.1.0", "1.2.0-alpha", "1.2.0", "1.5.0-beta.2"))
        .containsExactly("1.2.0-alpha", "1.2.0", "1.5.0-beta.2");
    // One prerelease anywhere in the AND group admits prereleases for the whole group.
    assertThat(matching(">=1.0.0-0 <2.0.0", "1.5.0-beta", "2.0.0-rc.1", "2.0.0"))
        .containsExactly("1.5.0-beta", "2.0.0-rc.1");
    // Prereleases of the upper bound sort below it; "-0" on the bound keeps them out.
    assertThat(matching(">=1.0.0-0 <2.0.0-0", "1.5.0-beta", "2.0.0-rc.1", "2.0.0"))
        .containsExactly("1.5.0-beta");
  }

  @Test
  void prereleaseOptInIsPerAlternative() {
    assertThat(matching(">=1.0.0 || >=3.0.0-0", "1.5.0-beta", "3.1.0-beta", "1.5.0"))
        .containsExactly("3.1.0-beta", "1.5.0");
  }

  @Test
  void prereleasesFollowSemverPrecedence() {
    String[] ordered = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
        "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"};
    for (int i = 0; i < ordered.length; i++) {
      assertThat(matching(">" + ordered[i] + " <=1.0.0", ordered))
          .containsExactly(Arrays.copyOfRange(ordered, i + 1, ordered.length));
    }
    List<String> shuffled = new ArrayList<>(Arrays.asList(ordered));
    Collections.shuffle(shuffled, new Random(7));
    assertThat(highest(">=1.0.0-0 <1.0.0", shuffled.toArray(String[]::new)))
        .isEqualTo("1.0.0-rc.1");
  }

  @Test
  void upperBoundsFromPartialsExcludeTheNextVersionsPrereleases() {
    assertThat(matching("~1.2.0-0", "1.2.5-beta", "1.3.0-alpha", "1.3.0"))
        .containsExactly("1.2.5-beta");
    assertThat(matching("^1.0.0-0", "1.9.0-rc.1", "2.0.0-alpha")).containsExactly("1.9.0-rc.1");
  }

  @Test
  void exactPrereleaseConstraintMatchesOnlyThatPrerelease() {
    assertThat(matching("=1.0.0-rc.1", "1.0.0-rc.1", "1.0.0-rc.2", "1.0.0"))
        .containsExactly("1.0.0-rc.1");
  }

  // ---- build metadata ----

  @Test
  void buildMetadataOnTagsIsIgnoredForMatching() {
    assertThat(matching("=1.0.0", "1.0.0+build.7", "1.0.0+sha.abc")).hasSize(2);
    assertThat(matching(">1.0.0", "1.0.0+build.7")).isEmpty();
  }

  @Test
  void buildMetadataInRangesIsAcceptedAndIgnored() {
    assertThat(matching("=1.0.0+anything", "1.0.0", "1.0.0+other"))
        .containsExactly("1.0.0", "1.0.0+other");
    assertThat(matching(">=1.0.0+b <2", "1.0.0", "1.5.0")).containsExactly("1.0.0", "1.5.0");
  }

  @Test
  void buildMetadataDoesNotMakeAVersionHigher() {
    assertThat(highest("*", "1.0.0+zzz", "1.0.1")).isEqualTo("1.0.1");
  }

  // ---- tag names ----

  @Test
  void tagsThatAreNotVersionsAreIgnored() {
    assertThat(highest("*", "latest", "release-2.0.0", "2.0", "2.0.0.1", "02.0.0", "2.0.0-",
        "V2.0.0", "vv2.0.0", "2.0.0-01", "1.0.0", "99999999999999999999.0.0"))
        .isEqualTo("1.0.0");
  }

  @Test
  void leadingVIsAllowedOnTags() {
    assertThat(highest(">=1.0.0", "v1.0.0", "v1.4.2", "v0.9.0")).isEqualTo("v1.4.2");
    assertThat(highest("<2", "v1.0.0", "1.2.0", "v2.0.0")).isEqualTo("1.2.0");
  }

  @Test
  void leadingVIsAllowedInRanges() {
    assertThat(matching(">=v1.2 <v2.0.0", "1.1.0", "v1.3.0", "2.0.0")).containsExactly("v1.3.0");
  }

  @Test
  void equalVersionsAreBrokenByTagNameInStringOrder() {
    assertThat(highest("*", "v1.0.0", "1.0.0")).isEqualTo("1.0.0");
    assertThat(highest("*", "1.0.0", "v1.0.0")).isEqualTo("1.0.0");
    assertThat(highest("*", "1.0.0+b", "1.0.0+a", "v1.0.0")).isEqualTo("1.0.0+a");
  }

  @Test
  void highestMatchingVersionWinsWhateverTheOrder() {
    assertThat(highest(">=1.2.0 <2.0.0", "1.10.0", "1.9.0", "2.0.0", "1.2.0", "v1.11.1", "1.3.0"))
        .isEqualTo("v1.11.1");
    assertThat(highest("~1.2", "1.2.10", "1.2.9", "1.2.11-rc.1")).isEqualTo("1.2.10");
  }

  @Test
  void noMatchingTagGivesEmpty() {
    assertThat(VersionRange.parse(">=3").highest(List.of("1.0.0", "2.9.9", "main"))).isEmpty();
    assertThat(VersionRange.parse("*").highest(List.of())).isEmpty();
  }

  // ---- malformed ranges ----

  static Stream<Arguments> malformedRanges() {
    return Stream.of(
        arguments(">=1.2.3.4", "'1.2.3.4' is not a version"),
        arguments(">=abc", "'abc' is not a version"),
        arguments(">=1.2.3 <2.0.0,", "nothing follows ','"),
        arguments(">=1.2.3 ,, <2", "expected a version at ', <2'"),
        arguments(">=", "expected a version after '>=' at the end"),
        arguments(">=1.0.0 ||", "an alternative next to '||' is empty"),
        arguments("|| 1.0.0", "an alternative next to '||' is empty"),
        arguments("1.x.3", "'1.x.3' has a number after a wildcard"),
        arguments("01.2.3", "'01.2.3' is not a version"),
        arguments("1.2.3-01", "'1.2.3-01' has a numeric prerelease identifier with a leading zero"),
        arguments(">=1.2.3<2.0.0", "'1.2.3<2.0.0' is not a version"),
        arguments("1.2.3 -", "the hyphen range in '1.2.3 -' has no upper bound"),
        arguments("1.2.3 - >=2.0.0", "hyphen range bounds take no operator: '>=2.0.0'"),
        arguments(">=1.2.3 - 2.0.0", "hyphen range bounds take no operator: '>=1.2.3'"),
        arguments("1.2.3 - ", "expected a version after '-' at the end"),
        arguments(">>1.2.3", "'>1.2.3' is not a version"),
        arguments("^99999999999999999999", "'99999999999999999999' has a number too large"),
        arguments("~9223372036854775807", "is too large to take the next version of"));
  }

  @ParameterizedTest
  @MethodSource("malformedRanges")
  void malformedRangeIsRejectedNamingThePart(String range, String detail) {
    assertThatThrownBy(() -> VersionRange.parse(range))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("malformed semver range '" + range + "': ")
        .hasMessageContaining(detail);
  }

  @Test
  void emptyRangeIsRejected() {
    assertThatThrownBy(() -> VersionRange.parse("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("semver range is empty");
  }

  @Test
  void gitRefRejectsAMalformedRangeWhenBuilt() {
    assertThatThrownBy(() -> GitRef.semver(">=1.0 <2.0.0.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'2.0.0.0' is not a version");
  }
}
