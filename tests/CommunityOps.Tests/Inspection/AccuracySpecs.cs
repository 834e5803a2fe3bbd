using CommunityOps.Inspection;

namespace CommunityOps.Tests.Inspection;

/// <summary>
/// The accuracy targets, measured the way `communityops inspect evaluate` measures them: the
/// default rule set over data no model trained on (COLD's dev file; the seeded held-out fifth of the ads
/// and tg-spam files, which have no dev file).
/// </summary>
public class AccuracySpecs
{
    [Fact]
    public void The_default_rule_set_judges_offensive_comments_with_at_least_88_percent_accuracy_on_COLD_dev()
    {
        var report = InspectionEvaluation.Evaluate(InspectionTestKit.Default, SharedDatasets.Path("offensive-cold", "dev.csv"));

        report.Metrics.Total.ShouldBe(6431);
        report.Metrics.Accuracy.ShouldBeGreaterThanOrEqualTo(0.88);
    }

    [Fact]
    public void The_default_rule_set_finds_group_chat_ads_with_F1_of_at_least_0_85_on_the_held_out_part()
    {
        var report = InspectionEvaluation.Evaluate(InspectionTestKit.Default, SharedDatasets.Path("ads-qqgroup", "train.txt"));

        report.Split.ShouldBe(EvaluationSplit.HeldOut);
        report.Metrics.F1.ShouldBeGreaterThanOrEqualTo(0.85);
    }

    [Fact]
    public void The_default_rule_set_catches_90_percent_of_Telegram_spam_and_flags_at_most_1_percent_of_ordinary_chat()
    {
        var report = InspectionEvaluation.Evaluate(InspectionTestKit.Default, SharedDatasets.Path("spam-tgspam"));

        report.Metrics.Recall.ShouldBeGreaterThanOrEqualTo(0.9);
        report.Metrics.FalsePositiveRate.ShouldBeLessThanOrEqualTo(0.01);
    }
}
