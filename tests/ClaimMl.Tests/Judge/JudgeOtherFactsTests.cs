using ClaimMl.Entailment;
using ClaimMl.Training;

namespace ClaimMl.Tests.Judge;

/// <summary>"Other fact" pairs: a true claim against the evidence of another claim on its subject is neither, never across the split.</summary>
[TestFixture]
public sealed class JudgeOtherFactsTests
{
    private static JudgeCandidate Pair(string claim, string passage, EntailmentLabel label, string group, string origin = JudgeOrigins.FeverNli) =>
        new(claim, passage, label, origin, [group]);

    private static readonly JudgeCandidate[] Candidates =
    [
        Pair("Merrow Harbour has a lighthouse.", "Merrow Harbour is known for its white lighthouse on the east pier.", EntailmentLabel.Entails, "h1"),
        Pair("Merrow Harbour hosts a regatta.", "Every August, Merrow Harbour hosts a sailing regatta.", EntailmentLabel.Entails, "h2"),
        Pair("Merrow Harbour froze in 1903.", "The water of Merrow Harbour has never frozen.", EntailmentLabel.Contradicts, "h3"),
        Pair("Merrow Harbour lighthouse is white.", "Merrow Harbour is known for its white lighthouse on the east pier.", EntailmentLabel.Entails, "h4"),
        Pair("Alba Quinn wrote three novels.", "Alba Quinn published three novels before turning thirty.", EntailmentLabel.Entails, "q1"),
        Pair("Alba Quinn was born in Lisbon.", "Quinn grew up in Lisbon, where she was born in 1961.", EntailmentLabel.Entails, "q2"),
        Pair("the tide was late.", "The tide came in late on Sunday.", EntailmentLabel.Entails, "t1"),
        Pair("Alba Quinn lives in Porto.", "Alba Quinn has lived in Porto since 1990.", EntailmentLabel.Entails, "q3", origin: JudgeOrigins.Emergent),
    ];

    [Test]
    public void ATrueClaimMeetsTheEvidenceOfAnotherClaimOnItsSubjectAsNeither()
    {
        List<JudgeCandidate> made = JudgeOtherFacts.Make(Candidates, _ => false, seed: 2, every: 1);
        Assert.That(made, Is.Not.Empty);
        using (Assert.EnterMultipleScope())
        {
            foreach (JudgeCandidate c in made)
            {
                JudgeCandidate source = Candidates.Single(o => o.Claim == c.Claim);
                Assert.That(source.Label, Is.EqualTo(EntailmentLabel.Entails), "only true claims are paired");
                Assert.That(source.Origin, Is.EqualTo(JudgeOrigins.FeverNli));
                Assert.That(c.Label, Is.EqualTo(EntailmentLabel.Neither));
                Assert.That(c.Origin, Is.EqualTo(JudgeOtherFacts.Origin));
                Assert.That(c.Keys, Is.EqualTo(source.Keys), "the claim's group");
                Assert.That(c.Passage, Is.Not.EqualTo(source.Passage));
                JudgeCandidate donor = Candidates.First(o => o.Passage == c.Passage);
                Assert.That(JudgeOtherFacts.Subject(donor.Claim), Is.EqualTo(JudgeOtherFacts.Subject(c.Claim)), "evidence of a claim on the same subject");
                Assert.That(donor.Origin, Is.EqualTo(JudgeOrigins.FeverNli));
            }
        }
        // "lighthouse is white" shares most of its words with the lighthouse sentence: that sentence may state it.
        Assert.That(made.Where(c => c.Claim == "Merrow Harbour lighthouse is white." && c.Passage.Contains("lighthouse", StringComparison.Ordinal)), Is.Empty);
        Assert.That(made.Select(c => (c.Claim, c.Passage)).Distinct().Count(), Is.EqualTo(made.Count));
        Assert.That(JudgeOtherFacts.Make(Candidates, _ => false, seed: 2, every: 1).Select(c => (c.Claim, c.Passage)), Is.EqualTo(made.Select(c => (c.Claim, c.Passage))), "deterministic for a seed");
        Assert.That(JudgeOtherFacts.Make(Candidates, _ => false, seed: 2, every: 0), Is.Empty);
    }

    [Test]
    public void EvidenceNeverCrossesTheSplit()
    {
        List<JudgeCandidate> made = JudgeOtherFacts.Make(Candidates, c => c.Keys[0] == "h2", seed: 4, every: 1);
        Assert.That(made.Where(c => c.Keys[0] == "h2"), Is.Empty, "the dev claim has no dev neighbour on its subject");
        Assert.That(made.Any(c => c.Passage.Contains("regatta", StringComparison.Ordinal)), Is.False, "dev evidence is not lent to training claims");
    }

    [TestCase("Edgar Wright is a director.", ExpectedResult = "edgar wright")]
    [TestCase("The Hunger Games is a film.", ExpectedResult = "the hunger games")]
    [TestCase("The film was released.", ExpectedResult = null)]
    [TestCase("lower case start.", ExpectedResult = null)]
    [TestCase("Paris.", ExpectedResult = "paris")]
    public string? SubjectIsTheLeadingName(string claim) => JudgeOtherFacts.Subject(claim);
}
