using System.Numerics;

namespace TrapActors.LoadBenchmark;

/// <summary>
/// A fixed-size log-linear histogram of durations in 100 ns ticks (exact below 128 ticks, then 64 buckets per power
/// of two: under 1.6 % error). Written by one thread (the subscriber actor), read once the load is over.
/// </summary>
public sealed class LatencyHistogram
{
    private const int Linear = 128;
    private const int SubBuckets = 64;
    private readonly long[] _counts = new long[Linear + (63 - 7) * SubBuckets];
    private long _total;

    public long Total => Volatile.Read(ref _total);

    public void Record(long ticks)
    {
        if (ticks < 0)
            ticks = 0;
        _counts[Index(ticks)]++;
        Volatile.Write(ref _total, _total + 1);
    }

    public void Reset()
    {
        Array.Clear(_counts);
        Volatile.Write(ref _total, 0);
    }

    /// <summary>The value at quantile <paramref name="q"/> (0..1) as a TimeSpan; null when empty.</summary>
    public TimeSpan? Quantile(double q)
    {
        var total = Total;
        if (total == 0)
            return null;
        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
                return TimeSpan.FromTicks(Middle(i));
        }
        return TimeSpan.FromTicks(Middle(_counts.Length - 1));
    }

    private static int Index(long v)
    {
        if (v < Linear)
            return (int)v;
        var exp = 63 - BitOperations.LeadingZeroCount((ulong)v);   // 7..62
        var mantissa = (int)(v >> (exp - 6)) & (SubBuckets - 1);
        return Linear + (exp - 7) * SubBuckets + mantissa;
    }

    private static long Middle(int index)
    {
        if (index < Linear)
            return index;
        var exp = (index - Linear) / SubBuckets + 7;
        var mantissa = (index - Linear) % SubBuckets;
        var low = (long)(SubBuckets + mantissa) << (exp - 6);
        var width = 1L << (exp - 6);
        return low + width / 2;
    }
}
