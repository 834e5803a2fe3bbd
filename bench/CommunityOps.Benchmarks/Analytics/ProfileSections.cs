using System.Diagnostics;
using System.Reflection;
using CommunityOps.Analytics;

namespace CommunityOps.Benchmarks.Analytics;

internal static class ProfileSections
{
    public static void Run(List<CommunityState> states, int from, int to)
    {
        var names = new[] { "DaysAndSummary", "MemberActivity", "WeeklyCohorts", "MonthlyCohorts", "Heatmap", "Response", "Growth", "StaffMembers" };
        foreach (var name in names)
        {
            var method = typeof(ReportCalculator).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Instance)!;
            var sw = Stopwatch.StartNew();
            foreach (var s in states)
            {
                var calc = new ReportCalculator(s, from, to, LayerThresholds.Default, 10);
                var args = method.GetParameters().Select(p => p.ParameterType.IsByRef ? (object?)null : null).ToArray();
                method.Invoke(calc, args);
            }
            Console.WriteLine($"    {name,-16} {sw.Elapsed.TotalMilliseconds,8:F0} ms");
        }
        var sw2 = Stopwatch.StartNew();
        foreach (var s in states)
        {
            new ReportCalculator(s, from, to, LayerThresholds.Default, 10).Layers(null, null);
        }
        Console.WriteLine($"    Layers           {sw2.Elapsed.TotalMilliseconds,8:F0} ms");
        sw2.Restart();
        foreach (var s in states)
        {
            new ReportCalculator(s, from, to, LayerThresholds.Default, 10).Compute();
        }
        Console.WriteLine($"    Compute (1 thr)  {sw2.Elapsed.TotalMilliseconds,8:F0} ms");
    }
}
