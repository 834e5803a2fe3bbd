namespace CommunityOps.Ingestion.Demo;

/// <summary>
/// Names and message templates for the demo workspace. All of it is written for the demo: nothing is
/// taken from the labelled datasets, whose offensive and scam texts must stay out of demo data.
/// </summary>
internal static class DemoText
{
    public static readonly string[] ChineseCommunities =
    [
        "咖啡爱好者交流群", "跑步打卡群", "宝妈育儿互助群", "数码产品用户群", "读书会·每周一书", "烘焙新手群",
        "城市骑行俱乐部", "会员福利群", "摄影后期交流群", "英语口语打卡群", "健身减脂营", "露营装备讨论群",
    ];

    public static readonly string[] EnglishCommunities =
    [
        "Acme Product Users", "Indie Makers Hub", "Trail Runners Club", "Home Baristas", "Photo Editing Lounge",
        "Board Game Night", "Open Source Contributors", "Plant Parents", "Language Exchange Circle", "Cycling Crew",
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    private static readonly string[] Given = ["小美", "晓峰", "欣怡", "子涵", "浩然", "雨萱", "思远", "一诺", "佳琪", "宇轩", "梓萌", "俊杰", "婷婷", "明轩", "可馨", "大伟", "晨曦", "嘉怡", "文博", "乐乐"];
    private static readonly string[] First = ["Alice", "Ben", "Chloe", "Daniel", "Emma", "Felix", "Grace", "Hugo", "Isla", "Jack", "Kira", "Liam", "Maya", "Noah", "Olivia", "Priya", "Quinn", "Ravi", "Sofia", "Tom"];
    private static readonly string[] Last = ["Smith", "Garcia", "Chen", "Patel", "Müller", "Kim", "Nguyen", "Brown", "Silva", "Khan", "Rossi", "Novak", "Cohen", "Ito", "Walker"];

    public static readonly string[] ChineseChat =
    [
        "早上好，今天也要加油", "哈哈哈哈笑死", "收到", "这个我也遇到过", "同意楼上", "有人一起吗", "刚到家，今天好累",
        "分享一下我今天的成果", "好的谢谢", "太棒了👍", "周末有活动吗", "新人报到，请多关照", "这个价格还可以", "已下单",
        "昨天的直播错过了，有回放吗", "推荐一个好用的", "打卡第{n}天", "今天天气不错", "明天见", "赞同",
    ];

    public static readonly string[] ChineseQuestions =
    [
        "请问会员积分怎么兑换？", "这个活动几点开始？", "快递一直没更新，怎么办？", "有没有新手入门的资料？", "群里可以开发票吗？",
        "请问退换货流程是什么？", "下一期什么时候报名？", "App 登录不上去，有人知道怎么回事吗？",
    ];

    public static readonly string[] ChineseAnswers =
    [
        "您好，积分在“我的-会员中心”里兑换哦", "活动今晚8点开始，记得准时参加", "已帮您联系物流，稍后回复您", "资料已经发在群公告里啦",
        "可以的，私信我您的订单号", "退换货在订单页面申请就可以", "下周一开放报名，到时群里通知", "我们正在排查，预计半小时内恢复",
    ];

    public static readonly string[] EnglishChat =
    [
        "Good morning everyone!", "lol that's great", "Thanks for sharing", "Same here", "+1", "Anyone joining this weekend?",
        "Just finished my first {n}k!", "Love this community", "Welcome aboard!", "Nice work 👏", "Agreed", "See you all tomorrow",
        "Here's what I made today", "That tip saved me hours", "Great session yesterday",
    ];

    public static readonly string[] EnglishQuestions =
    [
        "How do I reset my password?", "When does the next meetup start?", "Is there a beginner guide somewhere?",
        "Can I change my plan mid-month?", "Where do I report a bug?", "Does the discount apply to renewals?",
    ];

    public static readonly string[] EnglishAnswers =
    [
        "You can reset it from Settings > Account.", "Next meetup is Thursday 7pm, details in #announcements.",
        "Pinned it for you: see the getting-started guide.", "Yes, go to Billing and pick the new plan.",
        "Please post it in #help with steps to reproduce.", "It does, the code works on renewals too.",
    ];

    // Invented promotional and rule-breaking lines so the inspection pages have something to find.
    public static readonly string[] ChineseAds =
    [
        "低价代购，加V：demo_wx2026，私聊", "兼职日结，薇信 demo-job88，名额有限", "招代理，一件代发，QQ 123456789",
        "内部渠道最低价，保本100%收益，速进 https://example-promo.cn",
    ];

    public static readonly string[] EnglishAds =
    [
        "Earn $300/day from home!!! DM me now t.me/demo_promo", "Free crypto giveaway, join discord.gg/demo-free",
        "Cheap followers, contact promo@example.com", "Investment with guaranteed returns, WhatsApp +1 555 0100 2000",
    ];

    public static readonly string[] Emoji = ["👍", "❤️", "😂", "🎉", "👏", "🔥", "🙏"];

    public static string ChineseName(Random r) => Surnames[r.Next(Surnames.Length)] + Given[r.Next(Given.Length)];

    public static string EnglishName(Random r) => $"{First[r.Next(First.Length)]} {Last[r.Next(Last.Length)]}";
}
