using ClaimMl.Entailment;

namespace ClaimMl.Tests.Judge;

/// <summary>
/// Scoring with the judge, on the tiny graph (<see cref="TinyJudge"/>): the probabilities are the graph's
/// softmax for each pair's own tokens (checked against the same model computed in C#), whatever batch the
/// pair lands in, in the caller's order, and bit-identical from many threads at once.
/// </summary>
[TestFixture]
public sealed class JudgeScoringTests
{
    private static readonly TinyJudge Tiny = new();
    private static readonly byte[] Zip = new JudgeZipBuilder(Tiny).ToBytes();

    private static EntailmentJudge Load(int maxBatchSize = 32, int? threads = null) =>
        JudgeModelFile.Load(new MemoryStream(Zip, writable: false), "tiny judge", new JudgeOptions { MaxBatchSize = maxBatchSize, IntraOpThreads = threads });

    private static readonly string[] Claims =
    [
        "The bridge was closed.",
        "The council closed the bridge on Monday.",
        "Inspectors found cracks in the steel of the bridge, the mayor said.",
        "Twelve thousand vehicles a day take the bridge.",
        "The ferry service was not closed.",
        "Repairs will take three months, engineers said in a report that the city has denied.",
        "Residents take the detour.",
    ];

    private static readonly string[] Passages =
    [
        "The mayor said the bridge is safe.",
        "Traffic on the river bridge was three thousand vehicles a day, the report said.",
        "Engineers found no cracks.",
        "The city reopened the bridge on Tuesday, and the ferry service was closed.",
        "Trains were not closed by the council.",
        "Inspectors said repairs will take weeks, not months, and the detour is safe for residents, the council said on Monday at the city bridge.",
        "A bridge.",
        "Residents said the detour was closed on Monday and the ferry service on Tuesday, and engineers said that repairs to the steel will take months.",
    ];

    /// <summary>Every claim against every passage: 56 pairs of many lengths, some cut.</summary>
    private static (string Claim, string Passage)[] AllPairs() =>
        [.. Claims.SelectMany(c => Passages.Select(p => (c, p)))];

    private static void AssertClose(EntailmentProbabilities actual, EntailmentProbabilities expected, double within, string what)
    {
        Assert.That(actual.Entails, Is.EqualTo(expected.Entails).Within(within), what);
        Assert.That(actual.Contradicts, Is.EqualTo(expected.Contradicts).Within(within), what);
        Assert.That(actual.Neither, Is.EqualTo(expected.Neither).Within(within), what);
    }

    [Test]
    public void ProbabilitiesAreTheGraphsSoftmaxOverEachPairsOwnTokens()
    {
        using EntailmentJudge judge = Load();
        (string Claim, string Passage)[] pairs = AllPairs();
        Judgement[] judgements = judge.Judge(pairs);
        Assert.That(judgements, Has.Length.EqualTo(pairs.Length));
        for (int i = 0; i < pairs.Length; i++)
        {
            JudgeInput input = judge.Tokenizer.Encode(pairs[i].Claim, pairs[i].Passage);
            double[] expected = Tiny.Reference(input.Ids, input.SegmentIds);
            AssertClose(judgements[i].Probabilities, new EntailmentProbabilities((float)expected[0], (float)expected[1], (float)expected[2]), 1e-5, $"pair {i}");
            EntailmentProbabilities p = judgements[i].Probabilities;
            Assert.That(p.Entails + p.Contradicts + p.Neither, Is.EqualTo(1f).Within(1e-6f));
        }
        // The random weights must make the three classes differ, or the test would prove little.
        Assert.That(judgements.Select(j => j.Probabilities.Entails).Distinct().Count(), Is.GreaterThan(pairs.Length / 2));
    }

    [Test]
    public void APairsProbabilitiesDoNotDependOnItsBatch()
    {
        (string Claim, string Passage)[] pairs = AllPairs();
        Judgement[] alone;
        using (EntailmentJudge one = Load(maxBatchSize: 1))
        {
            alone = one.Judge(pairs);
        }
        foreach (int batch in new[] { 32, 5, 256 })
        {
            using EntailmentJudge judge = Load(maxBatchSize: batch);
            Judgement[] batched = judge.Judge(pairs);
            for (int i = 0; i < pairs.Length; i++)
            {
                AssertClose(batched[i].Probabilities, alone[i].Probabilities, 1e-5, $"pair {i}, batches of {batch}");
            }
        }
        // And in a call with other company: a short pair beside the longest ones.
        using EntailmentJudge mixed = Load();
        Judgement[] company = mixed.Judge([pairs[6], pairs[5], pairs[7], pairs[^3]]);
        AssertClose(company[0].Probabilities, alone[6].Probabilities, 1e-5, "short pair among long ones");
        AssertClose(company[3].Probabilities, alone[^3].Probabilities, 1e-5, "long pair among short ones");
    }

    [Test]
    public void ResultsComeInTheCallersOrder()
    {
        using EntailmentJudge judge = Load(maxBatchSize: 4);
        (string Claim, string Passage)[] pairs = AllPairs();
        Judgement[] forward = judge.Judge(pairs);
        (string Claim, string Passage)[] reversed = [.. pairs.Reverse()];
        Judgement[] backward = judge.Judge(reversed);
        for (int i = 0; i < pairs.Length; i++)
        {
            AssertClose(backward[pairs.Length - 1 - i].Probabilities, forward[i].Probabilities, 1e-5, $"pair {i}");
            Assert.That(backward[pairs.Length - 1 - i].PassageCut, Is.EqualTo(forward[i].PassageCut));
        }
    }

    [Test]
    public void CutsAreReported()
    {
        using EntailmentJudge judge = Load();
        string longClaim = string.Join(' ', Enumerable.Repeat("the bridge was closed", 6)); // 24 word pieces > 16
        string longPassage = string.Join(' ', Enumerable.Repeat("the council closed the bridge on monday .", 8)); // 64 word pieces
        Judgement[] judgements = judge.Judge([(longClaim, "A bridge."), ("The bridge was closed.", longPassage), ("The bridge was closed.", "A bridge."), (longClaim, longPassage)]);
        Assert.That(judgements.Select(j => (j.ClaimCut, j.PassageCut)), Is.EqualTo(new[] { (true, false), (false, true), (false, false), (true, true) }));
    }

    [Test]
    public void ManyThreadsGetBitIdenticalResults()
    {
        using EntailmentJudge judge = Load(threads: 1);
        (string Claim, string Passage)[] all = AllPairs();
        // Each thread judges its own list (a different slice of the pairs, so that its batches hold other
        // tokens than its neighbours'), and must get bit for bit what one thread got for that list.
        (string Claim, string Passage)[][] lists = [.. Enumerable.Range(0, 8).Select(t => all.Skip(t * 5).Concat(all.Take(t * 5)).Take(20 + t * 4).ToArray())];
        IReadOnlyCollection<string> failures = ConcurrentJudging.Differences(judge, lists, rounds: 40);
        Assert.That(failures.Take(3), Is.Empty, $"{failures.Count} results differ from one thread's");
    }

    [Test]
    public void SoftmaxIsStableForLargeLogits()
    {
        EntailmentProbabilities p = EntailmentJudge.Softmax([1000f, 0f, -1000f]);
        Assert.That((p.Entails, p.Contradicts, p.Neither), Is.EqualTo((1f, 0f, 0f)));
        p = EntailmentJudge.Softmax([-1000f, -1000f, -1000f]);
        Assert.That(p.Entails, Is.EqualTo(1f / 3).Within(1e-7f));
        p = EntailmentJudge.Softmax([89f, 88f, 87f]); // exp(89) overflows a float
        double z = 1 + Math.Exp(-1) + Math.Exp(-2);
        Assert.That(p.Entails, Is.EqualTo(1 / z).Within(1e-6));
        Assert.That(p.Contradicts, Is.EqualTo(Math.Exp(-1) / z).Within(1e-6));
        Assert.That(p.Neither, Is.EqualTo(Math.Exp(-2) / z).Within(1e-6));
    }

    [Test]
    public void NoPairsNoRun()
    {
        using EntailmentJudge judge = Load();
        Assert.That(judge.Judge([]), Is.Empty);
    }

    [Test]
    public void BadInputsAreRefused()
    {
        using EntailmentJudge judge = Load();
        Assert.That(() => judge.Score([new JudgeInput([2, 3], [0, 1], false, false)], new EntailmentProbabilities[1]), Throws.ArgumentException);
        int[] tooLong = new int[TinyJudge.MaxTokens + 1];
        Assert.That(() => judge.Score([new JudgeInput(tooLong, tooLong, false, false)], new EntailmentProbabilities[1]), Throws.ArgumentException);
        Assert.That(() => judge.Score([new JudgeInput([2, 7, 3], [0, 0], false, false)], new EntailmentProbabilities[1]), Throws.ArgumentException);
        JudgeInput ok = judge.Tokenizer.Encode("The bridge was closed.", "A bridge.");
        Assert.That(() => judge.Score([ok, ok], new EntailmentProbabilities[1]), Throws.ArgumentException);
    }

    [Test]
    public void DisposedJudgeRefusesWork()
    {
        EntailmentJudge judge = Load();
        judge.Dispose();
        judge.Dispose(); // twice is harmless
        Assert.That(() => judge.Judge([("The bridge was closed.", "A bridge.")]), Throws.TypeOf<ObjectDisposedException>());
    }

    [Test]
    public void IntraOpThreadsAreTheOptionOrTheDefault()
    {
        using (EntailmentJudge judge = Load())
        {
            Assert.That(judge.IntraOpThreads, Is.EqualTo(JudgeOptions.DefaultIntraOpThreads));
            Assert.That(judge.MaxBatchSize, Is.EqualTo(32));
        }
        using EntailmentJudge two = Load(threads: 2);
        using EntailmentJudge one = Load(threads: 1);
        Assert.That(two.IntraOpThreads, Is.EqualTo(2));
        (string, string)[] pairs = AllPairs();
        Judgement[] withTwo = two.Judge(pairs);
        Judgement[] withOne = one.Judge(pairs);
        for (int i = 0; i < pairs.Length; i++)
        {
            AssertClose(withTwo[i].Probabilities, withOne[i].Probabilities, 1e-5, $"pair {i}: threads do not change results");
        }
    }
}
