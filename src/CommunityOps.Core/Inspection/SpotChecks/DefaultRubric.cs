namespace CommunityOps.Inspection.SpotChecks;

/// <summary>
/// The shipped rubric for community operators' replies (社群运营回复质检): service items add or take
/// points; lead stealing, abuse and leaking members' data fail the check outright.
/// </summary>
internal static class DefaultRubric
{
    public const string Json = """
        {
          "name": "default",
          "version": "1",
          "base": 100,
          "passMark": 80,
          "items": [
            { "id": "solved",        "title": "一次解决问题 (solved the question in one reply)",     "points": 5 },
            { "id": "warm",          "title": "态度热情、用语礼貌 (warm and polite)",                 "points": 3 },
            { "id": "late",          "title": "回复不及时 (late reply)",                             "points": -10 },
            { "id": "inaccurate",    "title": "答复不准确或答非所问 (inaccurate or off the point)",  "points": -15 },
            { "id": "no-follow-up",  "title": "未跟进未解决的问题 (no follow-up on an open question)", "points": -10 },
            { "id": "cold",          "title": "态度冷淡、敷衍 (curt or dismissive)",                  "points": -10 },
            { "id": "forbidden-promise", "title": "违规承诺收益或最低价 (promised returns or lowest price)", "points": -30 },
            { "id": "private-deal",  "title": "私单、引流到个人账号 (private deal, lead moved to a personal account)", "fatal": true },
            { "id": "abuse",         "title": "辱骂、嘲讽会员 (abused or mocked a member)",           "fatal": true },
            { "id": "data-leak",     "title": "泄露会员个人信息 (leaked a member's personal data)",   "fatal": true }
          ]
        }
        """;
}
