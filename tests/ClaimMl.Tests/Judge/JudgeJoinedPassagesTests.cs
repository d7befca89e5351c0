using ClaimMl.DataFormats.NliSets;
using ClaimMl.Entailment;
using ClaimMl.Training;

namespace ClaimMl.Tests.Judge;

/// <summary>Written passages joined two by two, so that the judge learns to read a window of two sentences from different places.</summary>
[TestFixture]
public sealed class JudgeJoinedPassagesTests : TempDirectoryFixture
{
    private static NliPair Pair(string file, string passage, string claim, EntailmentLabel label) => new(claim, passage, label, file, 1);

    private static string Passage(string file, int i) => $"The {file} council approved {i + 10} new bus lanes on Tuesday, its transport chair said.";

    /// <summary>Two files of six passages, each with one claim of each label.</summary>
    private static List<NliPair> Written()
    {
        var pairs = new List<NliPair>();
        foreach (string file in (string[])["Brellan", "Osk"])
        {
            for (int i = 0; i < 6; i++)
            {
                string passage = Passage(file, i);
                pairs.Add(Pair(file, passage, $"{file}'s council backed {i + 10} new bus lanes.", EntailmentLabel.Entails));
                pairs.Add(Pair(file, passage, $"{file}'s council rejected {i + 10} new bus lanes.", EntailmentLabel.Contradicts));
                pairs.Add(Pair(file, passage, $"{file}'s {i + 10} bus lanes will open next spring.", EntailmentLabel.Neither));
            }
        }
        return pairs;
    }

    private static List<(string, string, EntailmentLabel)> Texts(List<JudgeCandidate> made) => made.Select(c => (c.Claim, c.Passage, c.Label)).ToList();

    [Test]
    public void EachJoinedPassageIsReadAgainstItsOwnClaimsAndJoinedClaimsWithTheirLabels()
    {
        List<NliPair> written = Written();
        var labelOf = written.ToDictionary(p => (p.Claim, p.Passage), p => p.Label);
        var passages = written.Select(p => p.Passage).Distinct().ToList();
        List<JudgeCandidate> made = JudgeJoinedPassages.Make(written, _ => false, seed: 1, every: 1);
        var joined = made.Where(c => !passages.Contains(c.Passage)).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(made, Has.Count.EqualTo(12 * 7), "every passage joined (every = 1): three own claims, three joined claims, one joined claim against the passage alone");
            Assert.That(made, Has.All.Matches<JudgeCandidate>(c => c.Origin == JudgeJoinedPassages.Origin));
            foreach (JudgeCandidate c in joined)
            {
                string[] parts = passages.Where(c.Passage.Contains).ToArray();
                Assert.That(parts, Has.Length.EqualTo(2), $"two written passages: {c.Passage}");
                Assert.That(parts.Select(p => p.Split(' ')[1]).Distinct().Count(), Is.EqualTo(1), "of one file");
                if (!c.Claim.Contains(", and ", StringComparison.Ordinal))
                {
                    Assert.That(parts.Any(p => labelOf.TryGetValue((c.Claim, p), out var l) && l == c.Label), Is.True, $"an own claim keeps its label: {c.Claim}");
                }
                Assert.That(parts.Select(JudgeGroups.TextKey), Has.Member(c.Keys.Single()), "the group of one of the two passages");
            }
            var fused = joined.Where(c => c.Claim.Contains(", and ", StringComparison.Ordinal)).ToList();
            Assert.That(fused.Select(c => c.Label), Is.EquivalentTo(Enumerable.Repeat(new[] { EntailmentLabel.Entails, EntailmentLabel.Contradicts, EntailmentLabel.Neither }, 12).SelectMany(l => l)));
            Assert.That(fused.Where(c => c.Label == EntailmentLabel.Entails), Has.All.Matches<JudgeCandidate>(c => c.Claim.Contains("backed", StringComparison.Ordinal) && !c.Claim.Contains("rejected", StringComparison.Ordinal) && !c.Claim.Contains("will open", StringComparison.Ordinal)),
                "both halves entailed");
            Assert.That(fused.Where(c => c.Label == EntailmentLabel.Contradicts), Has.All.Matches<JudgeCandidate>(c => c.Claim.Contains("rejected", StringComparison.Ordinal)));
            var alone = made.Where(c => passages.Contains(c.Passage)).ToList();
            Assert.That(alone, Has.Count.EqualTo(12));
            Assert.That(alone, Has.All.Matches<JudgeCandidate>(c => c.Label == EntailmentLabel.Neither && c.Claim.Contains(", and ", StringComparison.Ordinal)),
                "a claim joined from two passages' facts against one of them: neither");
            Assert.That(Texts(JudgeJoinedPassages.Make(written, _ => false, 1, 1)), Is.EqualTo(Texts(made)), "deterministic for a seed");
            Assert.That(Texts(JudgeJoinedPassages.Make(written, _ => false, 2, 1)), Is.Not.EqualTo(Texts(made)), "another seed draws other partners");
        }
    }

    [Test]
    public void APassageIsJoinedOnlyWithOneOnItsOwnSide()
    {
        List<NliPair> written = Written();
        // One Brellan passage alone on the dev side: it has no partner there, and no other passage may take it.
        string lonely = Passage("Brellan", 3);
        List<JudgeCandidate> made = JudgeJoinedPassages.Make(written, p => p == lonely, 1, 1);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(made, Has.None.Matches<JudgeCandidate>(c => c.Passage.Contains(lonely, StringComparison.Ordinal)));
            Assert.That(made, Has.Count.EqualTo(11 * 7));
            Assert.That(JudgeJoinedPassages.Make(written, _ => null, 1, 1), Is.Empty, "a passage of no known side is not joined");
            Assert.That(JudgeJoinedPassages.Make(written, _ => false, 1, 0), Is.Empty);
        }
    }

    [Test]
    public void JoinedPassagesAreAddedAfterEveryOtherPairWithoutChangingAny()
    {
        string folder = Temp.File("written");
        Directory.CreateDirectory(folder);
        foreach (var file in Written().GroupBy(p => p.Side))
        {
            File.WriteAllLines(Path.Combine(folder, file.Key + ".jsonl"), file.Select(p =>
                System.Text.Json.JsonSerializer.Serialize(new { passage = p.Passage, claim = p.Claim, label = p.Label.ToString().ToLowerInvariant() })));
        }
        var options = new JudgePairOptions { Written = [folder], DevFraction = 0.3, WrittenRepeat = 2 };
        JudgePairSet without = JudgePairs.Build(options);
        JudgePairSet with = JudgePairs.Build(options with { WrittenJoinedEvery = 1 });
        static bool IsJoined(JudgePair p) => p.Origin == JudgeJoinedPassages.Origin;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(with.Train.Where(p => !IsJoined(p)), Is.EqualTo(without.Train), "no other pair changes, nor its side");
            Assert.That(with.Dev.Where(p => !IsJoined(p)), Is.EqualTo(without.Dev));
            Assert.That(with.Train.Where(IsJoined), Is.Not.Empty);
            Assert.That(with.Train.Where(IsJoined).Count(), Is.EqualTo(with.Train.Where(IsJoined).Distinct().Count()), "joined pairs are not repeated");
            var devPassages = without.Dev.Select(p => p.Passage).ToHashSet();
            Assert.That(with.Train.Where(IsJoined), Has.None.Matches<JudgePair>(p => devPassages.Any(d => p.Passage.Contains(d, StringComparison.Ordinal))),
                "no dev passage is read by a training pair");
            Assert.That(() => JudgePairs.Build(new JudgePairOptions { FeverNli = Path.Combine(NliSetLoaderTests.Data, "fever-nli"), WrittenJoinedEvery = 1 }), Throws.ArgumentException.With.Message.Contains("written pairs"));
        }
    }
}
