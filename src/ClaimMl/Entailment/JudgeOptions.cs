namespace ClaimMl.Entailment;

/// <summary>How an <see cref="EntailmentJudge"/> runs its graph. The defaults suit a checker shared by many threads.</summary>
internal sealed record JudgeOptions
{
    /// <summary>The defaults.</summary>
    public static readonly JudgeOptions Default = new();

    /// <summary>Most pairs run through the graph at once.</summary>
    public const int MaxBatchLimit = 256;

    /// <summary>
    /// Threads ONNX Runtime uses inside one run (its intra-op pool; the calling thread is one of them);
    /// <see langword="null"/> chooses <see cref="DefaultIntraOpThreads"/>.
    /// </summary>
    public int? IntraOpThreads { get; init; }

    /// <summary>Most pairs per run of the graph (1 to <see cref="MaxBatchLimit"/>); pairs are sorted by length and each batch padded to its longest.</summary>
    public int MaxBatchSize { get; init; } = 32;

    /// <summary>
    /// The intra-op threads used when <see cref="IntraOpThreads"/> is not set: one. Measured with
    /// <c>JudgeBenchmarks</c> on a 2-core machine (the fp32 MiniLM-L6 judge, ~15-word claims, ~30-word
    /// passages): all cores in one run gave more pairs/s to a lone caller than one thread, but a checker
    /// serves many threads at once, and there one thread per run loses nothing and does not make callers
    /// wait on each other's pools. See the benchmark results for the figures.
    /// </summary>
    public static int DefaultIntraOpThreads => 1;

    /// <summary>The intra-op threads to use.</summary>
    internal int ResolvedIntraOpThreads => IntraOpThreads ?? DefaultIntraOpThreads;

    /// <summary>Throws when a setting is out of range.</summary>
    internal void Validate()
    {
        if (IntraOpThreads is { } threads)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads, nameof(IntraOpThreads));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBatchSize, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBatchSize, MaxBatchLimit, nameof(MaxBatchSize));
    }
}
