namespace CommunityOps.Resources;

internal static partial class Errors
{
    // Rule sets
    public static ErrorText RuleSetNotFound(string path) => T(nameof(RuleSetNotFound), path);

    /// <summary>What a rule set checked in the editor is called, where a file would be named.</summary>
    public static ErrorText RuleSetLabel() => T(nameof(RuleSetLabel));

    public static ErrorText WorkspaceRuleSetLabel(int version) => T(nameof(WorkspaceRuleSetLabel), version);

    /// <summary><paramref name="source"/>: a path, or a label such as <see cref="RuleSetLabel"/>.</summary>
    public static ErrorText NotValidJson(object source, string reason) => T(nameof(NotValidJson), source, reason);

    public static ErrorText NoRulesArray(object source) => T(nameof(NoRulesArray), source);

    public static ErrorText TwoRulesNamed(string name) => T(nameof(TwoRulesNamed), name);

    public static ErrorText RuleHasNoName() => T(nameof(RuleHasNoName));

    public static ErrorText RuleUnknownKeys(string rule, string keys) => T(nameof(RuleUnknownKeys), rule, keys);

    public static ErrorText RuleHasNoType(string rule) => T(nameof(RuleHasNoType), rule);

    public static ErrorText RuleHasNoCategory(string rule) => T(nameof(RuleHasNoCategory), rule);

    public static ErrorText RuleUnknownCategory(string rule, string category, string known) => T(nameof(RuleUnknownCategory), rule, category, known);

    public static ErrorText RuleScopeMembers(string rule) => T(nameof(RuleScopeMembers), rule);

    public static ErrorText RuleArrayOfStrings(string rule, string property) => T(nameof(RuleArrayOfStrings), rule, property);

    public static ErrorText RuleSeverity(string rule, string? value) => T(nameof(RuleSeverity), rule, value);

    public static ErrorText RuleSetMistakes(int count, IReadOnlyList<ErrorText> mistakes) => T(nameof(RuleSetMistakes), count, mistakes);

    // Rules and their parameters
    public static ErrorText UnknownRuleType(string rule, string type, string known) => T(nameof(UnknownRuleType), rule, type, known);

    public static ErrorText UnknownParameters(string rule, string type, string parameters) => T(nameof(UnknownParameters), rule, type, parameters);

    public static ErrorText ParameterMustBe(string rule, string parameter, ErrorText expected) => T(nameof(ParameterMustBe), rule, parameter, expected);

    public static ErrorText AString() => T(nameof(AString));

    public static ErrorText ANonEmptyString() => T(nameof(ANonEmptyString));

    public static ErrorText AWholeNumberFrom(int minimum, int maximum) => T(nameof(AWholeNumberFrom), minimum, maximum);

    public static ErrorText ANumberFrom(double minimum, double maximum) => T(nameof(ANumberFrom), minimum, maximum);

    public static ErrorText TrueOrFalse() => T(nameof(TrueOrFalse));

    public static ErrorText AnArrayOfStrings() => T(nameof(AnArrayOfStrings));

    public static ErrorText EitherOr(string first, string second) => T(nameof(EitherOr), first, second);

    public static ErrorText AListOf(string items) => T(nameof(AListOf), items);

    public static ErrorText TiersNotEmpty() => T(nameof(TiersNotEmpty));

    public static ErrorText TiersList() => T(nameof(TiersList));

    public static ErrorText RuleHasNoWords(string rule) => T(nameof(RuleHasNoWords), rule);

    public static ErrorText PatternNotValid(string rule, string reason) => T(nameof(PatternNotValid), rule, reason);

    public static ErrorText WorkingHoursInvalid(string rule, object reason) => T(nameof(WorkingHoursInvalid), rule, reason);

    public static ErrorText DaysMustBeNames() => T(nameof(DaysMustBeNames));

    public static ErrorText NotATimeWindow(string text) => T(nameof(NotATimeWindow), text);

    public static ErrorText LexiconNotFound(string path) => T(nameof(LexiconNotFound), path);

    public static ErrorText DatasetsNotFound(string variable) => T(nameof(DatasetsNotFound), variable);

    // Classifiers
    public static ErrorText NoDefaultModel(string name) => T(nameof(NoDefaultModel), name);

    public static ErrorText NoDefaultModelKnown(string name, string known) => T(nameof(NoDefaultModelKnown), name, known);

    public static ErrorText DefaultModelNotShipped(string name) => T(nameof(DefaultModelNotShipped), name);

    public static ErrorText CannotTrain(string name) => T(nameof(CannotTrain), name);

    public static ErrorText NotAModel(string source) => T(nameof(NotAModel), source);

    public static ErrorText ModelFormat(string source, int format, int readable) => T(nameof(ModelFormat), source, format, readable);

    public static ErrorText ModelHashBits(string source, int bits) => T(nameof(ModelHashBits), source, bits);

    public static ErrorText ModelNotReadable(string source, string reason) => T(nameof(ModelNotReadable), source, reason);

    public static ErrorText LabelledDataNotFound(string path) => T(nameof(LabelledDataNotFound), path);

    public static ErrorText FolderNeedsSpamAndHam(string folder) => T(nameof(FolderNeedsSpamAndHam), folder);

    // Messages to inspect (JSONL)
    public static ErrorText LineNotValidJson(string reason) => T(nameof(LineNotValidJson), reason);

    public static ErrorText TimeNotIso(string value) => T(nameof(TimeNotIso), value);

    public static ErrorText PropertyMissing(string name) => T(nameof(PropertyMissing), name);

    // Finding reviews
    public static ErrorText DecisionNeedsReviewer() => T(nameof(DecisionNeedsReviewer));

    public static ErrorText ReopenNeedsComment() => T(nameof(ReopenNeedsComment));

    public static ErrorText GiveFindingId() => T(nameof(GiveFindingId));

    public static ErrorText FindingAlready(long id, ErrorText status) => T(nameof(FindingAlready), id, status);

    public static ErrorText FindingReopenFirst(long id, ErrorText status, ErrorText target) => T(nameof(FindingReopenFirst), id, status, target);

    public static ErrorText FindingOpen() => T(nameof(FindingOpen));

    public static ErrorText FindingConfirmed() => T(nameof(FindingConfirmed));

    public static ErrorText FindingDismissed() => T(nameof(FindingDismissed));

    public static ErrorText NoFinding(long id) => T(nameof(NoFinding), id);

    public static ErrorText NoFindingInWorkspace(long id, string workspace) => T(nameof(NoFindingInWorkspace), id, workspace);

    public static ErrorText SamplesFolderNotFound(string folder) => T(nameof(SamplesFolderNotFound), folder);

    // Spot checks
    public static ErrorText PlanNameTaken(string name, string workspace) => T(nameof(PlanNameTaken), name, workspace);

    public static ErrorText PlanNeedsName() => T(nameof(PlanNeedsName));

    public static ErrorText PlanNeedsCreator() => T(nameof(PlanNeedsCreator));

    public static ErrorText PeriodStartBeforeEnd() => T(nameof(PeriodStartBeforeEnd));

    public static ErrorText PercentageRange() => T(nameof(PercentageRange));

    public static ErrorText CountAtLeastOne() => T(nameof(CountAtLeastOne));

    public static ErrorText NoPlan(long id) => T(nameof(NoPlan), id);

    public static ErrorText NoSample(long id) => T(nameof(NoSample), id);

    public static ErrorText RubricVersionTaken(string name, string version) => T(nameof(RubricVersionTaken), name, version);

    public static ErrorText ScoringNeedsInspector() => T(nameof(ScoringNeedsInspector));

    public static ErrorText AppealNeedsAppellant() => T(nameof(AppealNeedsAppellant));

    public static ErrorText AppealNeedsReason() => T(nameof(AppealNeedsReason));

    public static ErrorText DecisionNeedsDecider() => T(nameof(DecisionNeedsDecider));

    public static ErrorText SampleUnderAppeal(long id) => T(nameof(SampleUnderAppeal), id);

    public static ErrorText SampleFinal(long id) => T(nameof(SampleFinal), id);

    public static ErrorText SampleAlreadyFinal(long id) => T(nameof(SampleAlreadyFinal), id);

    public static ErrorText SampleNotScoredYet(long id) => T(nameof(SampleNotScoredYet), id);

    public static ErrorText SampleNothingToAppeal(long id) => T(nameof(SampleNothingToAppeal), id);

    public static ErrorText SampleOnlyScoredAppealed(long id, ErrorText status) => T(nameof(SampleOnlyScoredAppealed), id, status);

    public static ErrorText SamplePending() => T(nameof(SamplePending));

    public static ErrorText SampleScored() => T(nameof(SampleScored));

    public static ErrorText SampleAppealed() => T(nameof(SampleAppealed));

    public static ErrorText SampleFinalStatus() => T(nameof(SampleFinalStatus));

    public static ErrorText SomeoneElseDecides(string decider, long id) => T(nameof(SomeoneElseDecides), decider, id);

    public static ErrorText AmendedNeedsScores() => T(nameof(AmendedNeedsScores));

    public static ErrorText UpheldKeepsScores() => T(nameof(UpheldKeepsScores));

    public static ErrorText RubricHasNoItem(string rubric, string version, string item, string items) => T(nameof(RubricHasNoItem), rubric, version, item, items);

    public static ErrorText ItemScoredTwice(string item) => T(nameof(ItemScoredTwice), item);

    public static ErrorText ItemScoreRange(string item, int points, int score) => T(nameof(ItemScoreRange), item, points, score);

    // Rubrics
    public static ErrorText RubricNotFound(string path) => T(nameof(RubricNotFound), path);

    public static ErrorText TheRubric() => T(nameof(TheRubric));

    public static ErrorText RubricIsObject() => T(nameof(RubricIsObject));

    public static ErrorText RubricItemsNotEmpty() => T(nameof(RubricItemsNotEmpty));

    public static ErrorText MustBeObject(string field) => T(nameof(MustBeObject), field);

    public static ErrorText MustBeString(string field) => T(nameof(MustBeString), field);

    public static ErrorText MustBeWholeNumber(string field) => T(nameof(MustBeWholeNumber), field);

    public static ErrorText IdMissing(string field) => T(nameof(IdMissing), field);

    public static ErrorText IdTwice(string field, string id) => T(nameof(IdTwice), field, id);

    public static ErrorText FatalTrueOrFalse(string field) => T(nameof(FatalTrueOrFalse), field);

    public static ErrorText ItemChangesNothing(string field, string id) => T(nameof(ItemChangesNothing), field, id);

    /// <summary><paramref name="where"/>: <see cref="TheRubric"/> or a field such as items[2].</summary>
    public static ErrorText UnknownKey(object where, string key) => T(nameof(UnknownKey), where, key);
}
