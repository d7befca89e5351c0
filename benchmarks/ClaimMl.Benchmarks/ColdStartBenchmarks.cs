using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace ClaimMl.Benchmarks;

/// <summary>
/// Cold start: in a fresh process, load the model embedded in the library and give a first verdict
/// (index one source, check one claim). Each launch is a new process with no warm-up, so every
/// measurement includes loading assemblies and JIT-compiling the code on the way.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1, id: "ColdStart")]
public class ColdStartBenchmarks
{
    private Source _source = null!;
    private string _claim = "";

    /// <summary>Reads the texts (not measured).</summary>
    [GlobalSetup]
    public void Setup()
    {
        BenchmarkData data = BenchmarkData.Current;
        _source = data.Source("valley-courier.txt");
        _claim = data.Claims[1].Text;
    }

    /// <summary>Loads the embedded models (stance model and judge), indexes one source and checks one claim against it.</summary>
    [Benchmark]
    public Verdict LoadEmbeddedModelsAndFirstJudgedVerdict() => ColdStart.Run(_source, _claim);

    /// <summary>The same in the lexical-only mode (the stance model alone).</summary>
    [Benchmark]
    public Verdict LoadEmbeddedModelAndFirstLexicalVerdict() => ColdStart.Run(_source, _claim, ClaimCheckingMode.LexicalOnly);
}

/// <summary>What a cold start does, shared by the benchmark and the <c>--cold-start</c> process mode.</summary>
internal static class ColdStart
{
    /// <summary>
    /// Loads the embedded models as the default checker does (stance model and, in the judged mode, the judge),
    /// bypassing the process-wide cache of <see cref="ClaimChecker.CreateDefault"/>, indexes one source and checks one claim.
    /// </summary>
    public static Verdict Run(Source source, string claim, ClaimCheckingMode mode = ClaimCheckingMode.Judged)
    {
        using Stream stream = Resource("ClaimMl.Models.stance.zip");
        ClaimChecker lexical = ClaimChecker.Load(stream, ClaimCheckingMode.LexicalOnly);
        using ClaimChecker checker = mode == ClaimCheckingMode.Judged ? lexical.WithJudge(Resource("ClaimMl.Models.judge.zip")) : lexical;
        SourceSet sources = checker.Index([source]);
        return checker.Check(claim, sources).Verdict;
    }

    private static Stream Resource(string name) =>
        typeof(ClaimChecker).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"The library has no embedded '{name}'.");
}
