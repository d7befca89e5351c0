using System.Text.Json;
using ClaimMl.DataFormats;
using ClaimMl.Training;

namespace ClaimMl.Benchmarks;

/// <summary>
/// The benchmarks' inputs: the hand-written articles, claims and labels of <c>data/benchmark/</c>,
/// and FNC-1 when the shared data sets are present ($CLAIMML_SHARED_DATA or ../shared/data beside
/// the repository). Nothing from the shared data is ever written anywhere.
/// </summary>
internal sealed class BenchmarkData
{
    /// <summary>Corpus name of the hand-written texts.</summary>
    public const string Own = "own";

    /// <summary>Corpus name of FNC-1 (train split) bodies and headlines.</summary>
    public const string Fnc = "fnc-1";

    /// <summary>Pairs scored per operation by the pair benchmarks (16 claims × 4 sources for the own corpus).</summary>
    public const int PairsPerBatch = 64;

    /// <summary>Sources indexed per operation by the indexing benchmark.</summary>
    public const int SourcesPerIndexBatch = 10;

    private static readonly Lazy<BenchmarkData> Instance = new(Load);

    private BenchmarkData(string root, List<Source> sources, List<(string Id, string Text)> claims,
        List<(string Claim, string Source, string Stance)> labels, string summary, LabeledPairSet? fnc)
    {
        Root = root;
        Sources = sources;
        Claims = claims;
        Labels = labels;
        Summary = summary;
        FncTrain = fnc;
    }

    public static BenchmarkData Current => Instance.Value;

    public string Root { get; }

    /// <summary>The ten hand-written articles, by file name.</summary>
    public List<Source> Sources { get; }

    public List<(string Id, string Text)> Claims { get; }

    /// <summary>Stance of every source towards every claim (claim id, source file name, stance word).</summary>
    public List<(string Claim, string Source, string Stance)> Labels { get; }

    /// <summary>The 20-sentence summary.</summary>
    public string Summary { get; }

    /// <summary>FNC-1's training split, when the shared data is present.</summary>
    public LabeledPairSet? FncTrain { get; }

    /// <summary>The corpora available on this machine.</summary>
    public static IEnumerable<string> Corpora => Current.FncTrain is null ? [Own] : [Own, Fnc];

    public Source Source(string name) => Sources.Single(s => s.Name == name);

    /// <summary>The texts the indexing benchmark indexes per operation.</summary>
    public IReadOnlyList<Source> IndexingBatch(string corpus)
    {
        if (corpus == Own)
        {
            return Sources;
        }
        LabeledPairSet fnc = FncTrain ?? throw new InvalidOperationException("FNC-1 is not available.");
        // Ten bodies spread over the split, of typical length.
        return Enumerable.Range(0, SourcesPerIndexBatch)
            .Select(i => new Source($"fnc-{i}", fnc.Sources[i * (fnc.Sources.Count / SourcesPerIndexBatch)]))
            .ToList();
    }

    /// <summary>Characters indexed per operation of the indexing benchmark.</summary>
    public long IndexingChars(string corpus) => IndexingBatch(corpus).Sum(s => (long)s.Text.Length);

    /// <summary>
    /// The <see cref="PairsPerBatch"/> claim–source pairs of the pair benchmarks: for the own corpus every
    /// claim against four sources (two about the event, one half about it, one unrelated); for FNC-1
    /// pairs spread evenly over the training split.
    /// </summary>
    public List<(string Claim, Source Source, string Stance)> PairBatch(string corpus)
    {
        if (corpus == Own)
        {
            string[] names = ["valley-courier.txt", "national-wire.txt", "council-notes.txt", "cup-final.txt"];
            var pairs = new List<(string, Source, string)>();
            foreach ((string id, string text) in Claims)
            {
                foreach (string name in names)
                {
                    pairs.Add((text, Source(name), Labels.Single(l => l.Claim == id && l.Source == name).Stance));
                }
            }
            return pairs;
        }
        LabeledPairSet fnc = FncTrain ?? throw new InvalidOperationException("FNC-1 is not available.");
        int stride = fnc.Pairs.Count / PairsPerBatch;
        return Enumerable.Range(0, PairsPerBatch)
            .Select(i => fnc.Pairs[i * stride])
            .Select(p => (p.Claim, new Source($"fnc-{p.Source}", fnc.Sources[p.Source]), p.Stance.ToString()))
            .ToList();
    }

    private static BenchmarkData Load()
    {
        string root = FindRoot();
        string folder = Path.Combine(root, "data", "benchmark");
        var sources = Directory.GetFiles(Path.Combine(folder, "sources"), "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(f => new Source(Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();
        var claims = File.ReadLines(Path.Combine(folder, "claims.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l =>
            {
                using var doc = JsonDocument.Parse(l);
                return (doc.RootElement.GetProperty("id").GetString()!, doc.RootElement.GetProperty("claim").GetString()!);
            })
            .ToList();
        var labels = File.ReadLines(Path.Combine(folder, "labels.csv"))
            .Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split(','))
            .Select(f => (f[0], f[1], f[2]))
            .ToList();
        string summary = File.ReadAllText(Path.Combine(folder, "summary-20.txt"));

        LabeledPairSet? fnc = null;
        string? shared = SharedDataFolder(root);
        if (shared is not null && File.Exists(Path.Combine(shared, "fnc-1", "train_stances.csv")))
        {
            fnc = FncDataset.Load(Path.Combine(shared, "fnc-1"), FncSplit.Train);
        }
        return new BenchmarkData(root, sources, claims, labels, summary, fnc);
    }

    private static string? SharedDataFolder(string root)
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("CLAIMML_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }
        string beside = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        return Directory.Exists(beside) ? beside : null;
    }

    /// <summary>The repository root: the first folder upwards (from the binaries, then the working directory) holding data/benchmark.</summary>
    internal static string FindRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "data", "benchmark", "sources")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new DirectoryNotFoundException("Cannot find data/benchmark above " + AppContext.BaseDirectory + "; run the benchmarks from the repository.");
    }
}
