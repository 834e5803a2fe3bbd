using CommunityOps.Inspection.Classifiers;
using CommunityOps.Resources;

namespace CommunityOps.Inspection;

/// <summary>What one training produced and how it does on its dev data.</summary>
public sealed record TrainingReport(string Model, string Path, ClassifierInfo Info, ClassificationMetrics Dev, string DevDescription);

/// <summary>The static API behind `communityops inspect train`.</summary>
public static class InspectionTraining
{
    /// <summary>
    /// Trains the default models (or only <paramref name="only"/>) from <paramref name="datasetsDirectory"/>,
    /// writes <c>{name}.model</c> files into <paramref name="outputDirectory"/> and scores each on its dev data.
    /// To ship them, write into src/CommunityOps.Core/Inspection/Classifiers/Models and rebuild.
    /// </summary>
    public static IReadOnlyList<TrainingReport> TrainDefaultModels(string datasetsDirectory, string outputDirectory, string? only = null)
    {
        Directory.CreateDirectory(outputDirectory);
        var reports = new List<TrainingReport>();
        foreach (var recipe in DefaultModels.Recipes.Where(r => only is null || r.Name == only))
        {
            var split = recipe.Load(datasetsDirectory);
            var settings = DefaultModels.Settings(recipe, datasetsDirectory);
            var model = ClassifierTrainer.Train(recipe.Name, DefaultModels.Version, split.Train, settings, recipe.Description);
            var path = Path.Combine(outputDirectory, recipe.Name + ".model");
            ClassifierModelFile.Write(model, path);
            var dev = split.CrossValidationFolds > 0
                ? ClassifierTrainer.CrossValidate(split.Train, settings, split.CrossValidationFolds)
                : Evaluate(model, split.Dev);
            reports.Add(new TrainingReport(recipe.Name, path, model.Info, dev, split.DevDescription));
        }

        return reports.Count > 0 ? reports : throw new CommunityOpsException(Errors.NoDefaultModel(only ?? ""));
    }

    /// <summary>Precision, recall, F1 and accuracy of one model at its own threshold.</summary>
    public static ClassificationMetrics Evaluate(TextClassifier model, IReadOnlyList<LabelledText> examples)
    {
        var scratch = new ClassifierScratch();
        return ClassificationMetrics.From(examples.Select(e => (model.IsPositive(e.Text, scratch), e.IsPositive)));
    }
}
