using CommunityOps.Inspection;
using static CommunityOps.Tests.Inspection.InspectionTestKit;

namespace CommunityOps.Tests.Inspection;

public class InspectorSpecs
{
    [Fact]
    public void A_keyword_finding_prints_as_the_documented_JSON_line()
    {
        var inspector = Compile("""{ "name": "kw", "type": "keywords", "category": "sensitive", "severity": "high", "parameters": { "words": ["加v"] } }""");

        var finding = inspector.Run(Message("快来啊加V详聊")).ShouldHaveSingleItem();

        InspectionJson.ToJsonLine(finding).ShouldBe(
            """{"message":"m1","community":"c1","member":"u1","rule":"kw","category":"sensitive","severity":"high","score":1.0,"matches":[{"text":"加V","start":3,"length":2}]}""");
    }

    [Fact]
    public void Keyword_matches_list_every_occurrence_of_every_word_overlapping_ones_included()
    {
        var inspector = Compile("""{ "name": "kw", "type": "keywords", "category": "ads", "parameters": { "words": ["加微信", "微信", "微信号"] } }""");

        var finding = inspector.Run(Message("加微信号，再加 微 信")).ShouldHaveSingleItem();

        finding.Matches.Select(m => (m.Text, m.Start)).ShouldBe(
            [("加微信", 0), ("微信", 1), ("微信号", 1), ("加 微 信", 6), ("微 信", 8)], ignoreOrder: true);
    }

    [Fact]
    public void Words_that_fold_alike_report_their_shared_occurrence_once()
    {
        var inspector = Compile("""{ "name": "kw", "type": "keywords", "category": "ads", "parameters": { "words": ["微信", "微 信", "WeiXin", "weixin"] } }""");

        inspector.Run(Message("加微信或weixin")).ShouldHaveSingleItem().Matches.Select(m => m.Text).ShouldBe(["微信", "weixin"]);
    }

    [Fact]
    public void Exact_mode_matches_only_the_literal_text()
    {
        var inspector = Compile("""{ "name": "kw", "type": "keywords", "category": "ads", "parameters": { "words": ["加微信"], "mode": "exact" } }""");

        inspector.Run(Message("加 微 信")).ShouldBeEmpty();
        inspector.Run(Message("请加微信")).ShouldHaveSingleItem();
    }

    [Fact]
    public void An_allow_list_word_clears_a_hit_inside_it_but_not_elsewhere()
    {
        var inspector = Compile("""{ "name": "kw", "type": "keywords", "category": "sensitive", "exempt": { "words": ["Sussex"] }, "parameters": { "words": ["sex"], "wholeWord": false } }""");

        inspector.Run(Message("I live in Sussex")).ShouldBeEmpty();
        inspector.Run(Message("Sussex sex shop")).ShouldHaveSingleItem().Matches.ShouldHaveSingleItem().Start.ShouldBe(7);
    }

    [Fact]
    public void Scope_and_exemptions_decide_who_a_rule_sees()
    {
        var inspector = Compile("""
            { "name": "staff-only", "type": "keywords", "category": "staff_phrase", "scope": { "members": "staff", "communities": ["shop"] }, "parameters": { "words": ["保本"] } },
            { "name": "members", "type": "keywords", "category": "ads", "exempt": { "staff": true, "members": ["partner"] }, "parameters": { "words": ["保本"] } }
            """);

        inspector.Run(Message("保本理财", community: "shop", staff: true)).Select(f => f.Rule).ShouldBe(["staff-only"]);
        inspector.Run(Message("保本理财", community: "other", staff: true)).ShouldBeEmpty();
        inspector.Run(Message("保本理财", community: "shop")).Select(f => f.Rule).ShouldBe(["members"]);
        inspector.Run(Message("保本理财", member: "partner")).ShouldBeEmpty();
    }

    [Fact]
    public void Rules_sharing_one_automaton_each_report_only_their_own_words()
    {
        var inspector = Compile("""
            { "name": "a", "type": "keywords", "category": "ads", "parameters": { "words": ["代购", "返利"] } },
            { "name": "b", "type": "keywords", "category": "sensitive", "parameters": { "words": ["返利", "赌博"] } }
            """);

        var findings = inspector.Run(Message("代购返利，赌博"));

        findings.Single(f => f.Rule == "a").Matches.Select(m => m.Text).ShouldBe(["代购", "返利"]);
        findings.Single(f => f.Rule == "b").Matches.Select(m => m.Text).ShouldBe(["返利", "赌博"]);
    }

    [Fact]
    public void A_regex_rule_runs_without_backtracking_and_reports_each_match()
    {
        var inspector = Compile("""{ "name": "price", "type": "regex", "category": "ads", "parameters": { "pattern": "\\d+\\s*(元|块|r)\\b" } }""");

        inspector.Run(Message("出号 30r，另一个 45 元"))
            .ShouldHaveSingleItem().Matches.Select(m => m.Text).ShouldBe(["30r", "45 元"]);
    }

    [Fact]
    public void A_backtracking_regex_that_runs_too_long_is_abandoned_instead_of_hanging()
    {
        var inspector = Compile("""{ "name": "evil", "type": "regex", "category": "spam", "parameters": { "pattern": "^(a+)+$", "engine": "backtracking", "timeoutMs": 20 } }""");

        inspector.Run(Message(new string('a', 40) + "!")).ShouldBeEmpty();
        inspector.Run(Message("aaaa")).ShouldHaveSingleItem();
    }

    [Fact]
    public void Contact_rules_honour_allowed_and_denied_domains()
    {
        var inspector = Compile("""
            { "name": "links", "type": "contact", "category": "link", "parameters": { "detect": ["url", "domain"], "allowDomains": ["github.com"] } },
            { "name": "denied", "type": "contact", "category": "link", "parameters": { "detect": ["url", "domain"], "onlyDenied": true, "denyLexicons": ["datasets:lexicons/fwwdn/网址.txt"] } }
            """);

        inspector.Run(Message("see https://github.com/dotnet/runtime")).ShouldBeEmpty();
        inspector.Run(Message("see https://example.org")).Select(f => f.Rule).ShouldBe(["links"]);
        inspector.Run(Message("上 www.0000-qq.cn 领奖")).Select(f => f.Rule).ShouldBe(["links", "denied"], ignoreOrder: true);
    }

    [Fact]
    public void The_default_rule_set_catches_contact_disguises_and_leaves_ordinary_chat_alone()
    {
        var findings = Default.Run(
            Message("需要的加V：abc_8888，价格私聊", id: "lead"),
            Message("明天下午三点开会，记得带电脑。今天的活动链接 https://example.com/event", id: "plain", time: Monday9am.AddMinutes(1)),
            Message("Join now https://t.me/+dGA3mE_zk-EwZThk and earn $5000 a week with crypto investment", id: "spam", member: "u2", time: Monday9am.AddMinutes(2)));

        findings.Where(f => f.MessageId == "lead").Select(f => f.Category).ShouldContain(RuleCategories.Contact);
        findings.ShouldNotContain(f => f.MessageId == "plain");
        findings.Where(f => f.MessageId == "spam").Select(f => f.Category).ShouldBe([RuleCategories.Link, RuleCategories.Spam], ignoreOrder: true);
    }

    [Fact]
    public void Forbidden_staff_phrases_are_flagged_for_staff_only()
    {
        Default.Run(Message("这个产品保本，100%收益", staff: true))
            .ShouldHaveSingleItem().Category.ShouldBe(RuleCategories.StaffPhrase);
        Default.Run(Message("这个产品保本吗？")).ShouldNotContain(f => f.Category == RuleCategories.StaffPhrase);
    }

    [Fact]
    public void Messages_and_joins_read_from_JSONL_in_order()
    {
        var jsonl = """
            {"id":"m1","community":"c1","member":"u1","time":"2026-11-16T09:00:00+08:00","text":"hi","mentions":2}
            {"type":"join","community":"c1","member":"u2","time":"2026-11-16T09:01:00+08:00"}

            {"id":"m2","community":"c1","channel":"general","member":"op","staff":true,"text":"welcome"}
            """;

        var events = InspectionJson.ReadJsonl(new StringReader(jsonl), "in.jsonl").ToList();

        events[0].ShouldBe(new InspectedMessage("m1", "c1", null, "u1", false, Monday9am, "hi", 2));
        events[1].ShouldBe(new InspectedJoin("c1", "u2", Monday9am.AddMinutes(1)));
        events[2].ShouldBe(new InspectedMessage("m2", "c1", "general", "op", true, Monday9am.AddMinutes(1), "welcome"));
        Should.Throw<CommunityOpsException>(() => InspectionJson.ReadJsonl(new StringReader("{\"id\":1}"), "bad.jsonl").ToList())
            .Message.ShouldContain("bad.jsonl:1");
    }
}
