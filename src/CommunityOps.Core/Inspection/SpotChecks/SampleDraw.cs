namespace CommunityOps.Inspection.SpotChecks;

/// <summary>A drawn conversation with the key it was ranked by.</summary>
public sealed record DrawnConversation(Conversation Conversation, long DrawKey);

/// <summary>
/// The seeded, stratified draw. Every conversation gets a key from a 64-bit mix of the seed and its
/// reply's activity id; each stratum (an operator in a community, or a community) takes its
/// conversations with the smallest keys. The same seed on the same data draws the same sample
/// whatever order the conversations come in, and adding conversations later leaves earlier keys alone.
/// </summary>
public static class SampleDraw
{
    public static IReadOnlyList<DrawnConversation> Draw(IEnumerable<Conversation> conversations, SamplingMode mode, double amount, SamplingStrata strata, long seed)
    {
        var drawn = new List<DrawnConversation>();
        var groups = conversations.GroupBy(c => strata == SamplingStrata.Operator ? (c.CommunityId, c.OperatorId) : (c.CommunityId, 0L));
        foreach (var stratum in groups.OrderBy(g => g.Key))
        {
            var ranked = stratum.Select(c => new DrawnConversation(c, Key(seed, c.ReplyActivityId)))
                .OrderBy(d => d.DrawKey).ThenBy(d => d.Conversation.ReplyActivityId).ToList();
            drawn.AddRange(ranked.Take(Take(ranked.Count, mode, amount)));
        }
        return drawn;
    }

    /// <summary>How many of a stratum of <paramref name="size"/>: a percentage rounds up, a count is capped by the size.</summary>
    public static int Take(int size, SamplingMode mode, double amount) => mode == SamplingMode.Percent
        ? (int)Math.Min(size, Math.Ceiling(size * amount / 100 - 1e-9))
        : (int)Math.Min(size, amount);

    /// <summary>SplitMix64 of the seed and the id: well spread, and the same on every platform and runtime.</summary>
    public static long Key(long seed, long replyActivityId)
    {
        ulong z = unchecked((ulong)seed + 0x9E3779B97F4A7C15UL * ((ulong)replyActivityId + 1));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (long)((z ^ (z >> 31)) >> 1);
    }
}
