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
    public int? MaxBatchSize { get; init; }

    /// <summary>
    /// The batch size used when <see cref="MaxBatchSize"/> is not set: one pair per run for a judge whose weights are
    /// stored in 8 bits ("int8" or "int7"), 32 otherwise. ONNX Runtime's dynamic quantization scales each run's activations by the whole
    /// batch's range, so an 8-bit judge's reading of a pair would depend on the pairs batched with it (measured: 0.014
    /// on a probability); run alone, a pair always reads the same. It costs nothing: on the 2-core machine the 7-bit
    /// judge gave 300 pairs/s to one caller at batch 1 and 296 at batch 32, the 8-bit one 180 and 178 (JudgeBenchmarks,
    /// benchmarks/RESULTS.md).
    /// </summary>
    internal static int DefaultBatchSize(string? quantization) => quantization is "int8" or "int7" ? 1 : 32;

    /// <summary>
    /// The intra-op threads used when <see cref="IntraOpThreads"/> is not set: one. Measured with
    /// <c>JudgeBenchmarks</c> (fp32 MiniLM-L6 judge, 32 pairs of ~17-word claims and ~28-word passages) on a
    /// 2-core machine where a training process kept about one core busy: one caller got 104 pairs/s (batches
    /// of 1) and 122 (batches of 32) with one thread, 55 and 105 with two; two callers at once got 89 and 113
    /// with one thread, 92 and 115 with two (the same, within the noise). Over three runs one thread was never
    /// clearly slower, and a checker serves many callers' threads in parallel anyway, so each run keeps to its
    /// own thread instead of competing for the cores. Set <see cref="IntraOpThreads"/> to give a single caller
    /// more cores on an otherwise idle machine.
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
        if (MaxBatchSize is int batch)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch, nameof(MaxBatchSize));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(batch, MaxBatchLimit, nameof(MaxBatchSize));
        }
    }
}
