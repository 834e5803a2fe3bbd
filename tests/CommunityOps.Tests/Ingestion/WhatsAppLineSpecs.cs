using CommunityOps.Ingestion.WhatsApp;
using CommunityOps.Messages;

namespace CommunityOps.Tests.Ingestion;

/// <summary>Header and system-line variants from docs/formats.md#whatsapp, without a store.</summary>
public sealed class WhatsAppLineSpecs
{
    [Theory]
    [InlineData("01/01/19, 11:25 - John Doe: hi", "DayMonthYear", "2019-01-01 11:25:00", "John Doe: hi")]
    [InlineData("[15-01-20 02:22:56] Mary: hi", "DayMonthYear", "2020-01-15 02:22:56", "Mary: hi")]
    [InlineData("13.06.18, 21:25 - a: m", "DayMonthYear", "2018-06-13 21:25:00", "a: m")]
    [InlineData("03-06-2018, 01.55 PM - a: m", "DayMonthYear", "2018-06-03 13:55:00", "a: m")]
    [InlineData("3/6/18, 1:55 p.m. - a: m", "MonthDayYear", "2018-03-06 13:55:00", "a: m")]
    [InlineData("01/30/2019, 08:49 p.\u00A0m. - a: m", "MonthDayYear", "2019-01-30 20:49:00", "a: m")]
    [InlineData("[1/13/26, 12:05:00\u202FAM] Bo: x", "MonthDayYear", "2026-01-13 00:05:00", "Bo: x")]
    [InlineData("\u200E[1/13/26, 12:05:00\u202FPM] Bo: x", "MonthDayYear", "2026-01-13 12:05:00", "Bo: x")]
    [InlineData("2019/01/20, 11:23 - a: m", "YearMonthDay", "2019-01-20 11:23:00", "a: m")]
    [InlineData("2026/1/5 下午8:31 - 阿安: 好", "YearMonthDay", "2026-01-05 20:31:00", "阿安: 好")]
    public void Header_variants_give_the_wall_clock_time_and_the_rest_of_the_line(string line, string order, string expected, string body)
    {
        WhatsAppHeader.TryParse(line, out var header).ShouldBeTrue();

        header.ToLocal(Enum.Parse<DateOrder>(order)).ShouldBe(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        header.Body.ShouldBe(body);
    }

    [Theory]
    [InlineData("Hello 01/01/19, 11:25 - John: hi")]
    [InlineData("2016-04-29 10:30:00 started")]
    [InlineData("12:30 - lunch")]
    public void Lines_that_do_not_start_with_a_date_and_time_are_not_headers(string line) =>
        WhatsAppHeader.TryParse(line, out _).ShouldBeFalse();

    [Theory]
    [InlineData("Ann joined using this group's invite link", "join Ann")]
    [InlineData("Ann joined using this group’s invite link", "join Ann")]
    [InlineData("Ann joined using a group link.", "join Ann")]
    [InlineData("+12 345 578 created group \"Groupname\"", "join +12 345 578")]
    [InlineData("You were added", "join You")]
    [InlineData("Ann added you", "join You by Ann")]
    [InlineData("Ann added Bo, Carl and Dana", "join Bo by Ann|join Carl by Ann|join Dana by Ann")]
    [InlineData("Ann left", "leave Ann")]
    [InlineData("Ann removed Bo", "leave Bo by Ann")]
    [InlineData("Bo was removed", "leave Bo")]
    [InlineData("Dana 通过此群组的邀请链接加入", "join Dana")]
    [InlineData("阿安 添加了 小博、Carl", "join 小博 by 阿安|join Carl by 阿安")]
    [InlineData("你添加了 小博", "join 小博 by You")]
    [InlineData("Carl 已退出", "leave Carl")]
    [InlineData("阿安 移除了 Dana", "leave Dana by 阿安")]
    [InlineData("~\u202FDana left", "leave Dana")]
    public void Membership_lines_in_English_and_Chinese_become_joins_and_leaves(string text, string expected)
    {
        var changes = new List<MembershipChange>();

        WhatsAppNotices.TryParse(text, changes).ShouldBeTrue();

        string.Join('|', changes.Select(c => $"{(c.Kind == ActivityKind.Join ? "join" : "leave")} {c.Member}{(c.By is null ? "" : " by " + c.By)}")).ShouldBe(expected);
    }

    [Theory]
    [InlineData("Ann changed the subject from \"Ann added Bo\" to \"Club\"")]
    [InlineData("Ann changed this group's icon")]
    [InlineData("Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.")]
    [InlineData("Missed voice call")]
    public void Other_notices_are_no_membership_change(string text) =>
        WhatsAppNotices.TryParse(text, []).ShouldBeFalse();
}
