using CommunityOps.Benchmarks.Inspection;
using CommunityOps.Inspection.Matching;

namespace CommunityOps.Tests.Inspection;

public class KeywordMatcherSpecs
{
    [Fact]
    public void Every_occurrence_of_every_word_is_found_including_overlapping_and_nested_ones()
    {
        var matcher = new KeywordMatcher(["he", "she", "his", "hers", "加微信", "微信"], MatchMode.Exact, wholeWordLatin: false);

        var hits = matcher.FindAll("ushers 加微信").Select(h => (matcher.Words[h.Pattern], h.Start)).OrderBy(h => h.Start).ToList();

        hits.ShouldBe([("she", 1), ("he", 2), ("hers", 2), ("加微信", 7), ("微信", 8)], ignoreOrder: true);
    }

    [Fact]
    public void Normalized_matching_finds_words_split_by_spaces_and_emoji_and_reports_original_offsets()
    {
        var matcher = new KeywordMatcher(["加微信", "vx"], MatchMode.Normalized);
        const string text = "朋友 快加 微😀信 或 V.X 吧";

        var found = matcher.FindAll(text).Select(h => text.Substring(h.Start, h.Length)).ToList();

        found.ShouldBe(["加 微😀信", "V.X"], ignoreOrder: true);
    }

    [Fact]
    public void Latin_words_only_match_as_whole_words_while_Chinese_words_match_anywhere()
    {
        var matcher = new KeywordMatcher(["ass", "sex", "加v"], MatchMode.Normalized);

        matcher.FindAll("first class passage").ShouldBeEmpty();
        matcher.FindAll("sussex").ShouldBeEmpty();
        matcher.FindAll("free sex 片").Count.ShouldBe(1);
        matcher.FindAll("快加V我").Count.ShouldBe(1);
        matcher.FindAll("s-e-x").Count.ShouldBe(1);
    }

    [Fact]
    public void Traditional_Chinese_matches_a_simplified_word()
    {
        var matcher = new KeywordMatcher(["赌博网站"], MatchMode.Normalized);

        matcher.FindAll("最新賭博網站").Count.ShouldBe(1);
    }

    [Fact]
    public void Words_that_normalize_alike_are_each_reported()
    {
        var matcher = new KeywordMatcher(["微信", "微 信", "abc"], MatchMode.Normalized);

        matcher.FindAll("加微信").Select(h => h.Pattern).ShouldBe([0, 1], ignoreOrder: true);
    }

    [Theory]
    [InlineData(5000, 150)]
    [InlineData(0, 3000)]
    public void The_automaton_finds_exactly_what_a_SearchValues_loop_finds_on_real_chat(int lexiconSize, int atLeast)
    {
        var words = lexiconSize == 0 ? SharedDatasets.Houbb : SharedDatasets.HoubbSample(lexiconSize);
        var automaton = new AhoCorasickAutomaton(words);
        var baseline = new SearchValuesBaseline(words);
        var ours = new HitBuffer();
        var theirs = new HitBuffer();
        int total = 0;

        foreach (var text in SharedDatasets.ChatTexts)
        {
            ours.Clear();
            theirs.Clear();
            automaton.FindAll(text, ours);
            baseline.FindAll(text, theirs);
            Sorted(ours).ShouldBe(Sorted(theirs), text);
            total += ours.Count;
        }

        total.ShouldBeGreaterThan(atLeast);
    }

    private static List<KeywordHit> Sorted(HitBuffer hits) =>
        [.. hits.Hits.ToArray().OrderBy(h => h.Start).ThenBy(h => h.Length).ThenBy(h => h.Pattern)];
}
