namespace CommunityOps.Inspection.Classifiers;

/// <summary>
/// How a text becomes hashed features; stored in every model file so scoring uses what training used.
/// Chinese has no spaces and no segmenter is available, so runs of Han characters give character
/// n-grams (1..<see cref="HanMaxGram"/>); spaced scripts give whole words, word pairs and character
/// n-grams inside words (<see cref="WordMinGram"/>..<see cref="WordMaxGram"/>, which survive typos and
/// inflection). Shape features (digit runs by length, links, emoji, mixed Latin/Cyrillic words, length)
/// carry what spam looks like rather than what it says.
/// </summary>
public sealed record FeatureOptions
{
    public int HashBits { get; init; } = 18;

    public int HanMaxGram { get; init; } = 2;

    public int WordMinGram { get; init; } = 3;

    public int WordMaxGram { get; init; } = 5;

    public bool WordPairs { get; init; } = true;

    public bool Shapes { get; init; } = true;

    /// <summary>
    /// Words that give no features at all (tg-spam's exclude-tokens: English and Russian function words).
    /// Without this, a spam set whose ordinary chat is Russian teaches that English itself is spam.
    /// Stored in the model file with the other options.
    /// </summary>
    public IReadOnlyList<string> ExcludedWords { get; init; } = [];

    internal int Buckets => 1 << HashBits;

    public bool Equals(FeatureOptions? other) =>
        other is not null && HashBits == other.HashBits && HanMaxGram == other.HanMaxGram && WordMinGram == other.WordMinGram
        && WordMaxGram == other.WordMaxGram && WordPairs == other.WordPairs && Shapes == other.Shapes
        && (ReferenceEquals(ExcludedWords, other.ExcludedWords) || ExcludedWords.SequenceEqual(other.ExcludedWords, StringComparer.Ordinal));

    public override int GetHashCode() => HashCode.Combine(HashBits, HanMaxGram, WordMinGram, WordMaxGram, WordPairs, Shapes, ExcludedWords.Count);
}
