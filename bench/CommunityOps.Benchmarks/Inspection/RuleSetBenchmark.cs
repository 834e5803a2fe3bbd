namespace CommunityOps.Benchmarks.Inspection;

internal static class RuleSetBenchmark
{
    public static int Run(string[] args) => 0;
}
