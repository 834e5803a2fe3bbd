using CommunityOps.Inspection.Matching;
using CommunityOps.Inspection.Text;

namespace CommunityOps.Inspection.Contacts;

/// <summary>
/// WeChat: the word itself only counts when an id follows it ("微信: abc_123456"), because people talk
/// about WeChat all the time; its disguises (加V, 薇信, v信, 加微) count on their own, because nobody
/// writes them innocently. Words are matched normalized, so "加 V", "ｖ 信" and "薇❤信" are caught too.
/// </summary>
internal sealed class WeChatDetector
{
    private static readonly string[] PlainWords = ["微信", "微信号", "wechat", "weixin", "vx", "wx", "vx号", "wx号", "v号", "微号"];

    private static readonly string[] Disguises =
    [
        "加v", "加vx", "加wx", "加微", "加薇", "加威", "+v", "薇信", "威信", "徽信", "维信", "危信", "微芯", "v信", "微x", "威x", "薇x", "wei信", "vx号", "wx号",
    ];

    private readonly KeywordMatcher _words = new([.. PlainWords, .. Disguises], MatchMode.Normalized);

    public void Scan(ReadOnlySpan<char> text, NormalizedText normalized, ContactScratch scratch, List<ContactHit> hits)
    {
        var found = scratch.Hits;
        found.Clear();
        _words.FindAll(text, normalized, scratch.Match, found);
        if (found.Count == 0)
        {
            return;
        }

        // Overlapping words ("加微" and "微信: abc_123") are one contact: merge them, keeping any id.
        int spanStart = -1, spanEnd = -1;
        string? spanId = null;
        bool spanCounts = false;
        foreach (var hit in found.Hits)
        {
            int end = hit.Start + hit.Length;
            var id = IdAfter(text, end, out int idEnd);
            bool counts = id is not null || hit.Pattern >= PlainWords.Length;
            end = id is not null ? idEnd : end;
            if (spanStart >= 0 && hit.Start < spanEnd)
            {
                spanStart = Math.Min(spanStart, hit.Start);
                spanEnd = Math.Max(spanEnd, end);
                spanId ??= id;
                spanCounts |= counts;
                continue;
            }

            Flush(text, spanStart, spanEnd, spanId, spanCounts, hits);
            (spanStart, spanEnd, spanId, spanCounts) = (hit.Start, end, id, counts);
        }

        Flush(text, spanStart, spanEnd, spanId, spanCounts, hits);
    }

    private static void Flush(ReadOnlySpan<char> text, int start, int end, string? id, bool counts, List<ContactHit> hits)
    {
        if (start >= 0 && counts)
        {
            hits.Add(new ContactHit(ContactKind.WeChat, start, end - start, id ?? TextNormalizer.Normalize(text[start..end].ToString())));
        }
    }

    /// <summary>A WeChat id (6 to 20 letters, digits, _ or -, starting with a letter, or a phone number) after a short gap of separators or 号/是/:.</summary>
    private static string? IdAfter(ReadOnlySpan<char> text, int at, out int end)
    {
        end = at;
        int i = at;
        for (int gap = 0; i < text.Length && gap < 3 && IsGap(text[i]); gap++)
        {
            i++;
        }

        int start = i;
        while (i < text.Length && i - start < 21 && IsIdChar(Folded(text[i])))
        {
            i++;
        }

        int length = i - start;
        if (length is < 6 or > 20)
        {
            return null;
        }

        var id = new string(text[start..i]).Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant();
        bool startsWithLetter = id[0] is >= 'a' and <= 'z';
        bool isPhone = id.All(char.IsAsciiDigit) && PhoneAndQQDetector.IsChineseMobile(id);
        if (!startsWithLetter && !isPhone)
        {
            return null;
        }

        // An id has digits or _ in practice; a plain English word after "wechat" is prose.
        if (startsWithLetter && id.All(char.IsAsciiLetter))
        {
            return null;
        }

        end = i;
        return id;
    }

    private static char Folded(char c) => c < 0x80 ? c : CharFolding.Fold(c);

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static bool IsGap(char c) => c is ':' or '：' or '号' or '是' or '为' or ' ' or '\u3000' or '-' or '='
        || CharFolding.Kind(c) is CharKind.Invisible or CharKind.Symbol or CharKind.Surrogate;
}
