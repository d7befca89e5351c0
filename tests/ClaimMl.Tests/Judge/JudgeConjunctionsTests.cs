using ClaimMl.Entailment;
using ClaimMl.Training;

namespace ClaimMl.Tests.Judge;

/// <summary>Joined-claim pairs: what they say, which label they get, and that they never mix sides or repeat a pair.</summary>
[TestFixture]
public sealed class JudgeConjunctionsTests
{
    private static JudgeCandidate Pair(string claim, string passage, EntailmentLabel label, string group, string origin = JudgeOrigins.FeverNli) =>
        new(claim, passage, label, origin, [group]);

    private static readonly JudgeCandidate[] Candidates =
    [
        Pair("The ferry resumed on Monday.", "The ferry service resumed on Monday after the storm.", EntailmentLabel.Entails, "ferry"),
        Pair("The ferry runs after a storm.", "The ferry service resumed on Monday after the storm.", EntailmentLabel.Entails, "ferry"),
        Pair("The ferry stopped for good.", "The ferry service resumed on Monday after the storm.", EntailmentLabel.Contradicts, "ferry"),
        Pair("The orchestra played Mahler.", "The city orchestra closed its season with Mahler's second symphony.", EntailmentLabel.Entails, "orchestra"),
        Pair("Quarry workers went on strike.", "Workers at the quarry began a strike over pay.", EntailmentLabel.Entails, "quarry"),
        Pair("Lions sleep twenty hours.", "Lions can sleep up to twenty hours a day.", EntailmentLabel.Entails, "lions"),
    ];

    [Test]
    public void JoinedClaimsTakeTheirSiblingsLabelOrNeither()
    {
        List<JudgeCandidate> made = JudgeConjunctions.Make(Candidates, _ => false, seed: 3, every: 1);
        Assert.That(made, Is.Not.Empty);
        using (Assert.EnterMultipleScope())
        {
            foreach (JudgeCandidate c in made)
            {
                JudgeCandidate source = Candidates.Single(o => o.Label == EntailmentLabel.Entails && c.Claim.StartsWith(o.Claim.TrimEnd('.'), StringComparison.Ordinal));
                Assert.That(c.Passage, Is.EqualTo(source.Passage), "the passage of the entailing pair");
                Assert.That(c.Keys, Is.EqualTo(source.Keys), "its group");
                Assert.That(c.Origin, Is.EqualTo(JudgeConjunctions.Origin(JudgeOrigins.FeverNli)));
                JudgeCandidate? sibling = Candidates.FirstOrDefault(o => o.Passage == c.Passage && !ReferenceEquals(o, source) && c.Claim.EndsWith(o.Claim.TrimStart()[1..], StringComparison.Ordinal));
                Assert.That(c.Label, Is.EqualTo(sibling?.Label ?? EntailmentLabel.Neither), c.Claim);
                if (c.Label == EntailmentLabel.Neither)
                {
                    string tail = c.Claim[source.Claim.TrimEnd('.').Length..];
                    Assert.That(JudgeConjunctions.ContentWords(tail).Overlaps(JudgeConjunctions.ContentWords(c.Passage)), Is.False, $"the passage says nothing of the added claim: {c.Claim}");
                }
            }
        }
        Assert.That(made.Select(c => (c.Claim, c.Passage)).Distinct().Count(), Is.EqualTo(made.Count));
        Assert.That(JudgeConjunctions.Make(Candidates, _ => false, seed: 3, every: 1).Select(c => c.Claim), Is.EqualTo(made.Select(c => c.Claim)), "deterministic for a seed");
        Assert.That(JudgeConjunctions.Make(Candidates, _ => false, seed: 3, every: 0), Is.Empty);
    }

    [Test]
    public void ADonorClaimNeverCrossesTheSplit()
    {
        // Only the orchestra's group is dev: its pair has no dev donor, so it is joined with nothing.
        List<JudgeCandidate> made = JudgeConjunctions.Make(Candidates, c => c.Keys[0] == "orchestra", seed: 5, every: 1);
        Assert.That(made.Where(c => c.Keys[0] == "orchestra"), Is.Empty);
        Assert.That(made.Any(c => c.Claim.Contains("orchestra", StringComparison.OrdinalIgnoreCase) && c.Keys[0] != "orchestra"), Is.False);
    }

    [TestCase("The ferry resumed.", "The harbour reopened.", ", and ", ExpectedResult = "The ferry resumed, and the harbour reopened.")]
    [TestCase("Lions sleep a lot!", "Quarry workers struck.", "; ", ExpectedResult = "Lions sleep a lot; Quarry workers struck.")]
    public string JoinDropsTheFirstStopAndLowersACommonFirstWord(string first, string second, string join) => JudgeConjunctions.Join(first, second, join);
}
