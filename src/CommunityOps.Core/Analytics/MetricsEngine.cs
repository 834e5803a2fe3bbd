using System.Globalization;
using CommunityOps.Resources;

namespace CommunityOps.Analytics;

/// <summary>
/// The metrics of docs/metrics.md over an <see cref="AnalyticsStore"/>: one community, every community
/// of a workspace with totals, and the members of a layer with their reasons. The CLI commands
/// `metrics` and `members` and the web API call these and serialize with <see cref="MetricsJson"/>.
/// </summary>
public sealed class MetricsEngine(AnalyticsStore analytics, AnalyticsOptions? options = null)
{
    private readonly AnalyticsOptions _options = options ?? new AnalyticsOptions();

    public AnalyticsStore Analytics { get; } = analytics;

    /// <summary>One community by id or name; the query's zone, when given, replaces the community's.</summary>
    public async Task<CommunityReport> CommunityAsync(string community, MetricsQuery? query = null, CancellationToken ct = default)
    {
        query ??= MetricsQuery.Default;
        var id = Resolve(community);
        CommunityReport report;
        if (Override(id, query) is { } zone)
        {
            var state = await Analytics.StateInZoneAsync(id, zone, ct);
            report = MetricsComputation.Community(state, query, _options, Today(zone));
        }
        else
        {
            report = Analytics.Read(states => MetricsComputation.Community(states[id], query, _options, Today(states[id].Clock)));
        }
        await TopMessageTexts.FillAsync(Analytics.Store, [report], ct);
        return report;
    }

    /// <summary>Every community of a workspace (all workspaces when null) over one shared range, with totals.</summary>
    public async Task<WorkspaceReport> WorkspaceAsync(string? workspace = null, MetricsQuery? query = null, CancellationToken ct = default)
    {
        query ??= MetricsQuery.Default;
        var ids = Analytics.Read(states => states.Values.Where(s => workspace is null || s.Workspace == workspace).OrderBy(s => s.CommunityId).Select(s => s.CommunityId).ToList());
        if (workspace is not null && ids.Count == 0)
        {
            throw new CommunityOpsException(Errors.NoWorkspaceWithCommunities(workspace));
        }
        WorkspaceReport report;
        if (query.TimeZone is { } tz)
        {
            var zone = Zone(tz);
            var states = new List<CommunityState>();
            foreach (var id in ids)
            {
                states.Add(await Analytics.StateInZoneAsync(id, zone, ct));
            }
            report = MetricsComputation.Workspace(workspace, states, query, _options, Today(zone));
        }
        else
        {
            report = Analytics.Read(states => MetricsComputation.Workspace(workspace, [.. ids.Select(id => states[id])], query, _options,
                Today(ZoneClock.For(TimeZoneInfo.Utc))));
        }
        await TopMessageTexts.FillAsync(Analytics.Store, report.Communities, ct);
        return report;
    }

    /// <summary>The members of one layer (or all, when null) at the end of the range, each with the reason in words.</summary>
    public async Task<MemberListing> MembersAsync(string community, MemberLayer? layer, MetricsQuery? query = null, CancellationToken ct = default)
    {
        query ??= MetricsQuery.Default;
        var id = Resolve(community);
        MemberListing listing;
        if (Override(id, query) is { } zone)
        {
            var state = await Analytics.StateInZoneAsync(id, zone, ct);
            listing = MetricsComputation.Members(state, layer, query, _options, Today(zone));
        }
        else
        {
            listing = Analytics.Read(states => MetricsComputation.Members(states[id], layer, query, _options, Today(states[id].Clock)));
        }
        await TopMessageTexts.FillSourceIdsAsync(Analytics.Store, id, listing.Members, ct);
        return listing;
    }

    /// <summary>A community id from an id or an exact name (case-insensitive); a one-line error otherwise.</summary>
    public long Resolve(string community)
    {
        return Analytics.Read(states =>
        {
            if (long.TryParse(community, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && states.ContainsKey(id))
            {
                return id;
            }
            var named = states.Values.Where(s => string.Equals(s.Name, community, StringComparison.OrdinalIgnoreCase)).Select(s => s.CommunityId).Order().ToList();
            return named.Count switch
            {
                1 => named[0],
                0 => throw new CommunityOpsException(Errors.NoCommunityListed(community)),
                _ => throw new CommunityOpsException(Errors.SeveralCommunitiesWithIds(community, string.Join(", ", named))),
            };
        });
    }

    private ZoneClock? Override(long id, MetricsQuery query)
    {
        if (query.TimeZone is not { } tz)
        {
            return null;
        }
        var zone = Zone(tz);
        return Analytics.Read(states => states[id].Clock.Id) == zone.Id ? null : zone;
    }

    private static ZoneClock Zone(string tz) => ZoneClock.For(Ingestion.Common.TimeParsing.FindZone(tz));

    private DateOnly Today(ZoneClock zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Analytics.Store.Time.GetUtcNow(), zone.Zone).DateTime);
}
