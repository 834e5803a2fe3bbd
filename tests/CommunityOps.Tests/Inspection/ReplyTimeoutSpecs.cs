using CommunityOps.Inspection;
using CommunityOps.Inspection.Staff;
using static CommunityOps.Tests.Inspection.InspectionTestKit;

namespace CommunityOps.Tests.Inspection;

public class ReplyTimeoutSpecs
{
    private const string Rule = """
        { "name": "reply", "type": "reply_timeout", "category": "reply_timeout",
          "parameters": {
            "tiers": [ { "afterMinutes": 5, "severity": "medium", "escalateTo": "operator" },
                       { "afterMinutes": 30, "severity": "high", "escalateTo": "supervisor" } ],
            "workingHours": { "timeZone": "+08:00", "days": ["mon", "tue", "wed", "thu", "fri"], "hours": ["09:00-12:00", "13:30-18:00"] }
          } }
        """;

    [Fact]
    public void An_unanswered_question_escalates_tier_by_tier()
    {
        var findings = Compile(Rule).Inspect([Message("请问怎么退款？", id: "q")], endOfStream: Monday9am.AddMinutes(40)).ToList();

        findings.Select(f => (f.MessageId, f.Severity)).ShouldBe([("q", Severity.Medium), ("q", Severity.High)]);
        findings[1].Detail.ShouldBe("unanswered for 40 working minutes (limit 30); escalate to supervisor");
    }

    [Fact]
    public void A_staff_answer_in_time_clears_the_wait_and_a_late_one_does_not_undo_the_first_tier()
    {
        var inspector = Compile(Rule);

        inspector.Inspect([Message("在吗？", id: "q"), Message("在的", staff: true, member: "op", id: "a", time: Monday9am.AddMinutes(3))],
            endOfStream: Monday9am.AddHours(3)).ShouldBeEmpty();
        inspector.Inspect([Message("在吗？", id: "q"), Message("在的", staff: true, member: "op", id: "a", time: Monday9am.AddMinutes(10))],
            endOfStream: Monday9am.AddHours(3)).Select(f => f.Severity).ShouldBe([Severity.Medium]);
    }

    [Fact]
    public void Only_working_time_counts_so_a_question_at_closing_time_waits_until_morning()
    {
        var friday1758 = Monday9am.AddDays(4).AddHours(8).AddMinutes(58);
        var inspector = Compile(Rule);

        inspector.Inspect([Message("还有人吗", time: friday1758)], endOfStream: friday1758.AddDays(2)).ShouldBeEmpty();
        inspector.Inspect([Message("还有人吗", time: friday1758)], endOfStream: friday1758.AddDays(2).AddHours(15).AddMinutes(5))
            .Select(f => f.Severity).ShouldBe([Severity.Medium]);
    }

    [Fact]
    public void Thanks_and_emoji_need_no_answer_and_follow_ups_wait_with_the_first_message()
    {
        var inspector = Compile(Rule);

        inspector.Inspect([Message("好的，谢谢！👍"), Message("OK", member: "u2")], endOfStream: Monday9am.AddHours(1)).ShouldBeEmpty();
        inspector.Inspect([Message("在吗", id: "1"), Message("在吗？？", id: "2", time: Monday9am.AddMinutes(1))], endOfStream: Monday9am.AddMinutes(6))
            .Select(f => f.MessageId).ShouldBe(["1"]);
    }

    [Fact]
    public void A_community_covered_by_several_operators_counts_time_when_any_of_them_is_on_duty()
    {
        var utc = TimeZoneInfo.Utc;
        var early = new WorkingHours(utc, [DayOfWeek.Monday], [(TimeSpan.FromHours(8), TimeSpan.FromHours(10))]);
        var late = new WorkingHours(utc, [DayOfWeek.Monday], [(TimeSpan.FromHours(9), TimeSpan.FromHours(12))]);
        var monday = new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);

        WorkingHours.MinutesOnDuty([early, late], monday, monday.AddDays(1)).ShouldBe(240);
        WorkingHours.MinutesOnDuty([early], monday.AddHours(9.5), monday.AddHours(20)).ShouldBe(30);
    }
}
