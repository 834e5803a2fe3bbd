using System.Buffers;
using System.Collections.Frozen;
using CommunityOps.Inspection.Text;

namespace CommunityOps.Inspection.Contacts;

/// <summary>
/// E-mail addresses, http(s)/www links and bare domains with a known top-level domain; a link whose host
/// is a Telegram, Discord or WhatsApp invite host is reported as an invite. Full-width and ideographic
/// dots (．。) count as dots, since "example。com" is a classic dodge.
/// </summary>
internal sealed class LinkDetector
{
    private static readonly FrozenSet<string> TopLevelDomains = FrozenSet.Create(StringComparer.Ordinal,
        "com", "net", "org", "cn", "io", "me", "cc", "top", "xyz", "ru", "info", "vip", "club", "site", "online", "shop",
        "store", "app", "link", "tk", "ml", "ga", "gq", "cf", "co", "tv", "ly", "gg", "biz", "pro", "live", "fun", "icu",
        "work", "win", "bid", "loan", "ltd", "asia", "hk", "tw", "mo", "jp", "kr", "uk", "de", "fr", "us", "su", "ua", "kz",
        "by", "in", "ph", "vn", "th", "id", "my", "sg", "fr", "es", "it", "nl", "pl", "br", "ws", "to", "la", "gs", "run", "wang");

    private static readonly (string Host, string? Path)[] InviteHosts =
    [
        ("t.me", null), ("telegram.me", null), ("telegram.dog", null), ("discord.gg", null), ("discord.com", "/invite"),
        ("discordapp.com", "/invite"), ("chat.whatsapp.com", null), ("wa.me", null),
    ];

    private static readonly SearchValues<char> Triggers = SearchValues.Create("@.．。＠");

    public void Scan(ReadOnlySpan<char> text, List<ContactHit> hits)
    {
        // Most messages have neither '@' nor a dot: one vectorized search answers for them.
        if (text.IndexOfAny(Triggers) < 0)
        {
            return;
        }

        int coveredUntil = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (i < coveredUntil)
            {
                continue;
            }

            char c = text[i];
            if (c is '@' or '＠')
            {
                if (TryEmail(text, i, out var email))
                {
                    hits.Add(email);
                    coveredUntil = email.Start + email.Length;
                }

                continue;
            }

            if (IsLinkStart(text, i) && TryLink(text, i, out var link))
            {
                hits.Add(link);
                coveredUntil = link.Start + link.Length;
            }
        }
    }

    private static bool IsLinkStart(ReadOnlySpan<char> text, int i) =>
        IsHostChar(text[i]) && (i == 0 || !IsHostChar(text[i - 1]) || text[i - 1] == '-') && text[i] != '-';

    private static bool TryLink(ReadOnlySpan<char> text, int start, out ContactHit hit)
    {
        hit = default;
        var rest = text[start..];
        int hostStart = start;
        bool scheme = false;
        foreach (var prefix in (ReadOnlySpan<string>)["https://", "http://"])
        {
            if (rest.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                hostStart = start + prefix.Length;
                scheme = true;
                break;
            }
        }

        int i = hostStart;
        int lastDot = -1;
        int labels = 1;
        while (i < text.Length && (IsHostChar(text[i]) || (IsDot(text[i]) && i > hostStart && i + 1 < text.Length && IsHostChar(text[i + 1]))))
        {
            if (IsDot(text[i]))
            {
                lastDot = i;
                labels++;
            }

            i++;
        }

        if (lastDot < 0)
        {
            return false;
        }

        var host = Host(text[hostStart..i]);
        var tld = host[(host.LastIndexOf('.') + 1)..];
        bool www = host.StartsWith("www.", StringComparison.Ordinal);
        if (!scheme && !www && !TopLevelDomains.Contains(tld))
        {
            return false;
        }

        if (tld.All(char.IsAsciiDigit) && !scheme)
        {
            return false;
        }

        int hostEnd = i;
        while (i < text.Length && IsPathChar(text[i]))
        {
            i++;
        }

        // A link ends before trailing punctuation that belongs to the sentence.
        while (i > hostEnd && text[i - 1] is '.' or ',' or ')' or '!' or '?' or ':' or ';')
        {
            i--;
        }

        var path = text[hostEnd..i];
        var kind = IsInvite(host, path) ? ContactKind.Invite : scheme || www ? ContactKind.Url : ContactKind.Domain;
        hit = new ContactHit(kind, start, i - start, host);
        return labels >= 2;
    }

    private static bool IsInvite(string host, ReadOnlySpan<char> path)
    {
        foreach (var (inviteHost, prefix) in InviteHosts)
        {
            if (host == inviteHost && path.Length > 1 && (prefix is null || path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryEmail(ReadOnlySpan<char> text, int at, out ContactHit hit)
    {
        hit = default;
        int start = at;
        while (start > 0 && IsLocalChar(text[start - 1]))
        {
            start--;
        }

        int end = at + 1;
        int lastDot = -1;
        while (end < text.Length && (IsHostChar(text[end]) || (IsDot(text[end]) && end + 1 < text.Length && IsHostChar(text[end + 1]))))
        {
            if (IsDot(text[end]))
            {
                lastDot = end;
            }

            end++;
        }

        if (start == at || lastDot < 0 || end - lastDot - 1 < 2)
        {
            return false;
        }

        var tld = text[(lastDot + 1)..end];
        foreach (char c in tld)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        var address = new string(text[start..end]).Replace('＠', '@');
        hit = new ContactHit(ContactKind.Email, start, end - start, address.ToLowerInvariant());
        return true;
    }

    private static string Host(ReadOnlySpan<char> span)
    {
        Span<char> buffer = span.Length <= 256 ? stackalloc char[span.Length] : new char[span.Length];
        for (int i = 0; i < span.Length; i++)
        {
            char c = span[i];
            buffer[i] = IsDot(c) ? '.' : char.ToLowerInvariant(c < 0x80 ? c : CharFolding.Fold(c));
        }

        return new string(buffer);
    }

    private static bool IsDot(char c) => c is '.' or '．' or '。';

    private static bool IsHostChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-' || (c is >= '０' and <= 'ｚ' && char.IsLetterOrDigit(c));

    private static bool IsLocalChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    private static bool IsPathChar(char c) => c > ' ' && c < 0x7F && c is not ('"' or '\'' or '<' or '>' or '`');
}
