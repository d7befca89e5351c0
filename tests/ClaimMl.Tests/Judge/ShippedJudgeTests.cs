using ClaimMl.Entailment;

namespace ClaimMl.Tests.Judge;

/// <summary>
/// The shipped judge model (<c>models/judge.zip</c>, a MiniLM-L6 cross-encoder) through the same code as the
/// tiny graph: it loads and passes the checks, its probabilities do not depend on the batch, many threads get
/// bit-identical results, and long inputs are reported cut. Ignored, saying so, while the file is absent.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ShippedJudgeTests
{
    private EntailmentJudge? _judge;

    private EntailmentJudge Shipped => _judge ?? throw new InvalidOperationException("not loaded");

    [OneTimeSetUp]
    public void LoadShippedJudge()
    {
        string path = Path.Combine(RepoPaths.Root, "models", "judge.zip");
        if (!File.Exists(path))
        {
            Assert.Ignore($"The shipped judge model '{path}' is not there yet; these tests run once it is committed (or copied there for a local run).");
        }
        _judge = JudgeModelFile.Load(path);
    }

    [OneTimeTearDown]
    public void DisposeJudge() => _judge?.Dispose();

    private static readonly (string Claim, string Passage)[] Pairs =
    [
        ("The Merrow Bridge was closed on Monday after inspectors found cracks in its steel beams.",
         "City officials closed the Merrow Bridge on Monday morning, saying an inspection had revealed cracking in two of its main steel girders."),
        ("The Merrow Bridge was closed on Monday after inspectors found cracks in its steel beams.",
         "The bridge remains open to traffic, a spokesman for the highways department said, adding that no structural faults had been found."),
        ("The Merrow Bridge carries 12,000 vehicles a day.",
         "The department puts daily traffic on the bridge at about 3,000 vehicles, far lower than figures quoted by the city."),
        ("Repairs to the bridge will take at least three months.",
         "Shops along the harbour reported a quiet weekend as rain kept visitors away from the seafront."),
        ("The mayor said the ferry service would run extra crossings during the closure.",
         "Extra ferry crossings will run every half hour while the bridge is shut, the mayor told reporters."),
        ("Engineers warned of the cracks two years ago.",
         "A 2022 engineering report, seen by the Gazette, flagged corrosion and hairline cracks in the bridge's deck supports and recommended urgent repairs."),
        ("Residents were not told about the closure.",
         "Letters were sent to every household in the district a week before the bridge closed."),
        ("The bridge closed.", "It closed."),
    ];

    [Test]
    public void ItLoadsWithTheJudgesContract()
    {
        JudgeManifest manifest = Shipped.Manifest;
        Assert.That(manifest.Labels, Is.EqualTo(JudgeManifest.ExpectedLabels));
        Assert.That(manifest.Format, Is.EqualTo(JudgeManifest.CurrentFormat));
        Judgement[] judgements = Shipped.Judge(Pairs);
        foreach (Judgement j in judgements)
        {
            EntailmentProbabilities p = j.Probabilities;
            Assert.That(new[] { p.Entails, p.Contradicts, p.Neither }, Is.All.InRange(0f, 1f));
            Assert.That(p.Entails + p.Contradicts + p.Neither, Is.EqualTo(1f).Within(1e-5f));
            Assert.That((j.ClaimCut, j.PassageCut), Is.EqualTo((false, false)));
        }
    }

    [Test]
    public void APairsProbabilitiesDoNotDependOnItsBatch()
    {
        Judgement[] together = Shipped.Judge(Pairs);
        for (int i = 0; i < Pairs.Length; i++)
        {
            EntailmentProbabilities alone = Shipped.Judge([Pairs[i]])[0].Probabilities;
            EntailmentProbabilities batched = together[i].Probabilities;
            Assert.That(batched.Entails, Is.EqualTo(alone.Entails).Within(1e-5), $"pair {i}");
            Assert.That(batched.Contradicts, Is.EqualTo(alone.Contradicts).Within(1e-5), $"pair {i}");
            Assert.That(batched.Neither, Is.EqualTo(alone.Neither).Within(1e-5), $"pair {i}");
        }
    }

    [Test]
    public void ManyThreadsGetBitIdenticalResults()
    {
        (string Claim, string Passage)[][] lists = [.. Enumerable.Range(0, 8).Select(t => Pairs.Skip(t % Pairs.Length).Concat(Pairs.Take(t % Pairs.Length)).Take(4 + t % 4).ToArray())];
        IReadOnlyCollection<string> failures = ConcurrentJudging.Differences(Shipped, lists, rounds: 2);
        Assert.That(failures.Take(3), Is.Empty, $"{failures.Count} results differ from one thread's");
    }

    [Test]
    public void LongInputsAreReadUpToTheWindowAndReportedCut()
    {
        string longPassage = string.Join(' ', Enumerable.Repeat(Pairs[0].Passage, 12));
        string longClaim = string.Join(' ', Enumerable.Repeat(Pairs[0].Claim, 6));
        Judgement[] judgements = Shipped.Judge([(Pairs[0].Claim, longPassage), (longClaim, Pairs[0].Passage)]);
        Assert.That((judgements[0].ClaimCut, judgements[0].PassageCut), Is.EqualTo((false, true)));
        Assert.That((judgements[1].ClaimCut, judgements[1].PassageCut), Is.EqualTo((true, false)));
        Assert.That(Shipped.Tokenizer.Encode(Pairs[0].Claim, longPassage).Length, Is.EqualTo(Shipped.Manifest.MaxTokens));
    }
}
