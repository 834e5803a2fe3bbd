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
        var run = new RunState();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            char folded = CharFolding.Fold(c);
            if (folded == CharFolding.Drop)
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    int codePoint = char.ConvertToUtf32(c, text[i + 1]);
                    char supplementary = CharFolding.FoldSupplementary(codePoint, out bool keepPair);
                    if (keepPair)
                    {
                        // Letters beyond the BMP (rare Han) stay as their surrogate pair and never collapse.
                        output.Append(c, i, i + 2);
                        output.Append(text[i + 1], i, i + 2);
                        run = default;
                    }
                    else if (supplementary != CharFolding.Drop)
                    {
                        Emit(output, ref run, supplementary, i, i + 2);
                    }

                    i++;
                }

                continue;
            }

            if (folded == CharFolding.Expand)
            {
                foreach (char e in CharFolding.Expansion(c))
                {
                    Emit(output, ref run, e, i, i + 1);
                }

                continue;
            }

            Emit(output, ref run, folded, i, i + 1);
        }
    }

    /// <summary>Folds a whole string; for lexicon words and tests, not for the hot path.</summary>
    public static string Normalize(string text)
    {
        var output = new NormalizedText();
        Normalize(text, output);
        return output.ToString();
    }

    private static void Emit(NormalizedText output, ref RunState run, char c, int start, int end)
    {
        if (output.Length > 0 && c == run.Char)
        {
            run.Count++;
            switch (CharFolding.Kind(c))
            {
                case CharKind.Digit:
                    break;
                case CharKind.WordLetter:
                    if (run.Count < 3)
                    {
                        break;
                    }

                    if (run.Count == 3)
                    {
                        output.RemoveLast();
                    }

                    output.ExtendLast(end);
                    return;
                default:
                    output.ExtendLast(end);
                    return;
            }
        }
        else
        {
            run.Char = c;
            run.Count = 1;
        }

        output.Append(c, start, end);
    }

    private struct RunState
    {
        public char Char;
        public int Count;
    }
}
