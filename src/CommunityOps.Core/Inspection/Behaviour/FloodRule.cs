using System.Globalization;
using System.Text.Json.Nodes;
using CommunityOps.Inspection.Rules;

namespace CommunityOps.Inspection.Behaviour;

/// <summary>
/// `flood`: a member posting more than maxMessages messages within windowSeconds in one community
/// (per channel with perChannel). Every message beyond the limit is a finding, since each one is the
/// flood an operator may want to remove. Parameters: maxMessages (5), windowSeconds (10), perChannel (false).
/// </summary>
internal sealed class FloodRule : Rule
{
    private readonly int _max;
    private readonly TimeSpan _window;
    private readonly bool _perChannel;

    public FloodRule(RuleDefinition definition, RuleParameters parameters) : base(definition)
    {
        _max = parameters.Int("maxMessages", 5, 1);
        _window = TimeSpan.FromSeconds(parameters.Int("windowSeconds", 10, 1));
        _perChannel = parameters.Bool("perChannel", false);
    }

    internal override RuleState CreateState() => new State();

    internal override void Inspect(MessageContext context, RuleState? state, List<Finding> findings)
    {
        var message = context.Message;
        var recent = ((State)state!).Windows.For((message.Community, _perChannel ? message.Channel : null, message.Member), message.Time, _window);
        recent.Enqueue(message.Time);
        if (recent.Count > _max)
        {
            Report(context, findings, 1.0, null,
                string.Create(CultureInfo.InvariantCulture, $"{recent.Count} messages in {_window.TotalSeconds:0} s"));
        }
    }

    /// <summary>
    /// Each member's messages still inside the window when the pass stopped, so that a flood split across
    /// two imports (a live feed imported every minute) is counted as one.
    /// </summary>
    internal override JsonNode? SaveCarried(RuleState? state, DateTimeOffset now)
    {
        var list = new JsonArray();
        foreach (var ((community, channel, member), times) in ((State)state!).Windows.Recent(_window, now))
        {
            list.Add(new JsonObject
            {
                ["community"] = community,
                ["channel"] = channel,
                ["member"] = member,
                ["times"] = SlidingWindows.ToJson(times),
            });
        }

        return list.Count == 0 ? null : list;
    }

    internal override void LoadCarried(RuleState? state, JsonNode carried)
    {
        var windows = ((State)state!).Windows;
        foreach (var entry in carried as JsonArray ?? [])
        {
            if (entry?["community"]?.GetValue<string>() is { } community && entry["member"]?.GetValue<string>() is { } member)
            {
                var channel = _perChannel ? entry["channel"]?.GetValue<string>() : null;
                windows.Restore((community, channel, member), SlidingWindows.FromJson(entry["times"]));
            }
        }
    }

    private sealed class State : RuleState
    {
        public SlidingWindows<(string, string?, string)> Windows { get; } = new();
    }
}

/// <summary>How <see cref="SlidingWindows{TKey}"/> times are carried between passes: Unix milliseconds.</summary>
internal static class SlidingWindows
{
    public static JsonArray ToJson(IEnumerable<DateTimeOffset> times) => [.. times.Select(t => JsonValue.Create(t.ToUnixTimeMilliseconds()))];

    public static IEnumerable<DateTimeOffset> FromJson(JsonNode? times) =>
        (times as JsonArray ?? []).Select(t => t is JsonValue value && value.TryGetValue<long>(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null)
            .Where(t => t is not null).Select(t => t!.Value);
}

/// <summary>
/// Per-key queues of recent times, trimmed to a window as time moves on; keys idle for longer than the
/// window are dropped now and then so memory follows the active members, not everyone ever seen.
/// </summary>
internal sealed class SlidingWindows<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, Window> _queues = [];
    private int _sincePrune;

    public Queue<DateTimeOffset> For(TKey key, DateTimeOffset now, TimeSpan window)
    {
        if (++_sincePrune >= 4096)
        {
            _sincePrune = 0;
            foreach (var idle in _queues.Where(q => q.Value.Count == 0 || q.Value.Newest < now - window).Select(q => q.Key).ToList())
            {
                _queues.Remove(idle);
            }
        }

        if (!_queues.TryGetValue(key, out var queue))
        {
            queue = new Window();
            _queues[key] = queue;
        }

        // Within a pass each key's events come in time order. A later pass can read older ones (an older
        // export imported after a newer one): what it carried in belongs to another stretch of time.
        if (queue.Count > 0 && queue.Newest > now)
        {
            queue.Clear();
        }

        // The caller adds this time next.
        queue.Newest = now;
        while (queue.Count > 0 && queue.Peek() <= now - window)
        {
            queue.Dequeue();
        }

        return queue;
    }

    /// <summary>Every key's times within <paramref name="window"/> before <paramref name="now"/>: what a later pass must start from.</summary>
    public IEnumerable<(TKey Key, List<DateTimeOffset> Times)> Recent(TimeSpan window, DateTimeOffset now)
    {
        foreach (var (key, queue) in _queues)
        {
            // Times later than now (carried in, ahead of an older export's events) stay too.
            var times = queue.Where(t => now - t < window).ToList();
            if (times.Count > 0)
            {
                yield return (key, times);
            }
        }
    }

    /// <summary>Puts carried times back, oldest first, before the pass's first event.</summary>
    public void Restore(TKey key, IEnumerable<DateTimeOffset> times)
    {
        if (!_queues.TryGetValue(key, out var queue))
        {
            queue = new Window();
            _queues[key] = queue;
        }

        foreach (var time in times.Order())
        {
            queue.Enqueue(time);
            queue.Newest = time;
        }
    }

    /// <summary>A key's times, oldest first, and the newest of them without walking the queue.</summary>
    private sealed class Window : Queue<DateTimeOffset>
    {
        public DateTimeOffset Newest { get; set; }
    }
}
