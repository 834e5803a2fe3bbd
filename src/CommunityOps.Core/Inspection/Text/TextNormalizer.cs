namespace CommunityOps.Inspection.Text;

/// <summary>
/// Folds text so that disguised words still match: NFKC (full-width to half-width, circled digits),
/// lower case, traditional to simplified Chinese, and drops spaces, punctuation, symbols, emoji and
/// zero-width characters, so "加 微 信", "v.x" and "加‍微信" all read "加微信"/"vx".
/// Repeats collapse: a Han (or other unspaced) character repeated twice or more and a Latin letter
/// repeated three times or more become one ("加加微微信" → "加微信", "fuuuck" → "fuck"), while "good" stays
/// "good" and digits never collapse, because their repeats carry meaning (888, phone numbers).
/// Lexicon words go through the same folding, so both sides agree.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Folds <paramref name="text"/> into <paramref name="output"/>, reusing its buffers; allocation-free once warm.</summary>
    public static void Normalize(ReadOnlySpan<char> text, NormalizedText output)
    {
        output.Clear();
        output.EnsureCapacity(text.Length);
        var chars = output.Chars;
        var starts = output.Starts;
        var ends = output.Ends;
        int length = 0;
        char runChar = '\0';
        int runCount = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            char folded = CharFolding.Fold(c);
            if (folded == CharFolding.Drop || folded == CharFolding.Expand)
            {
                // Rare: surrogate pairs and multi-char folds take the general path, which may grow the buffers.
                output.Length = length;
                i = NormalizeRare(text, i, output, ref runChar, ref runCount);
                output.EnsureCapacity(text.Length - i);
                length = output.Length;
                (chars, starts, ends) = (output.Chars, output.Starts, output.Ends);
                continue;
            }

            if (folded == runChar && length > 0)
            {
                runCount++;
                var kind = CharFolding.Kind(folded);
                if (kind == CharKind.Digit || (kind == CharKind.WordLetter && runCount < 3))
                {
                    chars[length] = folded;
                    starts[length] = i;
                    ends[length++] = i + 1;
                }
                else
                {
                    if (kind == CharKind.WordLetter && runCount == 3)
                    {
                        length--;
                    }

                    ends[length - 1] = i + 1;
                }

                continue;
            }

            runChar = folded;
            runCount = 1;
            chars[length] = folded;
            starts[length] = i;
            ends[length++] = i + 1;
        }

        output.Length = length;
    }

    /// <summary>Folds a whole string; for lexicon words and tests, not for the hot path.</summary>
    public static string Normalize(string text)
    {
        var output = new NormalizedText();
        Normalize(text, output);
        return output.ToString();
    }

    private static int NormalizeRare(ReadOnlySpan<char> text, int i, NormalizedText output, ref char runChar, ref int runCount)
    {
        char c = text[i];
        if (CharFolding.Fold(c) == CharFolding.Expand)
        {
            foreach (char e in CharFolding.Expansion(c))
            {
                Emit(output, ref runChar, ref runCount, e, i, i + 1);
            }

            return i;
        }

        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            int codePoint = char.ConvertToUtf32(c, text[i + 1]);
            char supplementary = CharFolding.FoldSupplementary(codePoint, out bool keepPair);
            if (keepPair)
            {
                // Letters beyond the BMP (rare Han) stay as their surrogate pair and never collapse.
                output.Append(c, i, i + 2);
                output.Append(text[i + 1], i, i + 2);
                runChar = '\0';
                runCount = 0;
            }
            else if (supplementary != CharFolding.Drop)
            {
                Emit(output, ref runChar, ref runCount, supplementary, i, i + 2);
            }

            return i + 1;
        }

        return i;
    }

    private static void Emit(NormalizedText output, ref char runChar, ref int runCount, char c, int start, int end)
    {
        if (output.Length > 0 && c == runChar)
        {
            runCount++;
            var kind = CharFolding.Kind(c);
            if (kind == CharKind.Digit || (kind == CharKind.WordLetter && runCount < 3))
            {
                output.Append(c, start, end);
                return;
            }

            if (kind == CharKind.WordLetter && runCount == 3)
            {
                output.RemoveLast();
            }

            output.ExtendLast(end);
            return;
        }

        runChar = c;
        runCount = 1;
        output.Append(c, start, end);
    }
}
