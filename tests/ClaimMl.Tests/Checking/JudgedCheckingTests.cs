using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ClaimMl.Entailment;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClaimMl.Tests.Checking;

/// <summary>
/// The judged mode (the default): which sources the judge reads, long inputs cut and recorded, the lexical-only
/// path still there, judge models chosen by options and refused when unusable, and one checker shared by threads.
/// These use the judge shipped in models/judge.zip.
/// </summary>
[TestFixture]
public sealed class JudgedCheckingTests
{
    private static readonly Source[] Sources =
    [
        new("mill.txt", "The old mill on Fen Road burned down on Friday night. Nobody was hurt, the fire service said. The mill was built in 1820 and had been empty for years."),
        new("council.txt", "The council will decide next month whether the mill site on Fen Road becomes housing. Residents asked for a park instead."),
        new("chess.txt", "A twelve-year-old won the regional chess championship in three rounds."),
    ];

    [Test]
    public void TheDefaultCheckerIsJudgedAndReadsOnlyRelatedSources()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault();
        Assert.That(checker.Mode, Is.EqualTo(ClaimCheckingMode.Judged));
        Assert.That(checker.JudgeDescription, Is.EqualTo(JudgeModelFile.EmbeddedDescription));
        ClaimResult result = checker.Check("The mill on Fen Road burned down on Friday.", checker.Index(Sources));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Sources[0].Passages, Has.Count.InRange(1, PassageSelector.MaxPassages));
            Assert.That(result.Sources[2].Passages, Is.Empty, "the chess report shares no content word with the claim");
            Assert.That(result.Sources[2].Stance, Is.EqualTo(Stance.Unrelated));
            foreach (SourceAssessment s in result.Sources)
            {
                StanceProbabilities p = s.Probabilities;
                Assert.That(p.Supports + p.Refutes + p.Discusses + p.Unrelated, Is.EqualTo(1f).Within(1e-4f), s.Source);
            }
            Assert.That(result.Confidence, Is.InRange(0f, 1f));
        }
    }

    /// <summary>A claim that aligns to several sentences of the mill report.</summary>
    private const string MillClaim = "The old mill on Fen Road was built in 1820 and burned down on Friday, and nobody was hurt.";

    /// <summary>A lexical checker with the tiny test judge, reading <paramref name="passages"/> sentences per source and, with <paramref name="window"/>, the window.</summary>
    private static ClaimChecker WithTestJudge(int passages, bool window = false)
    {
        var builder = new Judge.JudgeZipBuilder();
        builder.Manifest["verdict"]!["passages"] = passages;
        if (window)
        {
            builder.Manifest["verdict"]!["window"] = true;
        }
        return ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).WithJudge(new MemoryStream(builder.ToBytes()));
    }

    [Test]
    public void TheJudgeReadsAsManyPassagesPerSourceAsItsSettingsSay()
    {
        using ClaimChecker one = WithTestJudge(passages: 1);
        using ClaimChecker three = WithTestJudge(passages: 3);
        ClaimResult a = one.Check(MillClaim, one.Index(Sources));
        ClaimResult b = three.Check(MillClaim, three.Index(Sources));
        Assert.That(b.Sources[0].Passages, Has.Count.EqualTo(3), "the mill report aligns to three sentences");
        Assert.That(a.Sources[0].Passages, Has.Count.EqualTo(1));
        Assert.That(a.Sources[0].Passages[0].Text, Is.EqualTo(b.Sources[0].Passages[0].Text), "the best-aligned one");
    }

    [Test]
    public void UpToFivePassagesAreReadWhenTheSettingsSaySoAndTheWindowAfterThem()
    {
        Source[] sixSentences =
        [
            new("mill.txt", "The old mill on Fen Road burned down on Friday night. Nobody was hurt at the mill, the fire service said. " +
                "The mill was built in 1820. The mill had been empty on Fen Road for years. Fen Road was closed on Friday. A mill owner was named."),
        ];
        using ClaimChecker five = WithTestJudge(passages: 5, window: true);
        using ClaimChecker three = WithTestJudge(passages: 3, window: true);
        ClaimResult a = five.Check(MillClaim, five.Index(sixSentences));
        ClaimResult b = three.Check(MillClaim, three.Index(sixSentences));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(a.Sources[0].Passages, Has.Count.EqualTo(6), "five sentences and the window");
            Assert.That(b.Sources[0].Passages, Has.Count.EqualTo(4), "three sentences and the window");
            Assert.That(a.Sources[0].Passages.Take(3).Select(p => p.Text), Is.EqualTo(b.Sources[0].Passages.Take(3).Select(p => p.Text)), "the first three are the same, best-aligned first");
            Assert.That(a.Sources[0].Passages[^1].Text, Is.EqualTo(b.Sources[0].Passages[^1].Text), "the same window, last");
            Assert.That(a.Sources[0].Passages.Take(5).Select(p => p.Text), Is.Unique);
        }
    }

    [Test]
    public void WithTheWindowSettingTheJudgeAlsoReadsTheTwoBestAlignedSentencesJoined()
    {
        using ClaimChecker plain = WithTestJudge(passages: 1);
        using ClaimChecker windowed = WithTestJudge(passages: 1, window: true);
        const string claim = "The old mill on Fen Road burned down on Friday night.";
        SourceAssessment a = plain.Check(claim, plain.Index(Sources)).Sources[0];
        SourceAssessment b = windowed.Check(claim, windowed.Index(Sources)).Sources[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(a.Passages, Has.Count.EqualTo(1));
            Assert.That(b.Passages, Has.Count.EqualTo(2), "the best-aligned sentence, then the window");
            Assert.That(b.Passages[0].Text, Is.EqualTo("The old mill on Fen Road burned down on Friday night."));
            Assert.That(b.Passages[1].Text, Is.EqualTo("The old mill on Fen Road burned down on Friday night. … The mill was built in 1820 and had been empty for years."),
                "the first sentence is best aligned, the third second-best: the window joins them in source order, skipping the one between (shown with an ellipsis)");
            Assert.That(windowed.JudgeSettings.Window, Is.True);
            Assert.That(plain.JudgeSettings.Window, Is.False);
            Assert.That(b.Passages.Select(p => p.IsWindow), Is.EqualTo(new[] { false, true }), "the reading says which passage is the window");
        }
    }

    [Test]
    public void AWindowReadForEntailmentOnlyIsReadButItsContradictionDoesNotRefute()
    {
        // The tiny judge with its entails and contradicts logits swapped (as below) reads more contradiction into the
        // window than into the sentence; a threshold between the two makes the window alone able to refute.
        var tiny = new Judge.TinyJudge();
        for (int row = 0; row < Judge.TinyJudge.Hidden; row++)
        {
            (tiny.W2[(row * 3) + 0], tiny.W2[(row * 3) + 1]) = (tiny.W2[(row * 3) + 1], tiny.W2[(row * 3) + 0]);
        }
        (tiny.Bias[0], tiny.Bias[1]) = (tiny.Bias[1], tiny.Bias[0]);
        var builder = new Judge.JudgeZipBuilder(tiny);
        builder.Manifest["verdict"]!["passages"] = 1;
        builder.Manifest["verdict"]!["window"] = true;
        builder.Manifest["verdict"]!["entails"] = 0.99;
        const string claim = "The old mill on Fen Road burned down on Friday night.";
        IReadOnlyList<PassageReading> read;
        using (ClaimChecker probe = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).WithJudge(new MemoryStream(builder.ToBytes())))
        {
            read = probe.Check(claim, probe.Index(Sources)).Sources[0].Passages;
        }
        Assert.That(read.Select(p => p.IsWindow), Is.EqualTo(new[] { false, true }));
        float sentence = read[0].Probabilities.Contradicts, window = read[1].Probabilities.Contradicts;
        Assume.That(window, Is.GreaterThan(sentence), "this seed's tiny judge reads more contradiction into the window");
        Assume.That(window, Is.GreaterThan(read[1].Probabilities.Entails));
        builder.Manifest["verdict"]!["contradicts"] = (sentence + window) / 2;
        using ClaimChecker whole = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).WithJudge(new MemoryStream(builder.ToBytes()));
        builder.Manifest["verdict"]!["windowEntailsOnly"] = true;
        using ClaimChecker entailmentOnly = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).WithJudge(new MemoryStream(builder.ToBytes()));
        SourceAssessment a = whole.Check(claim, whole.Index(Sources)).Sources[0];
        SourceAssessment b = entailmentOnly.Check(claim, entailmentOnly.Index(Sources)).Sources[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(entailmentOnly.JudgeSettings.WindowReading, Is.EqualTo(WindowReading.EntailmentOnly));
            Assert.That(a.Stance, Is.EqualTo(Stance.Refutes), "read whole, the window refutes");
            Assert.That(whole.Explain(claim, whole.Index(Sources))[0].Decision, Does.Contain("passage 2 of 2 as contradicting"));
            Assert.That(b.Passages.Select(p => p.Probabilities), Is.EqualTo(a.Passages.Select(p => p.Probabilities)), "the window is still read");
            Assert.That(b.Stance, Is.Not.EqualTo(Stance.Refutes), "read for entailment only, it does not");
            Assert.That(b.Probabilities.Refutes, Is.LessThan(0.5f));
            Assert.That(entailmentOnly.Explain(claim, entailmentOnly.Index(Sources))[0].Decision, Does.Not.Contain("as contradicting"));
        }
    }

    [Test]
    public void WithARefuteMarginASourceRefutesOnlyWhenItsContradictionLeadsItsBestEntailmentByTheMarginAndSaysSo()
    {
        // Thresholds every reading of the (random) tiny judge passes, so that the margin alone decides between refutes
        // and supports; the stance and the explanation are checked against the passages' own probabilities. The tiny
        // judge reads its entails logit as contradicts and the other way round (this seed reads little contradiction),
        // so that both ways occur.
        var tiny = new Judge.TinyJudge();
        for (int row = 0; row < Judge.TinyJudge.Hidden; row++)
        {
            (tiny.W2[(row * 3) + 0], tiny.W2[(row * 3) + 1]) = (tiny.W2[(row * 3) + 1], tiny.W2[(row * 3) + 0]);
        }
        (tiny.Bias[0], tiny.Bias[1]) = (tiny.Bias[1], tiny.Bias[0]);
        var builder = new Judge.JudgeZipBuilder(tiny);
        string[] claims =
        [
            "The old mill on Fen Road was built in 1820 and burned down on Friday, and nobody was hurt.",
            "The council will decide next month whether the mill site becomes housing.",
            "Residents asked for a park on the mill site instead of housing.",
            "The fire service said nobody was hurt when the empty mill burned.",
            "A twelve-year-old won the chess championship.",
        ];
        int refuting = 0, kept = 0;
        foreach (string claim in claims)
        foreach (double margin in new[] { 0.0, 0.02, 1.0 })
        {
            builder.Manifest["verdict"] = new JsonObject { ["entails"] = 0.000001, ["contradicts"] = 0.000001, ["relatedGate"] = 1.0, ["refuteMargin"] = margin };
            using ClaimChecker checker = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).WithJudge(new MemoryStream(builder.ToBytes()));
            Assert.That(checker.JudgeSettings.RefuteMargin, Is.EqualTo((float)margin));
            SourceSet sources = checker.Index(Sources);
            ClaimResult result = checker.Check(claim, sources);
            IReadOnlyList<SourceExplanation> explained = checker.Explain(claim, sources);
            using (Assert.EnterMultipleScope())
            {
                for (int i = 0; i < result.Sources.Count; i++)
                {
                    IReadOnlyList<PassageReading> read = result.Sources[i].Passages;
                    if (read.Count == 0)
                    {
                        continue;
                    }
                    float contradicts = read.Max(p => p.Probabilities.Contradicts), entails = read.Max(p => p.Probabilities.Entails);
                    bool refutes = contradicts - entails >= (float)margin;
                    Assert.That(result.Sources[i].Stance, Is.EqualTo(refutes ? Stance.Refutes : Stance.Supports), $"{result.Sources[i].Source} at margin {margin}");
                    Assert.That(explained[i].Decision, Does.Contain(refutes ? "or more above the highest entailment" : "so the source does not refute"));
                    (refutes ? ref refuting : ref kept) += 1;
                }
            }
        }
        Assert.That(kept, Is.GreaterThan(0), "a margin of 1 keeps every source from refuting");
        Assert.That(refuting, Is.GreaterThan(0), "a margin of 0 lets some source refute");
    }

    [Test]
    public void EachVerdictReportsTheConfidenceOfItsOwnCalibration()
    {
        static JsonObject Flat(double p) => new() { ["a"] = 0, ["b"] = Math.Log(p / (1 - p)) };
        var builder = new Judge.JudgeZipBuilder();
        // Thresholds that decide whatever the (random) tiny judge reads: any passage read supports, none refutes; a claim
        // with no content word in any source has no passage read.
        builder.Manifest["verdict"] = new JsonObject
        {
            ["entails"] = 0.01, ["contradicts"] = 1.0, ["relatedGate"] = 1.0,
            ["calibration"] = Flat(0.4),
            ["calibrationByVerdict"] = new JsonObject { ["confirmed"] = Flat(0.9), ["unverified"] = Flat(0.2) },
        };
        using ClaimChecker byVerdict = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).WithJudge(new MemoryStream(builder.ToBytes()));
        SourceSet sources = byVerdict.Index(Sources);
        ClaimResult confirmed = byVerdict.Check("The old mill on Fen Road burned down on Friday night.", sources);
        ClaimResult unverified = byVerdict.Check("A new bakery opened on the high street last week.", sources);
        Assert.That(confirmed.Verdict, Is.EqualTo(Verdict.Confirmed), "the fixture's premise");
        Assert.That(unverified.Verdict, Is.EqualTo(Verdict.Unverified), "the fixture's premise");
        Assert.That(confirmed.Confidence, Is.EqualTo(0.9f).Within(1e-4f));
        Assert.That(unverified.Confidence, Is.EqualTo(0.2f).Within(1e-4f));

        builder.Manifest["verdict"]!.AsObject().Remove("calibrationByVerdict");
        using ClaimChecker overall = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).WithJudge(new MemoryStream(builder.ToBytes()));
        Assert.That(overall.Check("The old mill on Fen Road burned down on Friday night.", overall.Index(Sources)).Confidence, Is.EqualTo(0.4f).Within(1e-4f),
            "without its own calibration a verdict uses the one over all claims");
    }

    [Test]
    public void TheLexicalOnlyPathIsTheModelWithoutTheJudge()
    {
        ClaimChecker lexical = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly);
        ClaimChecker without = ClaimChecker.CreateDefault().WithoutJudge();
        Assert.That(lexical.Mode, Is.EqualTo(ClaimCheckingMode.LexicalOnly));
        Assert.That(without.Mode, Is.EqualTo(ClaimCheckingMode.LexicalOnly));
        Assert.That(lexical.JudgeDescription, Is.Null);
        const string claim = "The mill on Fen Road burned down on Friday.";
        ClaimResult a = lexical.Check(claim, lexical.Index(Sources));
        ClaimResult b = without.Check(claim, without.Index(Sources));
        Assert.That(b.Sources.Select(s => s.Probabilities), Is.EqualTo(a.Sources.Select(s => s.Probabilities)));
        Assert.That(a.Sources.All(s => s.Passages.Count == 0), Is.True, "no passage is read without the judge");
    }

    [Test]
    public void AClaimAndPassagesLongerThanTheWindowAreCutAndTheCutRecorded()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault();
        string longSentence = string.Join(" ", Enumerable.Repeat("the mill on Fen Road burned down on Friday night while the town slept and", 30)) + " nobody was hurt.";
        SourceSet sources = checker.Index([new Source("long.txt", longSentence)]);
        string longClaim = string.Join(" ", Enumerable.Repeat("the mill on Fen Road burned down", 20)) + ".";
        ClaimResult result = checker.Check(longClaim, sources);
        PassageReading read = result.Sources[0].Passages.Single();
        Assert.That(read.ClaimCut, Is.True);
        Assert.That(read.PassageCut, Is.True);
        ClaimResult shortClaim = checker.Check("The mill burned down.", sources);
        Assert.That(shortClaim.Sources[0].Passages.Single().ClaimCut, Is.False);
        Assert.That(shortClaim.Sources[0].Passages.Single().PassageCut, Is.True);
    }

    [Test]
    public void OneJudgedCheckerGivesEveryThreadTheSameResults()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault();
        SourceSet sources = checker.Index(Sources.Concat(TestFiles.SampleSources()));
        string[] claims = [.. TestFiles.SampleClaims(), "The mill on Fen Road burned down on Friday.", "The council approved housing on the mill site."];
        ClaimResult[] expected = claims.Select(c => checker.Check(c, sources)).ToArray();
        var differences = new ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            for (int round = 0; round < 3; round++)
            {
                int i = (t + round) % claims.Length;
                ClaimResult r = checker.Check(claims[i], sources);
                for (int s = 0; s < r.Sources.Count; s++)
                {
                    if (r.Sources[s].Probabilities != expected[i].Sources[s].Probabilities || r.Sources[s].Evidence != expected[i].Sources[s].Evidence)
                    {
                        differences.Add($"claim {i}, source {s}");
                    }
                }
                if (r.Verdict != expected[i].Verdict || r.Confidence != expected[i].Confidence)
                {
                    differences.Add($"claim {i} verdict");
                }
            }
        });
        Assert.That(differences, Is.Empty);
    }

    [Test]
    public void AJudgeFileThatIsMissingOrNotAJudgeIsRefusedClearly()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly);
        var missing = Assert.Throws<ClaimMlModelException>(() => checker.WithJudge(Path.Combine(Path.GetTempPath(), "no-such-judge-" + Guid.NewGuid().ToString("N") + ".zip")));
        Assert.That(missing!.Message, Does.Contain("no-such-judge"));
        using var temp = new TempDirectory();
        string stance = temp.WriteBytes("stance.zip", File.ReadAllBytes(RepoPaths.ShippedModel));
        var wrong = Assert.Throws<ClaimMlModelException>(() => checker.WithJudge(stance));
        Assert.That(wrong!.Message, Does.Contain("judge.json"), "a stance model is not a judge model");
        byte[] judge = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "models", "judge.zip"));
        string truncated = temp.WriteBytes("truncated.zip", judge[..(judge.Length / 2)]);
        Assert.Throws<ClaimMlModelException>(() => checker.WithJudge(truncated));
    }

    [Test]
    public void OptionsChooseTheModeAndTheJudgeAndRefuseContradictions()
    {
        string judgePath = Path.Combine(RepoPaths.Root, "models", "judge.zip");
        using (ServiceProvider lexical = new ServiceCollection().AddClaimChecking(o => o.Mode = ClaimCheckingMode.LexicalOnly).BuildServiceProvider())
        {
            Assert.That(lexical.GetRequiredService<ClaimChecker>().Mode, Is.EqualTo(ClaimCheckingMode.LexicalOnly));
        }
        using (ServiceProvider fromFile = new ServiceCollection().AddClaimChecking(o => o.JudgePath = judgePath).BuildServiceProvider())
        {
            ClaimChecker checker = fromFile.GetRequiredService<ClaimChecker>();
            Assert.That(checker.Mode, Is.EqualTo(ClaimCheckingMode.Judged));
            Assert.That(checker.JudgeDescription, Is.EqualTo(judgePath));
            ClaimChecker embedded = ClaimChecker.CreateDefault();
            const string claim = "The mill on Fen Road burned down on Friday.";
            Assert.That(checker.Check(claim, checker.Index(Sources)).Sources.Select(s => s.Probabilities),
                Is.EqualTo(embedded.Check(claim, embedded.Index(Sources)).Sources.Select(s => s.Probabilities)), "the same judge from a file as from the package");
        }
        using (ServiceProvider fromStream = new ServiceCollection().AddClaimChecking(o => o.JudgeStreamFactory = () => File.OpenRead(judgePath)).BuildServiceProvider())
        {
            Assert.That(fromStream.GetRequiredService<ClaimChecker>().JudgeDescription, Is.EqualTo("stream"));
        }
        using ServiceProvider both = new ServiceCollection().AddClaimChecking(o => { o.Mode = ClaimCheckingMode.LexicalOnly; o.JudgePath = judgePath; }).BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => both.GetRequiredService<ClaimChecker>());
    }
}
