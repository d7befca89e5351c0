using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using ClaimMl.DataFormats;
using ClaimMl.Features;
using ClaimMl.Model;
using ClaimMl.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClaimMl.Tests;

/// <summary>
/// <c>services.AddClaimChecking(...)</c>: one thread-safe singleton, the model chosen by options, and the
/// same results from 16 threads as from one.
/// </summary>
[TestFixture]
public sealed class DependencyInjectionTests
{
    private const int ThreadCount = 16;
    private const int Rounds = 5;

    [Test]
    public void AddClaimCheckingWithoutOptionsRegistersOneSingletonOnTheEmbeddedModel()
    {
        using ServiceProvider provider = new ServiceCollection().AddClaimChecking().BuildServiceProvider(validateScopes: true);

        ClaimChecker checker = provider.GetRequiredService<ClaimChecker>();
        using IServiceScope scope = provider.CreateScope();

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<ClaimChecker>(), Is.SameAs(checker));
            Assert.That(scope.ServiceProvider.GetRequiredService<ClaimChecker>(), Is.SameAs(checker));
            Assert.That(checker.Model, Is.SameAs(ClaimChecker.CreateDefault().Model), "the embedded model, loaded once per process");
        });
    }

    [Test]
    public void AddClaimCheckingCalledTwiceRegistersOneChecker()
    {
        var services = new ServiceCollection();
        services.AddClaimChecking().AddClaimChecking();

        Assert.That(services.Count(d => d.ServiceType == typeof(ClaimChecker)), Is.EqualTo(1));
        Assert.That(services.Single(d => d.ServiceType == typeof(ClaimChecker)).Lifetime, Is.EqualTo(ServiceLifetime.Singleton));
    }

    [Test]
    public void ModelPathLoadsThatFile()
    {
        string path = TestFiles.WriteTemp(TestFiles.EmbeddedModelBytes(), ".zip");
        try
        {
            using ServiceProvider provider = new ServiceCollection()
                .AddClaimChecking(options => options.ModelPath = path)
                .BuildServiceProvider();

            ClaimChecker checker = provider.GetRequiredService<ClaimChecker>();

            Assert.That(checker.Model, Is.Not.SameAs(ClaimChecker.CreateDefault().Model));
            AssertSameResults(checker, ClaimChecker.CreateDefault(), TestFiles.SampleClaims());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ModelStreamFactoryIsCalledOnceAndItsStreamIsDisposed()
    {
        int calls = 0;
        var streams = new List<TrackingStream>();
        using ServiceProvider provider = new ServiceCollection()
            .AddClaimChecking(options => options.ModelStreamFactory = () =>
            {
                Interlocked.Increment(ref calls);
                var stream = new TrackingStream(TestFiles.EmbeddedModelBytes());
                streams.Add(stream);
                return stream;
            })
            .BuildServiceProvider();

        ClaimChecker checker = provider.GetRequiredService<ClaimChecker>();
        provider.GetRequiredService<ClaimChecker>();

        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.EqualTo(1));
            Assert.That(streams.Single().Disposed, Is.True);
            Assert.That(checker.Model, Is.Not.SameAs(ClaimChecker.CreateDefault().Model));
        });
        AssertSameResults(checker, ClaimChecker.CreateDefault(), TestFiles.SampleClaims());
    }

    [Test]
    public void ConcurrentFirstResolutionCreatesOneChecker()
    {
        int calls = 0;
        using ServiceProvider provider = new ServiceCollection()
            .AddClaimChecking(options => options.ModelStreamFactory = () =>
            {
                Interlocked.Increment(ref calls);
                return new MemoryStream(TestFiles.EmbeddedModelBytes());
            })
            .BuildServiceProvider();

        var resolved = new ClaimChecker[ThreadCount];
        RunOnThreads(ThreadCount, t => resolved[t] = provider.GetRequiredService<ClaimChecker>());

        Assert.That(calls, Is.EqualTo(1));
        Assert.That(resolved, Has.All.SameAs(resolved[0]));
    }

    [Test]
    public void BothModelPathAndStreamFactoryFailOnResolve()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddClaimChecking(options =>
            {
                options.ModelPath = "model.zip";
                options.ModelStreamFactory = () => new MemoryStream();
            })
            .BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<ClaimChecker>(),
            Throws.TypeOf<OptionsValidationException>().With.Message.Contains("ModelPath or ModelStreamFactory, not both"));
    }

    [Test]
    public void MissingModelPathFailsOnResolveNamingTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "claimml-no-such-model-" + Guid.NewGuid().ToString("N") + ".zip");
        using ServiceProvider provider = new ServiceCollection()
            .AddClaimChecking(options => options.ModelPath = path)
            .BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<ClaimChecker>(),
            Throws.TypeOf<ClaimMlModelException>().With.Message.Contains(path).And.Message.Contains("does not exist"));
    }

    [Test]
    public void StreamFactoryReturningNullFailsOnResolve()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddClaimChecking(options => options.ModelStreamFactory = () => null!)
            .BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<ClaimChecker>(),
            Throws.TypeOf<ClaimMlModelException>().With.Message.Contains("ModelStreamFactory returned no stream"));
    }

    [Test]
    public void AddClaimCheckingNullServicesThrows()
    {
        Assert.That(() => ClaimCheckingServiceCollectionExtensions.AddClaimChecking(null!), Throws.ArgumentNullException);
    }

    /// <summary>
    /// The thread-safety proof: 16 threads, started together, check every claim several times in
    /// different orders against one shared <see cref="SourceSet"/> through the DI singleton; every result
    /// must equal, bit for bit, the one computed on a single thread.
    /// </summary>
    [Test]
    public void SixteenThreadsOnTheSingletonGiveExactlyTheSingleThreadedResults()
    {
        using ServiceProvider provider = new ServiceCollection().AddClaimChecking().BuildServiceProvider();
        ClaimChecker checker = provider.GetRequiredService<ClaimChecker>();
        SourceSet sources = checker.Index(TestFiles.SampleSources());
        List<string> claims = TestFiles.ManyClaims();
        string[] expected = claims.Select(c => Describe(checker.Check(c, sources))).ToArray();
        Assert.That(claims, Has.Count.GreaterThanOrEqualTo(60));
        Assert.That(expected.Select(e => e.Split('|')[0]).Distinct().Count(), Is.EqualTo(3), "the claims reach all three verdicts");

        var mismatches = new List<string>[ThreadCount];
        int checks = 0;
        RunOnThreads(ThreadCount, t =>
        {
            ClaimChecker shared = provider.GetRequiredService<ClaimChecker>();
            var random = new Random(t);
            mismatches[t] = [];
            for (int round = 0; round < Rounds; round++)
            {
                int[] order = Enumerable.Range(0, claims.Count).ToArray();
                random.Shuffle(order);
                foreach (int i in order)
                {
                    string actual = Describe(shared.Check(claims[i], sources));
                    Interlocked.Increment(ref checks);
                    if (actual != expected[i])
                    {
                        mismatches[t].Add($"thread {t}, claim {i}:\n  expected {expected[i]}\n  actual   {actual}");
                    }
                }
            }
        });

        Assert.That(checks, Is.EqualTo(ThreadCount * Rounds * claims.Count));
        Assert.That(mismatches.SelectMany(m => m), Is.Empty);
        TestContext.Progress.WriteLine($"{ThreadCount} threads × {Rounds} rounds × {claims.Count} claims × {sources.Count} sources: {checks} checks, each equal to the single-threaded result");
    }

    [Test]
    public void CheckAllInParallelGivesTheSingleThreadedResults()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault();
        SourceSet sources = checker.Index(TestFiles.SampleSources());
        List<string> claims = TestFiles.ManyClaims();

        IReadOnlyList<ClaimResult> parallel = checker.CheckAll(claims, sources);

        Assert.That(parallel.Select(Describe), Is.EqualTo(claims.Select(c => Describe(checker.Check(c, sources)))));
    }

    /// <summary>Everything a result holds, with every float written exactly (round-trip), for comparison.</summary>
    internal static string Describe(ClaimResult result)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{result.Verdict}|{Exact(result.Confidence)}|{result.Claim}");
        foreach (SourceAssessment s in result.Sources)
        {
            StanceProbabilities p = s.Probabilities;
            text.Append(CultureInfo.InvariantCulture,
                $"|{s.Source}:{s.Stance}:{Exact(p.Supports)}/{Exact(p.Refutes)}/{Exact(p.Discusses)}/{Exact(p.Unrelated)}:{s.Evidence ?? "(none)"}");
        }
        return text.ToString();
    }

    private static string Exact(float value) => BitConverter.SingleToInt32Bits(value).ToString("X8", CultureInfo.InvariantCulture);

    private static void AssertSameResults(ClaimChecker actual, ClaimChecker expected, IEnumerable<string> claims)
    {
        SourceSet actualSources = actual.Index(TestFiles.SampleSources());
        SourceSet expectedSources = expected.Index(TestFiles.SampleSources());
        foreach (string claim in claims)
        {
            Assert.That(Describe(actual.Check(claim, actualSources)), Is.EqualTo(Describe(expected.Check(claim, expectedSources))));
        }
    }

    /// <summary>Runs <paramref name="body"/> on <paramref name="count"/> dedicated threads released together.</summary>
    private static void RunOnThreads(int count, Action<int> body)
    {
        using var start = new Barrier(count);
        var errors = new Exception?[count];
        var threads = new Thread[count];
        for (int t = 0; t < count; t++)
        {
            int index = t;
            threads[t] = new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    body(index);
                }
                catch (Exception e)
                {
                    errors[index] = e;
                }
            });
            threads[t].Start();
        }
        foreach (Thread thread in threads)
        {
            Assert.That(thread.Join(TimeSpan.FromMinutes(10)), Is.True, "a thread did not finish (a deadlock guard, not a timing: generous, since CI machines are shared)");
        }
        Assert.That(errors.Where(e => e is not null), Is.Empty);
    }

    private sealed class TrackingStream(byte[] content) : MemoryStream(content)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// A model that is missing, corrupt, of another format version or trained with another feature set
/// gives a <see cref="ClaimMlModelException"/> saying so, whichever way it is loaded.
/// </summary>
[TestFixture]
public sealed class ModelLoadingErrorTests
{
    public enum LoadWay
    {
        Path,
        Stream,
        DependencyInjection,
    }

    // ModelTests covers the ways a model file can be bad through ClaimChecker.Load; these add the
    // dependency-injection path (one case of each kind) and the cases ModelTests does not cover.
    private static IEnumerable<TestCaseData> BadModels()
    {
        yield return Case("not a zip", _ => Encoding.UTF8.GetBytes("this is not a model\n"), "is not a readable ClaimMl model file");
        yield return Case("next format version", m => EditManifest(m, j => j["formatVersion"] = ModelManifest.CurrentFormatVersion + 1),
            $"has format version {ModelManifest.CurrentFormatVersion + 1}, newer than this version of ClaimMl reads ({ModelManifest.CurrentFormatVersion}); update ClaimMl");
        yield return Case("renamed feature", m => EditManifest(m, j => j["featureNames"]![5] = "claim.sarcasm"),
            $"feature 5 is 'claim.sarcasm' in the model, '{FeatureSet.Names[5]}' here");
        yield return Case("no feature names", m => EditManifest(m, j => j["featureNames"] = null), "was trained with another feature set");
        yield return Case("corrupt term weights", m => TestFiles.RewriteModel(m, (name, content) => name == "term-weights.bin" ? content[..100] : content),
            "is not a readable ClaimMl model file");
        yield return Case("corrupt stage", m => TestFiles.RewriteModel(m, (name, content) => name == "stage-related.zip" ? "not a stage"u8.ToArray() : content),
            "is not a readable ClaimMl model file");

        static TestCaseData Case(string name, Func<byte[], byte[]> corrupt, string message) =>
            new TestCaseData(corrupt, message).SetArgDisplayNames(name);
    }

    [Test]
    public void MissingFileIsAClaimMlModelExceptionNamingThePath(
        [Values(LoadWay.Path, LoadWay.DependencyInjection)] LoadWay way)
    {
        string path = Path.Combine(Path.GetTempPath(), "claimml-missing-" + Guid.NewGuid().ToString("N") + ".zip");

        Assert.That(() => Load(way, path), Throws.TypeOf<ClaimMlModelException>().With.Message.EqualTo($"Model file '{path}' does not exist."));
    }

    [TestCaseSource(nameof(BadModels))]
    public void BadModelIsAClaimMlModelExceptionSayingWhy(Func<byte[], byte[]> corrupt, string message)
    {
        string path = TestFiles.WriteTemp(corrupt(TestFiles.EmbeddedModelBytes()), ".zip");
        try
        {
            foreach (LoadWay way in Enum.GetValues<LoadWay>())
            {
                Assert.That(() => Load(way, path), Throws.TypeOf<ClaimMlModelException>().With.Message.Contains(message), way.ToString());
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static ClaimChecker Load(LoadWay way, string path)
    {
        switch (way)
        {
            case LoadWay.Path:
                return ClaimChecker.Load(path);
            case LoadWay.Stream:
                using (FileStream stream = File.OpenRead(path))
                {
                    return ClaimChecker.Load(stream);
                }
            default:
                using (ServiceProvider provider = new ServiceCollection().AddClaimChecking(o => o.ModelPath = path).BuildServiceProvider())
                {
                    return provider.GetRequiredService<ClaimChecker>();
                }
        }
    }

    private static byte[] EditManifest(byte[] model, Action<JsonObject> edit) => TestFiles.RewriteModel(model, (name, content) =>
    {
        if (name != "manifest.json")
        {
            return content;
        }
        JsonObject manifest = JsonNode.Parse(content)!.AsObject();
        edit(manifest);
        return Encoding.UTF8.GetBytes(manifest.ToJsonString());
    });
}

/// <summary>The repository's sample data and the shipped model, for the DI and package tests.</summary>
internal static class TestFiles
{
    public static string RepositoryRoot => RepoPaths.Root;

    public static string SampleSourcesFolder => RepoPaths.SampleSources;

    public static List<Source> SampleSources() => SourceFolder.Read(SampleSourcesFolder);

    public static List<string> SampleClaims() =>
        ClaimFile.Read(Path.Combine(RepositoryRoot, "data", "sample", "claims.jsonl")).Select(c => c.Text).ToList();

    /// <summary>
    /// Claims of every kind for the sample sources: the sample's claims, each sentence of the sources and of
    /// the summary (as stated, negated, with its numbers changed), and claims about something else.
    /// </summary>
    public static List<string> ManyClaims()
    {
        var claims = new List<string>(SampleClaims());
        claims.AddRange(ClaimFile.Read(Path.Combine(RepositoryRoot, "data", "sample", "claims.txt")).Select(c => c.Text));
        var sentences = new List<string>();
        foreach (string text in SampleSources().Select(s => s.Text).Append(File.ReadAllText(Path.Combine(RepositoryRoot, "data", "sample", "summary.txt"))))
        {
            sentences.AddRange(SentenceSplitter.Split(text).Select(span => text.Substring(span.Start, span.Length)));
        }
        foreach (string sentence in sentences)
        {
            claims.Add(sentence);
            claims.Add("It is false that " + sentence);
            claims.Add(sentence.Replace("12,000", "40,000", StringComparison.Ordinal).Replace("Tuesday", "Friday", StringComparison.Ordinal));
        }
        claims.Add("The city council approved a new library budget.");
        claims.Add("Is the Merrow Bridge closed?");
        claims.Add("");
        return claims.Distinct(StringComparer.Ordinal).ToList();
    }

    public static byte[] EmbeddedModelBytes()
    {
        using Stream stream = typeof(ClaimChecker).Assembly.GetManifestResourceStream("ClaimMl.Models.stance.zip")
            ?? throw new InvalidOperationException("The library was built without its embedded model.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>A copy of a model zip with each entry mapped through <paramref name="map"/> (null drops the entry).</summary>
    public static byte[] RewriteModel(byte[] model, Func<string, byte[], byte[]?> map)
    {
        using var output = new MemoryStream();
        using (var input = new ZipArchive(new MemoryStream(model), ZipArchiveMode.Read))
        using (var rewritten = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (ZipArchiveEntry entry in input.Entries)
            {
                using var content = new MemoryStream();
                using (Stream s = entry.Open())
                {
                    s.CopyTo(content);
                }
                byte[]? mapped = map(entry.FullName, content.ToArray());
                if (mapped is null)
                {
                    continue;
                }
                using Stream target = rewritten.CreateEntry(entry.FullName).Open();
                target.Write(mapped);
            }
        }
        return output.ToArray();
    }

    public static string WriteTemp(byte[] content, string extension)
    {
        string path = Path.Combine(Path.GetTempPath(), "claimml-test-" + Guid.NewGuid().ToString("N") + extension);
        File.WriteAllBytes(path, content);
        return path;
    }
}
