using CommunityOps.Inspection.Text;

namespace CommunityOps.Inspection.Contacts;

/// <summary>
/// Finds contacts and links in a message: phone numbers (mainland and international), WeChat ids and
/// disguises, QQ numbers, e-mail, URLs, bare domains and invite links. Stateless and thread-safe; pass a
/// per-thread <see cref="ContactScratch"/>.
/// </summary>
public sealed class ContactScanner
{
    private readonly PhoneAndQQDetector _phones = new();
    private readonly WeChatDetector _weChat = new();
    private readonly LinkDetector _links = new();

    public static ContactScanner Default { get; } = new();

    /// <summary>
    /// Appends every contact in <paramref name="text"/> to <paramref name="hits"/>, sorted by position.
    /// Pass <paramref name="normalized"/> when the caller has already folded the text (it saves a pass).
    /// </summary>
    public void Scan(ReadOnlySpan<char> text, ContactScratch scratch, List<ContactHit> hits, NormalizedText? normalized = null)
    {
        int first = hits.Count;
        if (normalized is null)
        {
            TextNormalizer.Normalize(text, scratch.Normalized);
            normalized = scratch.Normalized;
        }

        _links.Scan(text, hits);
        _weChat.Scan(text, normalized, scratch, hits);
        _phones.Scan(text, scratch, hits);
        RemoveInsideOthers(hits, first);
    }

    /// <summary>Convenience for tests and tools; allocates.</summary>
    public IReadOnlyList<ContactHit> Scan(string text)
    {
        var hits = new List<ContactHit>();
        Scan(text, new ContactScratch(), hits);
        return hits;
    }

    /// <summary>
    /// A number inside an e-mail address or a link is part of it, not a contact of its own.
    /// </summary>
    private static void RemoveInsideOthers(List<ContactHit> hits, int first)
    {
        if (hits.Count - first < 2)
        {
            return;
        }

        var mine = hits.GetRange(first, hits.Count - first);
        hits.RemoveRange(first, hits.Count - first);
        mine.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        foreach (var hit in mine)
        {
            bool inside = false;
            foreach (var other in mine)
            {
                if (!other.Equals(hit) && other.Start <= hit.Start && hit.Start + hit.Length <= other.Start + other.Length
                    && other.Kind is ContactKind.Email or ContactKind.Url or ContactKind.Domain or ContactKind.Invite
                    && (other.Length > hit.Length || other.Kind != hit.Kind))
                {
                    inside = true;
                    break;
                }
            }

            if (!inside)
            {
                hits.Add(hit);
            }
        }
    }
}
