using CommunityOps.Inspection.Contacts;

namespace CommunityOps.Tests.Inspection;

public class ContactScannerSpecs
{
    private static List<(ContactKind Kind, string Text, string Value)> Scan(string text) =>
        [.. ContactScanner.Default.Scan(text).Select(h => (h.Kind, text.Substring(h.Start, h.Length), h.Value))];

    [Theory]
    [InlineData("电话13812345678详聊", "13812345678")]
    [InlineData("打 138 1234 5678", "138 1234 5678")]
    [InlineData("联系138-1234-5678", "138-1234-5678")]
    [InlineData("１３８１２３４５６７８", "１３８１２３４５６７８")]
    [InlineData("幺三八幺二三四五六七八", "幺三八幺二三四五六七八")]
    [InlineData("call +86 138 1234 5678", "+86 138 1234 5678")]
    [InlineData("1.3.8.1.2.3.4.5.6.7.8", "1.3.8.1.2.3.4.5.6.7.8")]
    public void Mainland_mobile_numbers_are_found_through_disguises(string text, string found) =>
        Scan(text).ShouldContain(h => h.Kind == ContactKind.ChineseMobile && h.Text == found);

    [Theory]
    [InlineData("WhatsApp me +44 7911 123456", "+447911123456")]
    [InlineData("call 0049 30 1234567", "+49301234567")]
    public void International_numbers_need_a_plus_or_double_zero(string text, string value) =>
        Scan(text).ShouldContain(h => h.Kind == ContactKind.InternationalPhone && h.Value == value);

    [Theory]
    [InlineData("订单号 12345678901234 已发货")]
    [InlineData("开始获取uid140157769的数据")]
    [InlineData("价格 2500 元，库存 30000 件")]
    public void Long_numbers_without_a_contact_context_are_not_contacts(string text) =>
        Scan(text).ShouldBeEmpty();

    [Theory]
    [InlineData("加我qq 2260771613 详聊", "2260771613")]
    [InlineData("扣扣：123456789", "123456789")]
    [InlineData("群号 595502586 进群", "595502586")]
    public void QQ_numbers_are_found_next_to_a_QQ_word(string text, string value) =>
        Scan(text).ShouldContain(h => h.Kind == ContactKind.QQ && h.Value == value);

    [Theory]
    [InlineData("加微信: abc_12345 私聊", "加微信: abc_12345")]
    [InlineData("wechat：Kevin_2024", "wechat：Kevin_2024")]
    [InlineData("有意加V", "加V")]
    [InlineData("私我薇信", "薇信")]
    [InlineData("加 ｖ 信", "加 ｖ 信")]
    public void WeChat_ids_and_disguises_are_found(string text, string found) =>
        Scan(text).ShouldContain(h => h.Kind == ContactKind.WeChat && h.Text == found);

    [Theory]
    [InlineData("微信怎么做到跳过免打扰强制弹窗的")]
    [InlineData("I use wechat every day")]
    public void Talking_about_WeChat_is_not_a_contact(string text) =>
        Scan(text).ShouldBeEmpty();

    [Fact]
    public void Email_addresses_urls_domains_and_invites_are_told_apart()
    {
        var found = Scan("mail sales@example.com or see https://shop.example.cn/p?id=1, hai.cnfox.top, join t.me/+abcDEF and discord.gg/xyz12 or https://chat.whatsapp.com/AbC123");

        found.ShouldContain((ContactKind.Email, "sales@example.com", "sales@example.com"));
        found.ShouldContain((ContactKind.Url, "https://shop.example.cn/p?id=1", "shop.example.cn"));
        found.ShouldContain((ContactKind.Domain, "hai.cnfox.top", "hai.cnfox.top"));
        found.ShouldContain((ContactKind.Invite, "t.me/+abcDEF", "t.me"));
        found.ShouldContain((ContactKind.Invite, "discord.gg/xyz12", "discord.gg"));
        found.ShouldContain((ContactKind.Invite, "https://chat.whatsapp.com/AbC123", "chat.whatsapp.com"));
    }

    [Theory]
    [InlineData("升级到 1.16.5 就好了")]
    [InlineData("改一下 config.json 和 main.py")]
    public void Version_numbers_and_file_names_are_not_domains(string text) =>
        Scan(text).ShouldBeEmpty();

    [Fact]
    public void Ideographic_dots_do_not_hide_a_domain() =>
        Scan("上 example。com 看看").ShouldContain(h => h.Kind == ContactKind.Domain && h.Value == "example.com");

    [Fact]
    public void A_number_inside_a_link_is_part_of_the_link() =>
        Scan("https://example.com/13812345678").Select(h => h.Kind).ShouldBe([ContactKind.Url]);
}
