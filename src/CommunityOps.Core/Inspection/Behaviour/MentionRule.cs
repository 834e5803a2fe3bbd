using System.Globalization;
using CommunityOps.Inspection.Rules;
using CommunityOps.Inspection.Text;

namespace CommunityOps.Inspection.Behaviour;

/// <summary>
/// `mentions`: one message mentioning more than maxMentions members. The count is the source's own
/// mention count when it has one, else the @names in the text (an @ inside an e-mail address is not a
/// mention). Parameters: maxMentions (5).
/// </summary>
internal sealed class MentionRule : Rule
{
    private readonly int _max;

    public MentionRule(RuleDefinition definition, RuleParameters parameters) : base(definition) =>
        _max = parameters.Int("maxMentions", 5, 1);

    internal override void Inspect(MessageContext context, RuleState? state, List<Finding> findings)
    {
        var text = context.Message.Text;
        if (context.Message.Mentions <= _max && text.Length <= 2 * _max)
        {
            return;
        }

        List<FindingMatch>? matches = null;
        for (int i = text.IndexOf('@', StringComparison.Ordinal); i >= 0; i = text.IndexOf('@', i + 1))
        {
            bool startsWord = i == 0 || !CharFolding.IsWordChar(text[i - 1]);
            int end = i + 1;
            while (end < text.Length && (CharFolding.IsWordChar(text[end]) || text[end] == '_' || CharFolding.Kind(text[end]) == CharKind.Ideograph))
            {
                end++;
            }

            if (startsWord && end > i + 1)
            {
                (matches ??= []).Add(new FindingMatch(text[i..end], i, end - i));
            }
        }

        int count = Math.Max(context.Message.Mentions, matches?.Count ?? 0);
        if (count > _max)
        {
            Report(context, findings, 1.0, matches, string.Create(CultureInfo.InvariantCulture, $"{count} mentions"));
        }
    }
}
