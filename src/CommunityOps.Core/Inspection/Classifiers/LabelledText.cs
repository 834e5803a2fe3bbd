namespace CommunityOps.Inspection.Classifiers;

/// <summary>One training or evaluation example: <see cref="IsPositive"/> means ad, spam or offensive, by dataset.</summary>
public sealed record LabelledText(string Text, bool IsPositive);
