using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;

namespace ClaimMl.Benchmarks;

/// <summary>
/// A short job that still gives stable means on a busy two-core machine: one process, three warm-up
/// and ten measured iterations (BenchmarkDotNet's ShortRun measures three). A full run of every
/// benchmark takes about five minutes.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class QuickJobAttribute : JobConfigBaseAttribute
{
    /// <summary>Creates the job.</summary>
    public QuickJobAttribute()
        : base(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithId("Quick"))
    {
    }
}
