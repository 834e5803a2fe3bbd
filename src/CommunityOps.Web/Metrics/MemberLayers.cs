using System.Globalization;
using System.Text.RegularExpressions;
using CommunityOps.Analytics;
using CommunityOps.Members;
using CommunityOps.Storage;
using CommunityOps.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CommunityOps.Web.Metrics;

/// <summary>
/// Member lists with each member's layer from the engine and its tags, and the layer filter: a filtered list is
/// paged over the engine's listing (sorted by name) and only the page is read from the store.
/// </summary>
public static partial class MemberLayers
{
    public static IReadOnlyList<string> Names { get; } = ["new", "active", "casual", "silent", "churned"];

    public static MemberLayer? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "new" => MemberLayer.New,
        "active" => MemberLayer.Active,
        "casual" => MemberLayer.Casual,
        "silent" => MemberLayer.Silent,
        "churned" => MemberLayer.Churned,
        _ => throw new Hosting.FieldException("layer", Strings.Problem("OneOf", string.Join(", ", Names))),
    };

    public static string Name(MemberLayer layer) => Names[(int)layer];

    public static async Task<MemberList> SearchAsync(Store store, MetricsEngine engine, AnalyticsRefresher refresher, MetricsCache cache, long communityId,
        MemberFilter filter, MemberLayer? layer, CancellationToken ct)
    {
        var listing = await ListingAsync(engine, refresher, cache, communityId, ct);
        var byId = listing.Members.ToDictionary(m => m.MemberId);
        if (layer is null)
        {
            var page = await store.SearchMembersAsync(communityId, filter, ct);
            return page with { Items = await WithTagsAsync(store, page.Items.Select(i => WithLayer(i, byId)).ToList(), ct) };
        }
        // Layers hold members only, never staff.
        IEnumerable<LayerMember> candidates = filter.IsStaff == true ? [] : listing.Members.Where(m => m.Layer == layer);
        if (filter.TagId is { } tagId)
        {
            var tagged = await store.MembersWithTagAsync(communityId, tagId, ct);
            candidates = candidates.Where(m => tagged.Contains(m.MemberId));
        }
        if (!string.IsNullOrWhiteSpace(filter.Name))
        {
            var name = filter.Name.Trim();
            candidates = candidates.Where(m => m.Name.Contains(name, StringComparison.OrdinalIgnoreCase));
        }
        var sorted = candidates.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.MemberId).ToList();
        if (filter.IsBot is { } bot)
        {
            var rows = await store.MembersByIdsAsync(communityId, sorted.Select(m => m.MemberId).ToList(), ct);
            sorted = sorted.Where(m => rows.Any(r => r.Id == m.MemberId && r.IsBot == bot)).ToList();
        }
        var ids = sorted.Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).Select(m => m.MemberId).ToList();
        var items = (await store.MembersByIdsAsync(communityId, ids, ct)).Select(i => WithLayer(i, byId)).ToList();
        return new MemberList(await WithTagsAsync(store, items, ct), filter.Page, filter.PageSize, sorted.Count);
    }

    private static async Task<List<MemberListItem>> WithTagsAsync(Store store, List<MemberListItem> items, CancellationToken ct)
    {
        var tags = await store.TagsOfMembersAsync(items.Select(i => i.Id).ToList(), ct);
        return items.Select(i => tags.TryGetValue(i.Id, out var t) ? i with { Tags = t } : i).ToList();
    }

    /// <summary>The engine's listing of every member with its layer; a community imported since the last refresh is folded in first.</summary>
    public static Task<MemberListing> ListingAsync(MetricsEngine engine, AnalyticsRefresher refresher, MetricsCache cache, long communityId, CancellationToken ct) =>
        cache.GetAsync($"listing:{communityId}", async () =>
        {
            // Not the request's token: other requests may be waiting for this computation.
            var id = communityId.ToString(CultureInfo.InvariantCulture);
            try
            {
                return await engine.MembersAsync(id, null, null, CancellationToken.None);
            }
            catch (CommunityOpsException)
            {
                await refresher.RefreshNowAsync(CancellationToken.None);
                return await engine.MembersAsync(id, null, null, CancellationToken.None);
            }
        });

    private static MemberListItem WithLayer(MemberListItem item, Dictionary<long, LayerMember> layers) =>
        layers.TryGetValue(item.Id, out var l) ? item with { Layer = Name(l.Layer), LayerReason = l.Reason } : item;

    /// <summary>
    /// The reason in the page's language. The engine words it in English ("left on 2026-02-07"); its
    /// date is the one fact a person needs, so the sentence is rebuilt around it from the resources.
    /// </summary>
    public static string Reason(LayerMember member, int activeDays, IStringLocalizer<Strings> l)
    {
        var date = IsoDate().Match(member.Reason) is { Success: true } m
            ? DateOnly.ParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("d", CultureInfo.CurrentCulture)
            : "";
        var key = member.Layer switch
        {
            MemberLayer.New => "Reason.New",
            MemberLayer.Active => "Reason.Active",
            MemberLayer.Casual => "Reason.Casual",
            MemberLayer.Silent when member.LastMessage is null => "Reason.SilentNeverWrote",
            MemberLayer.Silent => "Reason.Silent",
            _ => "Reason.Churned",
        };
        return string.Format(CultureInfo.CurrentCulture, l[key], date, activeDays);
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}", RegexOptions.RightToLeft)]
    private static partial Regex IsoDate();
}
