using CommunityOps.Inspection;
using CommunityOps.Inspection.Rules;
using CommunityOps.Inspection.RuleSets;

namespace CommunityOps.Tests.Inspection;

public class RuleSetParserSpecs
{
    [Fact]
    public void A_rule_set_file_gives_named_versioned_rules_with_scope_and_exemptions()
    {
        var ruleSet = RuleSetParser.Parse("""
            {
              // comments are fine
              "name": "shop", "version": "3",
              "rules": [
                { "name": "kw", "type": "keywords", "category": "sensitive", "severity": "high", "version": "2",
                  "scope": { "communities": ["c1"], "channels": ["general"], "members": "members" },
                  "exempt": { "staff": true, "members": ["vip"], "words": ["sussex"] },
                  "parameters": { "words": ["sex"] } },
                { "name": "off", "type": "keywords", "category": "ads", "enabled": false, "parameters": { "words": ["x"] } },
              ]
            }
            """, "shop.json", null);

        ruleSet.Name.ShouldBe("shop");
        var rule = ruleSet.Rules.ShouldHaveSingleItem();
        rule.Version.ShouldBe("3/2");
        rule.Severity.ShouldBe(Severity.High);
        (rule.Scope.Communities.Single(), rule.Scope.Channels.Single(), rule.Scope.Members).ShouldBe(("c1", "general", MemberScope.Members));
        (rule.Exemptions.Staff, rule.Exemptions.Members.Single(), rule.Exemptions.Words.Single()).ShouldBe((true, "vip", "sussex"));
    }

    [Theory]
    [InlineData("""{ "name": "a", "type": "keywords", "category": "gossip", "parameters": { "words": ["x"] } }""", "category 'gossip'")]
    [InlineData("""{ "name": "a", "type": "keyword", "category": "ads", "parameters": { "words": ["x"] } }""", "unknown type 'keyword'")]
    [InlineData("""{ "name": "a", "type": "keywords", "category": "ads", "parameters": { "words": ["xy"], "wrds": ["y"] } }""", "unknown parameter(s): wrds")]
    [InlineData("""{ "name": "a", "type": "keywords", "category": "ads", "severity": "urgent", "parameters": { "words": ["x"] } }""", "severity must be")]
    [InlineData("""{ "name": "a", "type": "regex", "category": "ads", "parameters": { "pattern": "(" } }""", "pattern is not valid")]
    [InlineData("""{ "name": "a", "type": "flood", "category": "flood", "parameters": { "maxMessages": 0 } }""", "'maxMessages' must be")]
    [InlineData("""{ "name": "a", "type": "keywords", "category": "ads", "parameters": {} }""", "has no words")]
    public void Mistakes_in_a_rule_set_are_reported_with_the_rule_name(string rule, string expected)
    {
        var error = Should.Throw<CommunityOpsException>(() => InspectionTestKit.Compile(rule));

        error.Message.ShouldContain(expected);
        error.Message.ShouldContain("'a'");
    }

    [Fact]
    public void The_default_rule_set_compiles_with_every_category_of_the_shipped_rules()
    {
        var inspector = InspectionTestKit.Default;

        inspector.RuleSet.Name.ShouldBe("default");
        inspector.Rules.Select(r => r.Definition.Category).Distinct().ShouldBe(
            [RuleCategories.Sensitive, RuleCategories.Ads, RuleCategories.Contact, RuleCategories.Link, RuleCategories.Spam, RuleCategories.Abuse, RuleCategories.StaffPhrase],
            ignoreOrder: true);
    }
}
