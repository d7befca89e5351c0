using ClaimMl.DataFormats;

namespace ClaimMl.Tests.Performance;

/// <summary>
/// The checking hot path's reuse of buffers changes no answer: per-thread claim analyses, cached
/// evidence sentences, one claim's sources shared out between cores, and a check that allocates no
/// more than the result it returns. Functional checks only; nothing here is timed.
/// </summary>
[TestFixture]
public class HotPathTests
{
    private static readonly string[] Claims =
    [
        "A freight train derailed near Lindqvist Ford on Thursday evening.",
        "Fourteen wagons left the tracks in the Lindqvist Ford derailment.",
        "The town's drinking water was contaminated by the spill.",
        "Selmouth Harriers won the county cup on penalties.",
    ];

    private static List<Source> BenchmarkSources() =>
        SourceFolder.Read(Path.Combine(RepoPaths.Root, "data", "benchmark", "sources"));

    private static void AssertSame(ClaimResult actual, ClaimResult expected, string because)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(actual.Claim, Is.EqualTo(expected.Claim), because);
            Assert.That(actual.Verdict, Is.EqualTo(expected.Verdict), because);
            Assert.That(actual.Confidence, Is.EqualTo(expected.Confidence), because);
            Assert.That(actual.Sources, Has.Count.EqualTo(expected.Sources.Count), because);
            for (int i = 0; i < expected.Sources.Count; i++)
            {
                Assert.That(actual.Sources[i].Source, Is.EqualTo(expected.Sources[i].Source), because);
                Assert.That(actual.Sources[i].Stance, Is.EqualTo(expected.Sources[i].Stance), because);
                Assert.That(actual.Sources[i].Probabilities, Is.EqualTo(expected.Sources[i].Probabilities), because);
                Assert.That(actual.Sources[i].Evidence, Is.EqualTo(expected.Sources[i].Evidence), because);
            }
        }
    }

    [Test]
    public void ChecksInAnyOrderAndOnAnyThreadGiveTheSameResults()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly);
        SourceSet sources = checker.Index(BenchmarkSources());
        // each claim on a fresh checker's first use, as the reference
        var reference = Claims.Select(c => ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).Check(c, checker.Index(BenchmarkSources()))).ToArray();

        // the same checker, claims in turn (each re-uses the previous claim's buffers), then reversed
        for (int i = 0; i < Claims.Length; i++)
        {
            AssertSame(checker.Check(Claims[i], sources), reference[i], $"in order, claim {i}");
        }
        for (int i = Claims.Length - 1; i >= 0; i--)
        {
            AssertSame(checker.Check(Claims[i], sources), reference[i], $"reversed, claim {i}");
        }

        // many threads at once, each interleaving all claims
        var results = new ClaimResult[8 * Claims.Length];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k => results[k] = checker.Check(Claims[k % Claims.Length], sources));
        for (int k = 0; k < results.Length; k++)
        {
            AssertSame(results[k], reference[k % Claims.Length], $"parallel, item {k}");
        }
    }

    [Test]
    public void OneClaimAgainstManySourcesIsSharedOutAndGivesCheckResult()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly);
        // 40 sources (each article four times, under different names): more than one work item per core
        var many = Enumerable.Range(0, 4).SelectMany(k => BenchmarkSources().Select(s => new Source($"{k}-{s.Name}", s.Text))).ToList();
        SourceSet sources = checker.Index(many);
        foreach (string claim in Claims)
        {
            IReadOnlyList<ClaimResult> all = checker.CheckAll([claim], sources);
            Assert.That(all, Has.Count.EqualTo(1));
            AssertSame(all[0], checker.Check(claim, sources), claim);
        }
        IReadOnlyList<ClaimResult> two = checker.CheckAll(Claims[..2], sources);
        AssertSame(two[0], checker.Check(Claims[0], sources), "first of two");
        AssertSame(two[1], checker.Check(Claims[1], sources), "second of two");
    }

    [Test]
    public void CheckAllRejectsANullClaimBeforeCheckingAny()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly);
        SourceSet sources = checker.Index(BenchmarkSources());
        Assert.That(() => checker.CheckAll([Claims[0], null!, Claims[1]], sources),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("Claim 1"));
    }

    [Test]
    public void AHugeSourceBetweenTwoSmallOnesChangesNothing()
    {
        // More than 64K tokens: the indexing scratch grows past what a thread keeps, and is let go.
        ClaimChecker checker = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly);
        List<Source> articles = BenchmarkSources();
        ClaimResult before = checker.Check(Claims[1], checker.Index(articles));
        string huge = string.Join("\n\n", Enumerable.Repeat(string.Join("\n\n", articles.Select(a => a.Text)), 14));
        SourceSet hugeSet = checker.Index([new Source("huge.txt", huge)]);
        ClaimResult hugeResult = checker.Check(Claims[1], hugeSet);
        Assert.That(hugeResult.Sources[0].Evidence, Is.Not.Null);
        ClaimResult after = checker.Check(Claims[1], checker.Index(articles));
        AssertSame(after, before, "small sources indexed after a huge one");
    }

    [Test]
    public void EvidenceSentencesAreCutOnceAndShared()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly);
        SourceSet sources = checker.Index(BenchmarkSources());
        ClaimResult first = checker.Check(Claims[0], sources);
        ClaimResult second = checker.Check(Claims[0], sources);
        for (int i = 0; i < first.Sources.Count; i++)
        {
            if (first.Sources[i].Evidence is not null)
            {
                Assert.That(second.Sources[i].Evidence, Is.SameAs(first.Sources[i].Evidence), first.Sources[i].Source);
            }
        }
    }

    [Test]
    public void ASteadyStateCheckAllocatesNoMoreThanItsResult()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly);
        SourceSet sources = checker.Index(BenchmarkSources());
        foreach (string claim in Claims)
        {
            checker.Check(claim, sources); // warm up: this thread's buffers grow, evidence sentences are cut
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        const int Rounds = 20;
        for (int r = 0; r < Rounds; r++)
        {
            foreach (string claim in Claims)
            {
                checker.Check(claim, sources);
            }
        }
        double perCheck = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)(Rounds * Claims.Length);

        // The result: a ClaimResult, its array of assessments and one SourceAssessment per source
        // (object headers and fields on 64-bit: 40 + 24 + 8 per source + 64 per source: header 16, name 8, stance 4,
        // four probabilities 16, evidence 8, passages 8 (the shared empty list in the lexical-only mode)), with room to spare.
        int n = sources.Count;
        int result = 40 + 24 + 8 * n + 64 * n;
        Assert.That(perCheck, Is.LessThanOrEqualTo(result + 64), $"{perCheck:0} bytes per check of {n} sources; the result is about {result}");
    }
}
