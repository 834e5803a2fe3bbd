using System.Text;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.Lexicons;

/// <summary>A word list as read from a file: the words kept, and how many lines were dropped and why.</summary>
public sealed record Lexicon(string Source, IReadOnlyList<string> Words, int EmptyLines, int DuplicateLines, int CorruptLines);

/// <summary>
/// Reads a lexicon: one word per line, UTF-8 with or without BOM, LF or CRLF. Surrounding spaces and a
/// trailing comma or semicolon (as in the fwwdn lists, "习近平,") are trimmed; duplicates are dropped;
/// lines with control characters are dropped as corrupt (a few houbb entries carry stray bytes that
/// would otherwise fold down to a single letter and match everywhere).
/// </summary>
public static class LexiconFile
{
    public static Lexicon Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CommunityOpsException(Errors.LexiconNotFound(path));
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    public static Lexicon Read(TextReader reader, string source)
    {
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int empty = 0, duplicates = 0, corrupt = 0;
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim().TrimStart('\uFEFF').TrimEnd(',', '，', ';', '；').Trim();
            if (word.Length == 0)
            {
                empty++;
            }
            else if (word.Any(char.IsControl))
            {
                corrupt++;
            }
            else if (!seen.Add(word))
            {
                duplicates++;
            }
            else
            {
                words.Add(word);
            }
        }

        return new Lexicon(source, words, empty, duplicates, corrupt);
    }
}
