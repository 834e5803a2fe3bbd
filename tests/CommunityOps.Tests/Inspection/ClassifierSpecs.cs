using CommunityOps.Inspection.Classifiers;

namespace CommunityOps.Tests.Inspection;

public class ClassifierSpecs
{
    private static string Datasets => SharedDatasets.Path();

    [Theory]
    [InlineData(DefaultModels.Abuse)]
    [InlineData(DefaultModels.Ads)]
    [InlineData(DefaultModels.Spam)]
    public void A_shipped_model_is_exactly_what_training_on_the_shared_data_produces(string name)
    {
        var shipped = DefaultModels.Load(name);

        var retrained = DefaultModels.Train(DefaultModels.Recipe(name), Datasets);

        retrained.Info.ShouldBe(shipped.Info);
        retrained.WeightsFingerprint().ShouldBe(shipped.WeightsFingerprint());
    }

    [Fact]
    public void A_model_file_reads_back_as_the_same_model()
    {
        var model = DefaultModels.Load(DefaultModels.Ads);
        using var file = new MemoryStream();

        ClassifierModelFile.Write(model, file);
        file.Position = 0;
        var read = ClassifierModelFile.Read(file, "memory");

        read.Info.ShouldBe(model.Info);
        read.WeightsFingerprint().ShouldBe(model.WeightsFingerprint());
        var scratch = new ClassifierScratch();
        foreach (var text in SharedDatasets.ChatTexts.Take(200))
        {
            read.Score(text, scratch).ShouldBe(model.Score(text, scratch));
        }
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused_with_its_name()
    {
        using var junk = new MemoryStream("not a model at all"u8.ToArray());

        Should.Throw<CommunityOpsException>(() => ClassifierModelFile.Read(junk, "junk.model")).Message.ShouldContain("junk.model");
    }

    [Fact]
    public void Scoring_all_models_together_gives_each_models_own_score_exactly()
    {
        var models = new[] { DefaultModels.Abuse, DefaultModels.Ads, DefaultModels.Spam }.Select(DefaultModels.Load).ToArray();
        var bank = new ClassifierBank(0, models);
        var scratch = new ClassifierScratch();
        var together = new double[models.Length];

        foreach (var text in SharedDatasets.ChatTexts.Take(500))
        {
            bank.Score(scratch.FeaturesFor(bank.Features, text), together);
            for (int m = 0; m < models.Length; m++)
            {
                together[m].ShouldBe(models[m].Score(text, new ClassifierScratch()));
            }
        }
    }

    [Fact]
    public void The_held_out_split_is_seeded_keeps_duplicates_together_and_holds_out_about_a_fifth()
    {
        var examples = LabelledDatasets.ReadTextEqualsLabel(SharedDatasets.Path("ads-qqgroup", "train.txt")).Examples;

        var (train, dev) = LabelledDatasets.SplitHeldOut(examples);

        ((double)dev.Count / examples.Count).ShouldBeInRange(0.15, 0.25);
        train.Select(e => e.Text).Intersect(dev.Select(e => e.Text)).ShouldBeEmpty();
        LabelledDatasets.SplitHeldOut(examples).Dev.ShouldBe(dev);
    }

    [Fact]
    public void The_COLD_reader_unquotes_CSV_fields_and_keeps_commas_inside_them()
    {
        var dataset = LabelledDatasets.ReadOffensiveCsv(SharedDatasets.Path("offensive-cold", "train.csv"));

        dataset.Examples.Count.ShouldBe(25_726);
        dataset.Examples.Count(e => e.IsPositive).ShouldBe(12_723);
        dataset.Examples.ShouldContain(e => e.Text == "说的好。亚洲人在那里也属于,少数族裔，但是被压迫的不行了");
    }

    [Fact]
    public void Malformed_text_equals_label_lines_are_skipped_and_counted()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "出二手vape100r==1\r\n或者按群规来算==0\r\n==0\r\nno label here\r\na==b==1\r\nbad==2\r\n");

            var dataset = LabelledDatasets.ReadTextEqualsLabel(path);

            dataset.Examples.ShouldBe([new("出二手vape100r", true), new("或者按群规来算", false), new("a==b", true)]);
            dataset.SkippedLines.ShouldBe(3);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Thresholds_for_spam_keep_false_positives_under_the_limit_on_training_scores()
    {
        var scores = new[] { 0.95, 0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1, 0.05 };
        var labels = new[] { true, true, false, true, true, false, false, false, false, false };
        var settings = new TrainingSettings { ThresholdGoal = ThresholdGoal.RecallAtFalsePositiveRate, MaxFalsePositiveRate = 0 };

        double threshold = Thresholds.Choose(scores, labels, settings);

        threshold.ShouldBeInRange(0.8, 0.9);
    }
}
