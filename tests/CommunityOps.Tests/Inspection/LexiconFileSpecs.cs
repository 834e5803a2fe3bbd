using CommunityOps.Inspection.Lexicons;

namespace CommunityOps.Tests.Inspection;

public class LexiconFileSpecs
{
    [Fact]
    public void A_lexicon_with_BOM_CRLF_trailing_commas_duplicates_and_stray_bytes_reads_as_clean_words()
    {
        var text = "\uFEFF加微信\r\n习近平,\r\n\r\n  vx  \n加微信\nq\u007f\n";

        var lexicon = LexiconFile.Read(new StringReader(text), "test");

        lexicon.Words.ShouldBe(["加微信", "习近平", "vx"]);
        (lexicon.EmptyLines, lexicon.DuplicateLines, lexicon.CorruptLines).ShouldBe((1, 1, 1));
    }

    [Fact]
    public void The_real_CRLF_ads_list_loads_without_carriage_returns()
    {
        var lexicon = LexiconFile.Read(SharedDatasets.Path("lexicons", "fwwdn", "广告.txt"));

        lexicon.Words.Count.ShouldBeGreaterThan(100);
        lexicon.Words.ShouldAllBe(w => !w.Contains('\r') && w.Trim() == w);
        lexicon.Words.ShouldContain("代购");
    }

    [Fact]
    public void The_houbb_lexicon_loads_all_its_words_except_the_corrupt_ones()
    {
        var lexicon = LexiconFile.Read(SharedDatasets.Path("lexicons", "houbb", "dict_v20240407.txt"));

        lexicon.Words.Count.ShouldBeInRange(64_900, 65_143);
        lexicon.CorruptLines.ShouldBeGreaterThan(0);
    }
}
