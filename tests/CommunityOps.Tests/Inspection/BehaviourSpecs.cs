using CommunityOps.Inspection;
using static CommunityOps.Tests.Inspection.InspectionTestKit;

namespace CommunityOps.Tests.Inspection;

public class BehaviourSpecs
{
    [Fact]
    public void Flooding_is_flagged_on_each_message_beyond_the_limit_within_the_window()
    {
        var inspector = Compile("""{ "name": "flood", "type": "flood", "category": "flood", "parameters": { "maxMessages": 3, "windowSeconds": 10 } }""");
        var burst = Enumerable.Range(0, 5).Select(i => Message("hi", id: $"b{i}", time: Monday9am.AddSeconds(i * 2)));
        var later = Message("hi again", id: "later", time: Monday9am.AddMinutes(5));
        var someoneElse = Message("hi", member: "u2", id: "other", time: Monday9am.AddSeconds(9));

        var findings = inspector.Run([.. burst, someoneElse, later]);

        findings.Select(f => f.MessageId).ShouldBe(["b3", "b4"]);
        findings[0].Detail.ShouldBe("4 messages in 10 s");
    }

    [Fact]
    public void The_same_text_from_one_member_in_several_communities_is_a_duplicate_however_it_is_spaced()
    {
        var inspector = Compile("""{ "name": "dup", "type": "duplicate", "category": "duplicate", "parameters": { "minCommunities": 3, "windowSeconds": 600 } }""");

        var findings = inspector.Run(
            Message("全网最低价，私聊领取优惠", community: "a", id: "1"),
            Message("全网 最低价 私聊领取优惠!!", community: "b", id: "2", time: Monday9am.AddMinutes(1)),
            Message("全网最低价，私聊领取优惠", community: "c", id: "3", time: Monday9am.AddMinutes(2)),
            Message("全网最低价，私聊领取优惠", community: "d", member: "u2", id: "4", time: Monday9am.AddMinutes(3)),
            Message("全网最低价，私聊领取优惠", community: "e", id: "5", time: Monday9am.AddHours(2)));

        findings.Select(f => f.MessageId).ShouldBe(["3"]);
    }

    [Fact]
    public void A_new_members_first_message_with_a_link_or_contact_is_flagged_but_an_old_members_is_not()
    {
        var inspector = Compile("""{ "name": "newbie", "type": "new_member", "category": "spam", "parameters": { "firstMessages": 2 } }""");
        var joins = new[] { new InspectedJoin("c1", "new", Monday9am) };

        var findings = inspector.Inspect(
            [
                Message("大家好 www.example.top 福利", member: "new", id: "1", time: Monday9am.AddMinutes(1)),
                Message("www.example.top", member: "old", id: "2", time: Monday9am.AddMinutes(2)),
                Message("hello", member: "new", id: "3", time: Monday9am.AddMinutes(3)),
                Message("加我qq 123456789", member: "new", id: "4", time: Monday9am.AddMinutes(4)),
            ],
            joins).ToList();

        var finding = findings.ShouldHaveSingleItem();
        finding.MessageId.ShouldBe("1");
        finding.Matches.ShouldHaveSingleItem().Text.ShouldBe("www.example.top");
    }

    [Fact]
    public void Mention_spam_counts_the_sources_mentions_or_the_names_in_the_text_but_not_email_addresses()
    {
        var inspector = Compile("""{ "name": "mentions", "type": "mentions", "category": "spam", "parameters": { "maxMentions": 3 } }""");

        inspector.Run(Message("@a @b @c @d 快来")).ShouldHaveSingleItem().Matches.Count.ShouldBe(4);
        inspector.Run(Message("mail a@b.com c@d.com e@f.com g@h.com")).ShouldBeEmpty();
        inspector.Run(Message("everyone look", mentions: 12)).ShouldHaveSingleItem().Detail.ShouldBe("12 mentions");
    }

    [Fact]
    public void A_wave_of_joins_is_flagged_from_the_join_that_crosses_the_limit()
    {
        var inspector = Compile("""{ "name": "wave", "type": "join_wave", "category": "flood", "parameters": { "maxJoins": 3, "windowSeconds": 60 } }""");
        var joins = Enumerable.Range(0, 6).Select(i => new InspectedJoin("c1", $"bot{i}", Monday9am.AddSeconds(i * 5)))
            .Append(new InspectedJoin("c2", "human", Monday9am.AddSeconds(30)))
            .OrderBy(j => j.Time);

        var findings = inspector.Inspect([], joins).ToList();

        findings.Select(f => f.Member).ShouldBe(["bot3", "bot4", "bot5"]);
        findings.ShouldAllBe(f => f.MessageId == null && f.Category == "flood");
    }
}
