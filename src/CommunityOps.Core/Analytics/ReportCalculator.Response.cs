namespace CommunityOps.Analytics;

// Waiting periods opened in the range: counts and nearest-rank percentiles, overall and per operator.
internal sealed partial class ReportCalculator
{
    private ResponseMetrics Response()
    {
        var periods = _s.Periods;
        var first = FirstAtOrAfter(periods, _from);
        var end = FirstAtOrAfter(periods, _to + 1);
        // Answered delays grouped by operator with a counting sort: operators are the few staff members.
        var slotOf = Rent(_s.Members.Count);
        var operatorOf = new List<int>();
        var perSlot = new int[4];
        var answered = 0;
        var range = periods.AsSpan(first, end - first);
        foreach (ref readonly var p in range)
        {
            if (p.WaitSeconds < 0)
            {
                continue;
            }
            answered++;
            var slot = slotOf[p.Operator] - 1;
            if ((uint)slot >= (uint)operatorOf.Count || operatorOf[slot] != p.Operator)
            {
                slot = operatorOf.Count;
                slotOf[p.Operator] = slot + 1;
                operatorOf.Add(p.Operator);
                if (slot == perSlot.Length)
                {
                    Array.Resize(ref perSlot, slot * 2);
                }
            }
            perSlot[slot]++;
        }
        var starts = new int[operatorOf.Count + 1];
        for (var k = 0; k < operatorOf.Count; k++)
        {
            starts[k + 1] = starts[k] + perSlot[k];
        }
        var grouped = new int[answered];
        var next = starts[..^1];
        foreach (ref readonly var p in range)
        {
            if (p.WaitSeconds >= 0)
            {
                grouped[next[slotOf[p.Operator] - 1]++] = p.WaitSeconds;
            }
        }
        Return(slotOf);
        var operators = new List<OperatorResponse>(operatorOf.Count);
        for (var slot = 0; slot < operatorOf.Count; slot++)
        {
            var op = operatorOf[slot];
            var (median, p90) = Percentiles(grouped.AsSpan(starts[slot], perSlot[slot]));
            operators.Add(new OperatorResponse(_s.Members[op].Id, _s.MemberNames[op], perSlot[slot], median, p90));
        }
        operators.Sort((a, b) => a.Answered != b.Answered ? b.Answered.CompareTo(a.Answered) : a.MemberId.CompareTo(b.MemberId));
        AnswerWaits = grouped;
        int? medianAll = null, p90All = null;
        if (answered > 0)
        {
            (medianAll, p90All) = Percentiles(grouped.AsSpan());
        }
        return new ResponseMetrics(end - first, answered, medianAll, p90All, operators);
    }

    /// <summary>Nearest rank: the ceil(0.5 n)-th and ceil(0.9 n)-th smallest. Reorders the span.</summary>
    internal static (int Median, int P90) Percentiles(Span<int> values)
    {
        var n = values.Length;
        var medianRank = (n + 1) / 2;
        var p90Rank = ((9 * n) + 9) / 10;
        var median = Select(values, medianRank - 1);
        // Select leaves everything after the median's position at least as large, so p90 is found there.
        var p90 = Select(values[(medianRank - 1)..], p90Rank - medianRank);
        return (median, p90);
    }

    /// <summary>The k-th smallest (0-based) by quickselect; afterwards values[..k] &lt;= values[k] &lt;= values[(k+1)..].</summary>
    internal static int Select(Span<int> values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            var pivot = Median3(values[lo], values[lo + ((hi - lo) / 2)], values[hi]);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }
                while (values[j] > pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return values[k];
            }
        }
        return values[k];
    }

    private static int Median3(int a, int b, int c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
