using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClaimMl.DataFormats;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimMl.Tests;

/// <summary>
/// Under load, outside the default run (about a minute on two cores):
/// <c>dotnet test -c Release --filter TestCategory=Soak</c>. One million claim–source pairs through the DI singleton on
/// all cores give exactly the single-threaded results, with steady memory and no exception; and a 50 MB source is
/// indexed and checked once its limit is raised.
/// </summary>
[TestFixture]
[Category("Soak")]
[Explicit("Soak test: dotnet test -c Release --filter TestCategory=Soak")]
[NonParallelizable]
public sealed class SoakTests
{
    private const int TargetPairs = 1_000_000;

    private static void Report(string line) => TestContext.Progress.WriteLine("[soak] " + line);

    private static (long WorkingSetMb, long HeapMb) Memory(bool collect)
    {
        if (collect)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        using Process self = Process.GetCurrentProcess();
        return (self.WorkingSet64 >> 20, GC.GetTotalMemory(false) >> 20);
    }

    /// <summary>Sources of every kind: the sample, the benchmark articles, and texts in other scripts and with emoji.</summary>
    private static List<Source> Sources()
    {
        var sources = SourceFolder.Read(RepoPaths.SampleSources);
        sources.AddRange(SourceFolder.Read(Path.Combine(RepoPaths.Root, "data", "benchmark", "sources")));
        foreach (string file in new[] { "cyrillic.txt", "korean.txt", "emoji.txt", "no-sentence-punctuation.txt" })
        {
            string path = Path.Combine(RepoPaths.Root, "tests", "ClaimMl.Tests", "BadInput", "sources", file);
            sources.Add(new Source(file, File.ReadAllText(path)));
        }
        return sources;
    }

    /// <summary>Claims of every kind: the sample's, every sentence of the sources as stated, negated and with other figures, and generated strings.</summary>
    private static List<string> Claims(IEnumerable<Source> sources)
    {
        var claims = new List<string>(TestFiles.ManyClaims());
        foreach (Source source in sources)
        {
            foreach (string sentence in ClaimChecker.SplitSentences(source.Text))
            {
                claims.Add(sentence);
                claims.Add("It is not true that " + sentence);
                claims.Add(new string(sentence.Select(c => char.IsDigit(c) ? (char)('0' + (c - '0' + 3) % 10) : c).ToArray()));
            }
        }
        claims.AddRange(Enumerable.Range(0, 300).Select(i => PropertyTests.Generate(7_000 + i)).Where(c => c.Length <= ClaimCheckerLimits.DefaultMaxClaimLength));
        return claims.Distinct(StringComparer.Ordinal).ToList();
    }

    [Test]
    [Order(1)] // first, so that the 50 MB test's memory does not show in its figures
    public void AMillionPairsOnAllCoresThroughTheSingletonGiveTheSingleThreadedResults()
    {
        using ServiceProvider provider = new ServiceCollection().AddClaimChecking().BuildServiceProvider();
        ClaimChecker singleton = provider.GetRequiredService<ClaimChecker>();
        List<Source> sourceList = Sources();
        SourceSet sources = singleton.Index(sourceList);
        List<string> claims = Claims(sourceList);
        int checks = (TargetPairs + sources.Count - 1) / sources.Count;
        long pairs = (long)checks * sources.Count;

        // The same order of claims for both runs: a seeded shuffle of the claims, repeated.
        var random = new Random(11);
        int[] order = new int[checks];
        for (int i = 0; i < checks; i++)
        {
            order[i] = random.Next(claims.Count);
        }

        // Reference: each distinct claim once, on this thread.
        string[] expected = claims.Select(c => DependencyInjectionTests.Describe(singleton.Check(c, sources))).ToArray();
        var start = Memory(collect: true);
        Report($"{claims.Count:N0} distinct claims × {sources.Count} sources; {checks:N0} checks = {pairs:N0} pairs per run; {Environment.ProcessorCount} cores; load average {LoadAverage()}");
        Report($"memory at start: working set {start.WorkingSetMb} MB, managed heap {start.HeapMb} MB");

        // Run 1: single-threaded.
        TimeSpan cpu = CpuTime();
        var watch = Stopwatch.StartNew();
        int singleMismatches = 0;
        for (int i = 0; i < checks; i++)
        {
            if (DependencyInjectionTests.Describe(singleton.Check(claims[order[i]], sources)) != expected[order[i]])
            {
                singleMismatches++;
            }
        }
        double singleSeconds = watch.Elapsed.TotalSeconds;
        var middle = Memory(collect: true);
        double singleCpu = (CpuTime() - cpu).TotalSeconds;
        Report(string.Create(CultureInfo.InvariantCulture, $"single-threaded: {pairs:N0} pairs in {singleSeconds:0.0} s ({pairs / singleSeconds:N0} pairs/s, {singleCpu / singleSeconds:0.00} cores busy on average); memory: working set {middle.WorkingSetMb} MB, heap {middle.HeapMb} MB"));

        // Run 2: all cores, the checker resolved from the container for every block (as a request would), one block in
        // four through CheckAll (itself parallel), the others through Check.
        const int Block = 64;
        int blocks = (checks + Block - 1) / Block;
        string?[] mismatch = new string?[checks];
        long peakWorkingSet = 0, peakHeap = 0;
        using var sampling = new Timer(_ =>
        {
            using Process self = Process.GetCurrentProcess();
            InterlockedMax(ref peakWorkingSet, self.WorkingSet64 >> 20);
            InterlockedMax(ref peakHeap, GC.GetTotalMemory(false) >> 20);
        }, null, 0, 250);
        cpu = CpuTime();
        watch.Restart();
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, b =>
        {
            ClaimChecker checker = provider.GetRequiredService<ClaimChecker>();
            int from = b * Block, to = Math.Min(checks, from + Block);
            if (b % 4 == 0)
            {
                IReadOnlyList<ClaimResult> results = checker.CheckAll(order[from..to].Select(i => claims[i]).ToList(), sources);
                for (int i = from; i < to; i++)
                {
                    Compare(i, results[i - from]);
                }
            }
            else
            {
                for (int i = from; i < to; i++)
                {
                    Compare(i, checker.Check(claims[order[i]], sources));
                }
            }
        });
        double parallelSeconds = watch.Elapsed.TotalSeconds;
        double parallelCpu = (CpuTime() - cpu).TotalSeconds;
        sampling.Change(Timeout.Infinite, Timeout.Infinite);
        var end = Memory(collect: true);
        Report(string.Create(CultureInfo.InvariantCulture, $"all cores: {pairs:N0} pairs in {parallelSeconds:0.0} s ({pairs / parallelSeconds:N0} pairs/s, {singleSeconds / parallelSeconds:0.00}× the single thread, {parallelCpu / parallelSeconds:0.00} cores busy on average; load average {LoadAverage()}); peak during the run: working set {peakWorkingSet} MB, heap {peakHeap} MB"));
        Report($"memory at end: working set {end.WorkingSetMb} MB, managed heap {end.HeapMb} MB (start {start.WorkingSetMb} MB / {start.HeapMb} MB)");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(singleMismatches, Is.Zero, "the single-threaded run repeats the reference");
            Assert.That(mismatch.Where(m => m is not null).Take(5), Is.Empty, "every result of the parallel run equals the single-threaded one");
            Assert.That(end.HeapMb, Is.LessThan(start.HeapMb + 64), "steady managed memory: nothing accumulates across a million pairs");
            Assert.That(end.WorkingSetMb, Is.LessThan(start.WorkingSetMb + 512), "steady working set");
        }

        void Compare(int i, ClaimResult result)
        {
            string actual = DependencyInjectionTests.Describe(result);
            if (actual != expected[order[i]])
            {
                mismatch[i] = $"check {i} (claim {order[i]}):\n  expected {expected[order[i]]}\n  actual   {actual}";
            }
        }
    }

    [Test]
    [Order(2)]
    public void AFiftyMegabyteSourceIsCheckedOnceItsLimitIsRaised()
    {
        using var temp = new TempDirectory();
        string folder = Directory.CreateDirectory(temp.File("sources")).FullName;
        string path = Path.Combine(folder, "big.txt");
        string article = File.ReadAllText(Path.Combine(RepoPaths.SampleSources, "coastal-wire.txt"));
        byte[] chunk = Encoding.UTF8.GetBytes(article + "\n");
        using (FileStream file = File.Create(path))
        {
            while (file.Length < 50L * 1024 * 1024)
            {
                file.Write(chunk);
            }
        }
        long bytes = new FileInfo(path).Length;

        var limits = new ClaimCheckerLimits { MaxSourceLength = 60_000_000 };
        var before = Memory(collect: true);
        var watch = Stopwatch.StartNew();
        List<Source> sources = SourceFolder.Read(folder, limits);
        ClaimChecker checker = ClaimChecker.CreateDefault().WithLimits(limits);
        SourceSet indexed = checker.Index(sources);
        double indexSeconds = watch.Elapsed.TotalSeconds;
        var loaded = Memory(collect: false);
        watch.Restart();
        IReadOnlyList<ClaimResult> results = checker.CheckAll(TestFiles.SampleClaims(), indexed);
        double checkSeconds = watch.Elapsed.TotalSeconds;
        Report(string.Create(CultureInfo.InvariantCulture,
            $"50 MB source ({bytes:N0} bytes, {sources[0].Text.Length:N0} chars): read and indexed in {indexSeconds:0.0} s, {results.Count} claims checked in {checkSeconds:0.00} s; working set {before.WorkingSetMb} → {loaded.WorkingSetMb} MB"));
        BadInputTests.AssertWellFormed(results, [sources[0].Text]);
        GC.KeepAlive(indexed);

        watch.Restart();
        CliRun run = Cli.Run(TimeSpan.FromMinutes(5), "check", "--sources", folder, "--claims", RepoPaths.SampleClaims, "--format", "json", "--max-source-length", "60000000");
        Report(string.Create(CultureInfo.InvariantCulture, $"claimml check on it: exit {run.ExitCode} in {watch.Elapsed.TotalSeconds:0.0} s; {run.StdErr.Trim()}"));
        Assert.That(run.ExitCode, Is.Zero, run.StdErr);
    }

    private static TimeSpan CpuTime()
    {
        using Process self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>The machine's load (other work shares its cores), from /proc/loadavg where there is one.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while ((current = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
