using CommunityOps.Inspection.Classifiers;
using CommunityOps.Inspection.Contacts;
using CommunityOps.Inspection.Matching;
using CommunityOps.Inspection.Text;

namespace CommunityOps.Inspection.Rules;

/// <summary>
/// One message under inspection plus what rules share about it, computed at most once: the normalized
/// text, the hits of each shared keyword index, the contacts. Owned by a session and reused from message
/// to message, so the hot path allocates only for findings.
/// </summary>
internal sealed class MessageContext
{
    private readonly NormalizedText _normalized = new();
    private readonly List<ContactHit> _contacts = [];
    private readonly HitBuffer[] _keywordHits;
    private readonly bool[] _keywordsDone;
    private bool _normalizedDone;
    private bool _contactsDone;

    private readonly double[][] _scores;
    private readonly bool[] _scoresDone;

    public MessageContext(int keywordIndexes, IReadOnlyList<int> bankSizes)
    {
        _keywordHits = [.. Enumerable.Range(0, keywordIndexes).Select(_ => new HitBuffer())];
        _keywordsDone = new bool[keywordIndexes];
        _scores = [.. bankSizes.Select(size => new double[size])];
        _scoresDone = new bool[bankSizes.Count];
    }

    public InspectedMessage Message { get; private set; } = null!;

    public MatchScratch Match { get; } = new();

    public ClassifierScratch Classifier { get; } = new();

    public ContactScratch ContactScratch { get; } = new();

    public HitBuffer AllowHits { get; } = new();

    public void Reset(InspectedMessage message)
    {
        Message = message;
        _normalizedDone = false;
        _contactsDone = false;
        Array.Clear(_keywordsDone);
        Array.Clear(_scoresDone);
    }

    /// <summary>Model <paramref name="index"/> of <paramref name="bank"/> on this message; the whole bank is scored on first use.</summary>
    public double ClassifierScore(ClassifierBank bank, int index)
    {
        if (!_scoresDone[bank.Id])
        {
            bank.Score(Classifier.FeaturesFor(bank.Features, Message.Text), _scores[bank.Id]);
            _scoresDone[bank.Id] = true;
        }

        return _scores[bank.Id][index];
    }

    public NormalizedText Normalized
    {
        get
        {
            if (!_normalizedDone)
            {
                TextNormalizer.Normalize(Message.Text, _normalized);
                _normalizedDone = true;
            }

            return _normalized;
        }
    }

    public List<ContactHit> Contacts
    {
        get
        {
            if (!_contactsDone)
            {
                _contacts.Clear();
                ContactScanner.Default.Scan(Message.Text, ContactScratch, _contacts, Normalized);
                _contactsDone = true;
            }

            return _contacts;
        }
    }

    /// <summary>All hits of shared keyword index <paramref name="index"/> in this message, offsets in the original text.</summary>
    public HitBuffer KeywordHits(KeywordIndex index)
    {
        if (!_keywordsDone[index.Id])
        {
            var hits = _keywordHits[index.Id];
            hits.Clear();
            if (index.Matcher.Mode == MatchMode.Normalized)
            {
                index.Matcher.FindAll(Message.Text, Normalized, Match, hits);
            }
            else
            {
                index.Matcher.FindAll(Message.Text, Match, hits);
            }

            _keywordsDone[index.Id] = true;
        }

        return _keywordHits[index.Id];
    }
}
