using CommunityOps.Inspection.Classifiers;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.Reviews;

/// <summary>
/// `inspect train` with review decisions: the default models trained on the shipped training data plus,
/// for each model, the <c>{model}.txt</c> file of exported samples (<see cref="TrainingSamples"/>) when
/// the samples folder has one. Dev data stays the shipped dev data, so the printed metrics compare with
/// the shipped models'.
/// </summary>
public static class ReviewedTraining
{
    public static IReadOnlyList<(TrainingReport Report, int Samples)> Train(string datasetsDirectory, string outputDirectory,
        string? samplesDirectory, string? only = null)
    {
        if (samplesDirectory is null)
        {
            return [.. InspectionTraining.TrainDefaultModels(datasetsDirectory, outputDirectory, only).Select(r => (r, 0))];
        }
        if (!Directory.Exists(samplesDirectory))
        {
            throw new CommunityOpsException(Errors.SamplesFolderNotFound(samplesDirectory));
        }
        var recipes = only is null ? DefaultModels.Recipes : [DefaultModels.Recipe(only)];
        Directory.CreateDirectory(outputDirectory);
        var reports = new List<(TrainingReport, int)>();
        foreach (var recipe in recipes)
        {
            var samplesFile = Path.Combine(samplesDirectory, recipe.Name + ".txt");
            var samples = File.Exists(samplesFile) ? LabelledDatasets.ReadTextEqualsLabel(samplesFile).Examples : [];
            var split = recipe.Load(datasetsDirectory);
            var description = samples.Count == 0 ? recipe.Description : $"{recipe.Description}, plus {samples.Count} reviewed messages";
            // The shipped settings, excluded words included: every model must share one feature extraction.
            var settings = DefaultModels.Settings(recipe, datasetsDirectory);
            List<LabelledText> examples = [.. split.Train, .. samples];
            var model = ClassifierTrainer.Train(recipe.Name, DefaultModels.Version, examples, settings, description);
            var path = Path.Combine(outputDirectory, recipe.Name + ".model");
            ClassifierModelFile.Write(model, path);
            var dev = split.CrossValidationFolds > 0
                ? ClassifierTrainer.CrossValidate(examples, settings, split.CrossValidationFolds)
                : InspectionTraining.Evaluate(model, split.Dev);
            reports.Add((new TrainingReport(recipe.Name, path, model.Info, dev, split.DevDescription), samples.Count));
        }
        return reports;
    }
}
