using BenchmarkDotNet.Attributes;
namespace ClaimMl.Benchmarks;

/// <summary>
/// Whole checks through the public API, sources indexed beforehand, in both modes (the judged default and the
/// lexical-only path): one claim against ten sources (the mean over the sixteen benchmark claims), every sentence
/// of a 20-sentence text against five sources on one core and with <see cref="ClaimChecker.CheckText"/> on all
/// cores, and the first ten sentences of it with <see cref="ClaimChecker.CheckText"/> (the issue's "10-sentence text
/// against 5 news-length sources, warm").
/// </summary>
[MemoryDiagnoser]
[QuickJob]
public class CheckBenchmarks
{
    private const int ClaimCount = 16;
    private static readonly string[] FiveSources = ["valley-courier.txt", "national-wire.txt", "river-trust.txt", "operator-statement.txt", "test-results.txt"];
    private ClaimChecker _checker = null!;
    private SourceSet _tenSources = null!;
    private SourceSet _fiveSources = null!;
    private string[] _claims = [];
    private string _text = "";
    private string _tenSentences = "";

    /// <summary>The checking mode.</summary>
    [Params(ClaimCheckingMode.Judged, ClaimCheckingMode.LexicalOnly)]
    public ClaimCheckingMode Mode { get; set; }

    /// <summary>Indexes the sources.</summary>
    [GlobalSetup]
    public void Setup()
    {
        BenchmarkData data = BenchmarkData.Current;
        _checker = ClaimChecker.CreateDefault(Mode);
        _tenSources = _checker.Index(data.Sources);
        _fiveSources = _checker.Index(FiveSources.Select(data.Source));
        _claims = data.Claims.Select(c => c.Text).ToArray();
        _text = data.Summary;
        _tenSentences = string.Join(" ", ClaimChecker.SplitSentences(_text).Take(10));
        if (_claims.Length != ClaimCount)
        {
            throw new InvalidOperationException($"Expected {ClaimCount} benchmark claims, found {_claims.Length}.");
        }
    }

    /// <summary>Checks one claim against ten indexed sources (a verdict with ten assessments).</summary>
    [Benchmark(OperationsPerInvoke = ClaimCount)]
    [PairsPerOperation(10)]
    public int CheckClaimAgainstTenSources()
    {
        int confirmed = 0;
        foreach (string claim in _claims)
        {
            confirmed += _checker.Check(claim, _tenSources).Verdict == Verdict.Confirmed ? 1 : 0;
        }
        return confirmed;
    }

    /// <summary>Splits a 20-sentence text and checks each sentence against five sources, one after another, on one core.</summary>
    [Benchmark]
    [PairsPerOperation(20 * 5)]
    public int CheckTextAgainstFiveSources()
    {
        int confirmed = 0;
        foreach (string sentence in ClaimChecker.SplitSentences(_text))
        {
            confirmed += _checker.Check(sentence, _fiveSources).Verdict == Verdict.Confirmed ? 1 : 0;
        }
        return confirmed;
    }

    /// <summary>The same through <see cref="ClaimChecker.CheckText"/>, which checks the sentences on all cores (two here).</summary>
    [Benchmark]
    [PairsPerOperation(20 * 5)]
    public int CheckTextAgainstFiveSourcesAllCores() => _checker.CheckText(_text, _fiveSources).Count;

    /// <summary>A ten-sentence text (an answer, a summary) checked against five news-length sources with <see cref="ClaimChecker.CheckText"/>.</summary>
    [Benchmark]
    [PairsPerOperation(10 * 5)]
    public int CheckTenSentenceTextAgainstFiveSourcesAllCores() => _checker.CheckText(_tenSentences, _fiveSources).Count;
}
