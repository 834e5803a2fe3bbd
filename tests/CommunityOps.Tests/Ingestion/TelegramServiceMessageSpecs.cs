using CommunityOps.Ingestion;
using CommunityOps.Messages;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;
using static CommunityOps.Tests.Ingestion.TelegramFixtures;

namespace CommunityOps.Tests.Ingestion;

public sealed class TelegramServiceMessageSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    private static string Service(long id, long unix, string actor, string actorId, string action, string extra) => $$"""
          {
           "id": {{id}},
           "type": "service",
           "date": "{{DateTimeOffset.FromUnixTimeSeconds(unix).UtcDateTime:yyyy-MM-ddTHH:mm:ss}}",
           "date_unixtime": "{{unix}}",
           "actor": {{actor}},
           "actor_id": "{{actorId}}",
           "action": "{{action}}",{{extra}}
           "text": ""
          }
        """;

    private static readonly string History = string.Join(",\n",
        Service(1, T0, "\"Ann\"", "user1", "create_group", "\n   \"title\": \"Club\",\n   \"members\": [\"Ann\", \"Bo\"],"),
        Service(2, T0 + 10, "\"Ann\"", "user1", "invite_members", "\n   \"members\": [\"Cy\", \"Twin\", null],"),
        Service(3, T0 + 20, "\"Dee\"", "user4", "join_group_by_link", "\n   \"inviter\": \"Ann\","),
        Service(4, T0 + 30, "\"Eve\"", "user5", "join_group_by_request", ""),
        Service(5, T0 + 40, "\"Cy\"", "user3", "remove_members", "\n   \"members\": [\"Cy\"],"),
        Service(6, T0 + 50, "\"Ann\"", "user1", "remove_members", "\n   \"members\": [\"Dee\"],"),
        Service(7, T0 + 60, "\"Ann\"", "user1", "pin_message", "\n   \"message_id\": 9,"),
        Message(8, "Bo", "user2", T0 + 70),
        Message(9, "Twin", "user6", T0 + 80),
        Message(10, "Twin", "user7", T0 + 90));

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Service_messages_become_joins_and_leaves_with_inviters_links_and_removers(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = _files.Write("result.json", Chat(History));

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        (summary.Joins, summary.Leaves, summary.Messages).ShouldBe((7L, 2L, 3L));
        await using var db = store.Store.CreateDbContext();
        var members = await db.Members.ToDictionaryAsync(m => m.Id, m => m.SourceId);
        var rows = await db.Activities.Where(a => a.Kind != ActivityKind.Message).OrderBy(a => a.OccurredAt).ThenBy(a => a.SourceId).ToListAsync();
        var described = rows.Select(a => $"{a.Kind} {a.SourceId} member={members[a.MemberId]} related={(a.RelatedMemberId is { } r ? members[r] : "-")} link={a.InviteLink ?? "-"}");
        described.ShouldBe([
            "Join 1:Ann member=user1 related=- link=-",
            "Join 1:Bo member=user2 related=user1 link=-",
            "Join 2:Cy member=user3 related=user1 link=-",
            "Join 2:Deleted Account member=name:Deleted Account related=user1 link=-",
            "Join 2:Twin member=name:Twin related=user1 link=-",
            "Join 3:user4 member=user4 related=user1 link=link",
            "Join 4:user5 member=user5 related=- link=-",
            "Leave 5:Cy member=user3 related=- link=-",
            "Leave 6:Dee member=user4 related=user1 link=-",
        ]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_name_only_member_gets_its_id_and_keeps_its_records_when_a_later_export_gives_one(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var invite = Service(2, T0, "\"Ann\"", "user1", "invite_members", "\n   \"members\": [\"Cy\"],");
        var early = _files.Write("early/result.json", Chat(invite));
        var later = _files.Write("later/result.json", Chat(string.Join(",\n", invite, Message(3, "Cy", "user3", T0 + 5))));
        var service = new ImportService(store.Store);

        service.Import([early], new ImportOptions());
        var second = service.Import([later], new ImportOptions());

        (second.Joins, second.Messages, second.Duplicates, second.Members).ShouldBe((0L, 1L, 1L, 0));
        await using var db = store.Store.CreateDbContext();
        var join = await db.Activities.SingleAsync(a => a.Kind == ActivityKind.Join);
        join.SourceId.ShouldBe("2:Cy");
        (await db.Members.SingleAsync(m => m.Id == join.MemberId)).SourceId.ShouldBe("user3");
        (await db.Members.OrderBy(m => m.SourceId).Select(m => m.SourceId).ToListAsync()).ShouldBe(["user1", "user3"]);
    }

    public void Dispose() => _files.Dispose();
}
