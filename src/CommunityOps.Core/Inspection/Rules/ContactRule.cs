using CommunityOps.Inspection.Contacts;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.Rules;

/// <summary>
/// `contact`: contacts and links (see <see cref="ContactScanner"/>). Parameters: detect [kinds, default
/// all: cn_mobile, intl_phone, wechat, qq, email, url, domain, invite], allowDomains [hosts never reported,
/// subdomains included], denyDomains [..] and denyLexicons [files of hosts], onlyDenied (false: with true,
/// links are reported only when their host is denied; other kinds are unaffected).
/// </summary>
internal sealed class ContactRule : Rule
{
    private static readonly Dictionary<string, ContactKind> KindNames = new(StringComparer.Ordinal)
    {
        ["cn_mobile"] = ContactKind.ChineseMobile,
        ["intl_phone"] = ContactKind.InternationalPhone,
        ["wechat"] = ContactKind.WeChat,
        ["qq"] = ContactKind.QQ,
        ["email"] = ContactKind.Email,
        ["url"] = ContactKind.Url,
        ["domain"] = ContactKind.Domain,
        ["invite"] = ContactKind.Invite,
    };

    private readonly bool[] _detect = new bool[KindNames.Count];
    private readonly DomainList _allowed;
    private readonly DomainList _denied;
    private readonly bool _onlyDenied;

    public ContactRule(RuleDefinition definition, RuleParameters parameters, RuleCompiler compiler) : base(definition)
    {
        var kinds = parameters.Strings("detect");
        foreach (var name in kinds.Count == 0 ? [.. KindNames.Keys] : kinds)
        {
            _detect[(int)(KindNames.TryGetValue(name, out var kind) ? kind
                : throw parameters.Invalid("detect", Errors.AListOf(string.Join(", ", KindNames.Keys))))] = true;
        }

        _allowed = new DomainList(parameters.Strings("allowDomains"));
        _denied = new DomainList(parameters.Strings("denyDomains")
            .Concat(parameters.Strings("denyLexicons").SelectMany(reference => compiler.Lexicon(reference).Words)));
        _onlyDenied = parameters.Bool("onlyDenied", false);
    }

    internal override void Inspect(MessageContext context, RuleState? state, List<Finding> findings)
    {
        var contacts = context.Contacts;
        if (contacts.Count == 0)
        {
            return;
        }

        List<FindingMatch>? matches = null;
        HashSet<string>? kinds = null;
        var text = context.Message.Text;
        foreach (var hit in contacts)
        {
            if (!_detect[(int)hit.Kind] || !IsReportable(hit))
            {
                continue;
            }

            (matches ??= []).Add(new FindingMatch(text.Substring(hit.Start, hit.Length), hit.Start, hit.Length));
            (kinds ??= []).Add(hit.Kind.ToString());
        }

        if (matches is not null)
        {
            Report(context, findings, 1.0, matches, "contacts: " + string.Join(", ", kinds!));
        }
    }

    private bool IsReportable(ContactHit hit)
    {
        if (hit.Kind is not (ContactKind.Url or ContactKind.Domain or ContactKind.Invite or ContactKind.Email))
        {
            return true;
        }

        var host = hit.Kind == ContactKind.Email ? hit.Value[(hit.Value.IndexOf('@', StringComparison.Ordinal) + 1)..] : hit.Value;
        if (_allowed.Contains(host))
        {
            return false;
        }

        return !_onlyDenied || hit.Kind is ContactKind.Email or ContactKind.Invite || _denied.Contains(host);
    }
}

/// <summary>Hosts, each covering its subdomains: "example.com" covers "www.example.com" and "a.b.example.com".</summary>
internal sealed class DomainList
{
    private readonly HashSet<string> _hosts;

    public DomainList(IEnumerable<string> hosts) =>
        _hosts = hosts.Select(h => h.Trim().TrimEnd('.').ToLowerInvariant()).Where(h => h.Length > 0).ToHashSet(StringComparer.Ordinal);

    public bool Contains(string host)
    {
        if (_hosts.Count == 0)
        {
            return false;
        }

        for (var rest = host; ; rest = rest[(rest.IndexOf('.', StringComparison.Ordinal) + 1)..])
        {
            if (_hosts.Contains(rest))
            {
                return true;
            }

            if (!rest.Contains('.', StringComparison.Ordinal))
            {
                return false;
            }
        }
    }
}
