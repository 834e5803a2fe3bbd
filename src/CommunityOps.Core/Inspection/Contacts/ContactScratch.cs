using System.Text;
using CommunityOps.Inspection.Matching;

namespace CommunityOps.Inspection.Contacts;

/// <summary>Per-thread buffers for <see cref="ContactScanner"/>.</summary>
public sealed class ContactScratch
{
    internal StringBuilder Digits { get; } = new(32);

    internal MatchScratch Match { get; } = new();

    internal HitBuffer Hits { get; } = new();

    internal Text.NormalizedText Normalized { get; } = new();
}
