namespace CommunityOps.Ingestion.WhatsApp;

internal static class WhatsAppAuthor
{
    /// <summary>
    /// "Name: text" after the header. Names may hold ':' but not ": ", and never a quote (which keeps
    /// notices such as 'X changed the subject to "a: b"' whole). "Name:." is how some exports write a
    /// message whose text was not kept (chat-miner reads it as a disappearing message).
    /// </summary>
    public static bool TrySplit(string body, out string author, out string text)
    {
        var i = body.IndexOf(": ", StringComparison.Ordinal);
        if (i > 0 && IsName(body.AsSpan(0, i)))
        {
            author = body[..i];
            text = body[(i + 2)..];
            return true;
        }
        if (i < 0 && body.Length > 1 && body.EndsWith(':') && IsName(body.AsSpan(0, body.Length - 1)))
        {
            author = body[..^1];
            text = "";
            return true;
        }
        if (i < 0 && body.Length > 2 && body.EndsWith(":.", StringComparison.Ordinal) && IsName(body.AsSpan(0, body.Length - 2)))
        {
            author = body[..^2];
            text = "";
            return true;
        }
        author = text = "";
        return false;
    }

    private static bool IsName(ReadOnlySpan<char> s) => s.IndexOfAny("\"“”") < 0 && !s.Trim().IsEmpty;

    /// <summary>The member id as shown: invisible marks, spacing and the "~ " of non-contacts removed.</summary>
    public static string Clean(string name)
    {
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var n = 0;
        foreach (var c in name)
        {
            if (!WhatsAppHeader.IsMark(c))
            {
                buffer[n++] = c is '\u00A0' or '\u202F' ? ' ' : c;
            }
        }
        var cleaned = buffer[..n].Trim();
        if (cleaned.StartsWith('~'))
        {
            cleaned = cleaned[1..].TrimStart();
        }
        return cleaned.ToString();
    }
}
