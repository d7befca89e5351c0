using BenchmarkDotNet.Attributes;
using ClaimMl.Indexing;
using ClaimMl.Model;

namespace ClaimMl.Benchmarks;

/// <summary>Indexing sources: ten news-length texts per operation, on one core.</summary>
[MemoryDiagnoser]
[QuickJob]
public class IndexingBenchmarks
{
    private TermWeights _weights = null!;
    private Source[] _batch = [];

    /// <summary>Which texts: the hand-written articles, or FNC-1 bodies when the shared data is present.</summary>
    [ParamsSource(nameof(Corpora))]
    public string Corpus { get; set; } = BenchmarkData.Own;

    /// <summary>The corpora available on this machine.</summary>
    public static IEnumerable<string> Corpora => BenchmarkData.Corpora;

    /// <summary>Loads the model's term weights and the texts.</summary>
    [GlobalSetup]
    public void Setup()
    {
        StanceModel model = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).Model;
        _weights = model.Weights;
        _batch = [.. BenchmarkData.Current.IndexingBatch(Corpus)];
    }

    /// <summary>Indexes ten sources (tokens, sentences, postings, norms, bigrams, numbers).</summary>
    [Benchmark]
    [IndexesText]
    public int IndexTenSources()
    {
        int sentences = 0;
        foreach (Source source in _batch)
        {
            sentences += IndexedSource.Create(source.Name, source.Text, _weights).Sentences.Length;
        }
        return sentences;
    }
}
