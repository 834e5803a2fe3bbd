using System.Text.RegularExpressions;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.Rules;

/// <summary>
/// `regex`: a .NET regular expression over the original text. Runs on the non-backtracking engine by
/// default, which cannot blow up on hostile input; "engine": "backtracking" allows lookarounds and
/// backreferences and then always has a match timeout (timeoutMs, default 100), after which the message
/// is treated as not matching. Parameters: pattern, ignoreCase (true), engine, timeoutMs.
/// </summary>
internal sealed class RegexRule : Rule
{
    private readonly Regex _regex;

    public RegexRule(RuleDefinition definition, RuleParameters parameters) : base(definition)
    {
        var pattern = parameters.RequiredString("pattern");
        var options = RegexOptions.CultureInvariant | (parameters.Bool("ignoreCase", true) ? RegexOptions.IgnoreCase : RegexOptions.None);
        var engine = parameters.String("engine", "nonBacktracking");
        int timeout = parameters.Int("timeoutMs", 100, 1, 10_000);
        try
        {
            _regex = engine switch
            {
                "nonBacktracking" => new Regex(pattern, options | RegexOptions.NonBacktracking),
                "backtracking" => new Regex(pattern, options | RegexOptions.Compiled, TimeSpan.FromMilliseconds(timeout)),
                _ => throw parameters.Invalid("engine", Errors.EitherOr("nonBacktracking", "backtracking")),
            };
        }
        catch (ArgumentException e)
        {
            throw new CommunityOpsException(Errors.PatternNotValid(definition.Name, e.Message), e);
        }
    }

    internal override void Inspect(MessageContext context, RuleState? state, List<Finding> findings)
    {
        List<FindingMatch>? matches = null;
        try
        {
            foreach (var match in _regex.EnumerateMatches(context.Message.Text))
            {
                if (match.Length > 0)
                {
                    (matches ??= []).Add(new FindingMatch(context.Message.Text.Substring(match.Index, match.Length), match.Index, match.Length));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pattern that takes this long on one message is the rule's fault, not the member's.
            return;
        }

        if (matches is not null)
        {
            Report(context, findings, 1.0, matches);
        }
    }
}
