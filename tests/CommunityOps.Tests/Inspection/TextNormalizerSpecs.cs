using CommunityOps.Inspection.Text;

namespace CommunityOps.Tests.Inspection;

public class TextNormalizerSpecs
{
    [Theory]
    [InlineData("加 微 信", "加微信")]
    [InlineData("加\u200b微\u200d信", "加微信")]
    [InlineData("v.x", "vx")]
    [InlineData("ＶＸ：１２３", "vx123")]
    [InlineData("加😀微🔥信", "加微信")]
    [InlineData("加加加微微信", "加微信")]
    [InlineData("fuuuuck", "fuck")]
    [InlineData("good", "good")]
    [InlineData("888", "888")]
    [InlineData("微信號碼", "微信号码")]
    [InlineData("①③⑧", "138")]
    [InlineData("Ⓥⓧ", "vx")]
    [InlineData("𝐟𝐫𝐞𝐞", "free")]
    [InlineData("HeLLo World!", "helloworld")]
    public void Normalizing_folds_disguises_to_one_plain_form(string text, string expected) =>
        TextNormalizer.Normalize(text).ShouldBe(expected);

    [Fact]
    public void Each_normalized_char_maps_back_to_the_original_span_it_came_from()
    {
        const string text = "请 加ＶＸ：abc";
        var normalized = new NormalizedText();
        TextNormalizer.Normalize(text, normalized);

        normalized.ToString().ShouldBe("请加vxabc");
        var (start, length) = normalized.ToOriginal(1, 3);
        text.Substring(start, length).ShouldBe("加ＶＸ");
    }

    [Fact]
    public void A_collapsed_repeat_maps_back_to_the_whole_run()
    {
        const string text = "快加 加加微信";
        var normalized = new NormalizedText();
        TextNormalizer.Normalize(text, normalized);

        normalized.ToString().ShouldBe("快加微信");
        var (start, length) = normalized.ToOriginal(1, 3);
        text.Substring(start, length).ShouldBe("加 加加微信");
    }

    [Fact]
    public void Reusing_one_buffer_for_many_texts_gives_the_same_result_as_fresh_buffers()
    {
        var reused = new NormalizedText();
        foreach (var text in SharedDatasets.ChatTexts.Take(2000))
        {
            TextNormalizer.Normalize(text, reused);
            reused.ToString().ShouldBe(TextNormalizer.Normalize(text));
        }
    }
}
