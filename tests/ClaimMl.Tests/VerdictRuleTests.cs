namespace ClaimMl.Tests;

[TestFixture]
public class VerdictRuleTests
{
    private static readonly Stance[] AllStances = Enum.GetValues<Stance>();

    /// <summary>Every sequence of <paramref name="length"/> stances (4^length of them).</summary>
    private static IEnumerable<Stance[]> Combinations(int length)
    {
        if (length == 0)
        {
            yield return [];
            yield break;
        }
        foreach (Stance[] rest in Combinations(length - 1))
        {
            foreach (Stance stance in AllStances)
            {
                yield return [.. rest, stance];
            }
        }
    }

    /// <summary>The rule as the README states it, written independently of the implementation.</summary>
    private static Verdict Expected(Stance[] stances)
    {
        if (stances.Contains(Stance.Refutes))
        {
            return Verdict.Disputed;
        }
        return stances.Contains(Stance.Supports) ? Verdict.Confirmed : Verdict.Unverified;
    }

    private static StanceProbabilities Certain(Stance stance) => new(
        stance == Stance.Supports ? 1 : 0,
        stance == Stance.Refutes ? 1 : 0,
        stance == Stance.Discusses ? 1 : 0,
        stance == Stance.Unrelated ? 1 : 0);

    [Test]
    public void AllFourStancesAreEnumerated()
    {
        Assert.That(AllStances, Is.EquivalentTo(new[] { Stance.Supports, Stance.Refutes, Stance.Discusses, Stance.Unrelated }));
    }

    [TestCase(0, 1)]
    [TestCase(1, 4)]
    [TestCase(2, 16)]
    [TestCase(3, 64)]
    public void EveryCombinationFollowsTheRule(int sources, int expectedCombinations)
    {
        List<Stance[]> combinations = Combinations(sources).ToList();
        Assert.That(combinations.Select(c => string.Join(",", c)).Distinct().Count(), Is.EqualTo(expectedCombinations));
        using (Assert.EnterMultipleScope())
        {
            foreach (Stance[] stances in combinations)
            {
                Assert.That(VerdictRule.Decide(stances), Is.EqualTo(Expected(stances)), $"stances [{string.Join(", ", stances)}]");
            }
        }
    }

    [Test]
    public void SpotChecks()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(VerdictRule.Decide([]), Is.EqualTo(Verdict.Unverified));
            Assert.That(VerdictRule.Decide([Stance.Supports, Stance.Refutes]), Is.EqualTo(Verdict.Disputed));
            Assert.That(VerdictRule.Decide([Stance.Unrelated, Stance.Supports, Stance.Discusses]), Is.EqualTo(Verdict.Confirmed));
            Assert.That(VerdictRule.Decide([Stance.Discusses, Stance.Unrelated, Stance.Discusses]), Is.EqualTo(Verdict.Unverified));
        }
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void CertainStancesGiveTheRuleVerdictWithProbabilityOne(int sources)
    {
        foreach (Stance[] stances in Combinations(sources))
        {
            StanceProbabilities[] certain = stances.Select(Certain).ToArray();
            Verdict verdict = VerdictRule.Decide(stances);
            Assert.That(VerdictRule.Confidence(verdict, certain), Is.EqualTo(1f), $"stances [{string.Join(", ", stances)}]");
        }
    }

    [Test]
    public void ProbabilitiesOfRandomInputsSumToOneAndStayInRange()
    {
        var random = new Random(20240601);
        for (int trial = 0; trial < 2000; trial++)
        {
            int count = random.Next(0, 6);
            var sources = new StanceProbabilities[count];
            for (int i = 0; i < count; i++)
            {
                // Mostly proper distributions, with some that hit 0 and 1 exactly.
                double[] raw = Enumerable.Range(0, 4).Select(_ => random.Next(5) == 0 ? 0 : random.NextDouble()).ToArray();
                if (raw.Sum() == 0)
                {
                    raw[random.Next(4)] = 1;
                }
                double total = raw.Sum();
                sources[i] = new StanceProbabilities((float)(raw[0] / total), (float)(raw[1] / total), (float)(raw[2] / total), (float)(raw[3] / total));
            }

            var (confirmed, disputed, unverified) = VerdictRule.Probabilities(sources);
            string context = $"trial {trial}: {string.Join("; ", sources)}";
            Assert.That(confirmed + disputed + unverified, Is.EqualTo(1f).Within(1e-5f), context);
            Assert.That(new[] { confirmed, disputed, unverified }, Is.All.InRange(0f, 1f), context);
            Assert.That(VerdictRule.Confidence(Verdict.Disputed, sources), Is.EqualTo(disputed), context);
        }
    }

    [Test]
    public void ProbabilitiesFollowTheIndependenceFormula()
    {
        StanceProbabilities[] sources =
        [
            new(0.5f, 0.2f, 0.2f, 0.1f),
            new(0.1f, 0.3f, 0.4f, 0.2f),
        ];
        var (confirmed, disputed, unverified) = VerdictRule.Probabilities(sources);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(disputed, Is.EqualTo(1 - (0.8 * 0.7)).Within(1e-6));
            Assert.That(unverified, Is.EqualTo(0.3 * 0.6).Within(1e-6));
            Assert.That(confirmed, Is.EqualTo(0.8 * 0.7 - 0.3 * 0.6).Within(1e-6));
        }
    }

    [Test]
    public void NoSourcesIsCertainlyUnverified()
    {
        var (confirmed, disputed, unverified) = VerdictRule.Probabilities([]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(unverified, Is.EqualTo(1f));
            Assert.That(confirmed, Is.Zero);
            Assert.That(disputed, Is.Zero);
        }
    }

    [Test]
    public void MostLikelyPicksTheLargestProbability()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new StanceProbabilities(0.1f, 0.6f, 0.2f, 0.1f).MostLikely, Is.EqualTo(Stance.Refutes));
            Assert.That(new StanceProbabilities(0.4f, 0.1f, 0.3f, 0.2f).MostLikely, Is.EqualTo(Stance.Supports));
            Assert.That(new StanceProbabilities(0.2f, 0.1f, 0.5f, 0.2f).MostLikely, Is.EqualTo(Stance.Discusses));
            Assert.That(new StanceProbabilities(0.25f, 0.25f, 0.25f, 0.25f).MostLikely, Is.EqualTo(Stance.Unrelated));
        }
    }
}
