using CommunityOps.Ingestion.WeChat;
using CommunityOps.Messages;

namespace CommunityOps.Tests.Ingestion;

/// <summary>The membership notices of docs/formats.md 5.3, without a store. "me" is the exporting account.</summary>
public sealed class WeChatNoticeSpecs
{
    [Theory]
    [InlineData("你邀请\"A\"加入了群聊", "join A by me")]
    [InlineData("\"A\"邀请\"B\"加入了群聊", "join B by A")]
    [InlineData("\"A\"邀请\"B、C\"加入了群聊", "join B by A|join C by A")]
    [InlineData("\"A\"通过扫描你分享的二维码加入群聊", "join A by me")]
    [InlineData("\"Y\"通过扫描\"X\"分享的二维码加入群聊", "join Y by X")]
    [InlineData("A invited B、C to the group chat", "join B by A|join C by A")]
    [InlineData("\"A\" joined the group chat via the QR Code shared by \"B\".", "join A by B")]
    [InlineData("你将\"A\"移出了群聊", "leave A by me")]
    [InlineData("X将Y移出了群聊", "leave Y by X")]
    [InlineData("你被\"A\"移出群聊", "leave me by A")]
    [InlineData("You removed \"A\" from the group chat", "leave A by me")]
    [InlineData("“A”邀请“B”加入了群聊", "join B by A")]
    [InlineData("<sysmsg><![CDATA[\"A\"邀请\"B\"加入了群聊]]></sysmsg>", "join B by A")]
    public void Join_and_removal_notices_name_who_and_by_whom(string text, string expected)
    {
        var changes = new List<NoticeChange>();

        WeChatNotices.TryParse(text, changes).ShouldBeTrue();

        string.Join('|', changes.Select(c => $"{(c.Kind == ActivityKind.Join ? "join" : "leave")} {Who(c.Name)} by {Who(c.By!)}")).ShouldBe(expected);
    }

    [Theory]
    [InlineData("\"A\" 撤回了一条消息")]
    [InlineData("\"A\" 拍了拍 \"B\"")]
    [InlineData("\"A\"修改群名为“咖啡”")]
    [InlineData("\"A\" changed the group name to \"X\"")]
    [InlineData("以下为新消息")]
    public void Other_notices_are_no_membership_change(string text) => WeChatNotices.TryParse(text, []).ShouldBeFalse();

    private static string Who(string name) => name == WeChatNotices.Self ? "me" : name;
}
