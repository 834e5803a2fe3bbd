using System.Globalization;
using CommunityOps.Inspection.Classifiers;
using CommunityOps.Inspection.Text;

namespace CommunityOps.Inspection.Rules;

/// <summary>
/// `classifier`: a trained model (model: "builtin:ads" or a model file) scores the message; a finding
/// when the probability reaches the threshold (the model's own, chosen at training, unless overridden).
/// Parameters: model, threshold, minLength (messages shorter than this many chars are skipped; 1),
/// minHanChars (0; a model trained on Chinese chat says nothing useful about a message without Chinese,
/// and out of its domain a low threshold would flag it on the prior alone).
/// </summary>
internal sealed class ClassifierRule : Rule
{
    private readonly TextClassifier _model;
    private readonly double _threshold;
    private readonly int _minLength;
    private readonly int _minHanChars;
    private readonly string _detail;
    private ClassifierBank? _bank;
    private int _index;

    public ClassifierRule(RuleDefinition definition, RuleParameters parameters, RuleCompiler compiler) : base(definition)
    {
        _model = compiler.Model(parameters.RequiredString("model"));
        _threshold = parameters.Double("threshold", _model.Info.Threshold, 0, 1);
        _minLength = parameters.Int("minLength", 1, 0);
        _minHanChars = parameters.Int("minHanChars", 0, 0);
        _detail = string.Create(CultureInfo.InvariantCulture, $"model {_model.Info.Name} v{_model.Info.Version}, threshold {_threshold:0.####}");
        compiler.Classifiers.Add(_model, (bank, index) => (_bank, _index) = (bank, index));
    }

    private static bool HasHan(string text, int atLeast)
    {
        int count = 0;
        foreach (char c in text)
        {
            if (CharFolding.Kind(c) == CharKind.Ideograph && ++count >= atLeast)
            {
                return true;
            }
        }

        return false;
    }

    internal override void Inspect(MessageContext context, RuleState? state, List<Finding> findings)
    {
        var text = context.Message.Text;
        if (text.Length < _minLength || (_minHanChars > 0 && !HasHan(text, _minHanChars)))
        {
            return;
        }

        double score = context.ClassifierScore(_bank!, _index);
        if (score >= _threshold)
        {
            Report(context, findings, Math.Round(score, 4), null, _detail);
        }
    }
}
