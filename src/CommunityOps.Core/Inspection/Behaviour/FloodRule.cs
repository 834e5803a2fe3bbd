using System.Globalization;
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

    private sealed class State : RuleState
    {
        public SlidingWindows<(string, string?, string)> Windows { get; } = new();
    }
}

/// <summary>
/// Per-key queues of recent times, trimmed to a window as time moves on; keys idle for longer than the
/// window are dropped now and then so memory follows the active members, not everyone ever seen.
/// </summary>
internal sealed class SlidingWindows<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, Queue<DateTimeOffset>> _queues = [];
    private int _sincePrune;

    public Queue<DateTimeOffset> For(TKey key, DateTimeOffset now, TimeSpan window)
    {
        if (++_sincePrune >= 4096)
        {
            _sincePrune = 0;
            foreach (var idle in _queues.Where(q => q.Value.Count == 0 || q.Value.Last() < now - window).Select(q => q.Key).ToList())
            {
                _queues.Remove(idle);
            }
        }

        if (!_queues.TryGetValue(key, out var queue))
        {
            queue = new Queue<DateTimeOffset>();
            _queues[key] = queue;
        }

        while (queue.Count > 0 && queue.Peek() <= now - window)
        {
            queue.Dequeue();
        }

        return queue;
    }
}
