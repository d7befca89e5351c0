using ClaimMl.Entailment;
using ClaimMl.Training;

namespace ClaimMl.Tests.Judge;

/// <summary>Framed pairs: a stating passage passed on as hearsay, confirmed, or the claim denied, each with its label.</summary>
[TestFixture]
public sealed class JudgeFramesTests
{
    private static JudgeCandidate Pair(string claim, string passage, EntailmentLabel label, string group, string origin = JudgeOrigins.Fnc) =>
        new(claim, passage, label, origin, [group]);

    private static readonly JudgeCandidate[] Candidates =
    [
        Pair("The ferry resumed on Monday.", "The ferry service resumed on Monday after the storm had passed over the islands and the harbour was cleared.", EntailmentLabel.Entails, "ferry"),
        Pair("The ferry stopped for good.", "The ferry service resumed on Monday after the storm.", EntailmentLabel.Contradicts, "ferry"),
        Pair("Quarry workers went on strike.", "Workers at the quarry went on strike.", EntailmentLabel.Entails, "quarry", JudgeOrigins.Emergent),
        Pair("The orchestra played Mahler.", "The city orchestra closed its season with Mahler.", EntailmentLabel.Entails, "orchestra", JudgeOrigins.FeverNli),
        Pair("The library reopened.", "The library reopened on Friday.", EntailmentLabel.Entails, "library", JudgeOrigins.FncSentence),
        Pair("Lions sleep twenty hours.", "Lions can sleep up to twenty hours a day.", EntailmentLabel.Entails, "lions", JudgeOrigins.CovidFact),
        Pair("The museum was closed.", "The museum stayed shut.", EntailmentLabel.Neither, "museum", JudgeOrigins.FncDiscuss),
    ];

    /// <summary>The frame <paramref name="framed"/> was made with, from the frames of a kind, and the statement inside it.</summary>
    private static string? StatementIn(string framed, string[] frames)
    {
        foreach (string frame in frames)
        {
            string[] parts = frame.Split("{0}");
            if (framed.Length > parts[0].Length + parts[1].Length && framed.StartsWith(parts[0], StringComparison.Ordinal) && framed.EndsWith(parts[1], StringComparison.Ordinal))
            {
                return framed[parts[0].Length..^parts[1].Length];
            }
        }
        return null;
    }

    private static bool SameStatement(string? inside, string original) =>
        inside is not null && string.Equals(inside, original.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    [Test]
    public void EachKindOfFrameGivesItsLabel()
    {
        List<JudgeCandidate> made = [];
        for (int seed = 1; seed <= 12; seed++)
        {
            made.AddRange(JudgeFrames.Make(Candidates, seed, every: 1));
        }
        string[] kinds = ["hearsay", "confirmed", "denied"];
        Assert.That(kinds.All(k => made.Any(c => c.Origin.StartsWith(k + " ", StringComparison.Ordinal))), Is.True, "every kind is made over twelve seeds");
        using (Assert.EnterMultipleScope())
        {
            foreach (JudgeCandidate c in made)
            {
                JudgeCandidate source = Candidates.Single(o => c.Origin.EndsWith(" " + o.Origin, StringComparison.Ordinal) && o.Label == EntailmentLabel.Entails);
                Assert.That(c.Keys, Is.EqualTo(source.Keys), "the group of the pair it was made from");
                string kind = c.Origin[..c.Origin.IndexOf(' ', StringComparison.Ordinal)];
                switch (kind, c.Label)
                {
                    case ("hearsay", EntailmentLabel.Neither):
                        Assert.That(c.Claim, Is.EqualTo(source.Claim));
                        Assert.That(SameStatement(StatementIn(c.Passage, JudgeFrames.Hearsay), source.Passage), Is.True, c.Passage);
                        break;
                    case ("hearsay", EntailmentLabel.Entails):
                        Assert.That(SameStatement(StatementIn(c.Claim, JudgeFrames.Hearsay), source.Claim), Is.True, c.Claim);
                        Assert.That(SameStatement(StatementIn(c.Passage, JudgeFrames.Hearsay), source.Passage), Is.True, c.Passage);
                        Assert.That(c.Claim.Replace(StatementIn(c.Claim, JudgeFrames.Hearsay)!, "", StringComparison.Ordinal),
                            Is.EqualTo(c.Passage.Replace(StatementIn(c.Passage, JudgeFrames.Hearsay)!, "", StringComparison.Ordinal)), "the same frame on both sides");
                        break;
                    case ("confirmed", EntailmentLabel.Entails):
                        Assert.That(SameStatement(StatementIn(c.Passage, JudgeFrames.Confirmed), source.Passage), Is.True, c.Passage);
                        break;
                    case ("denied", EntailmentLabel.Contradicts):
                        // A passage about as short as its claim is denied in its own words; a longer one through the claim's.
                        string denied = source.Passage.Split(' ').Length <= source.Claim.Split(' ').Length + JudgeFrames.DenyPassageSlack ? source.Passage : source.Claim;
                        Assert.That(SameStatement(StatementIn(c.Passage, JudgeFrames.Denied), denied), Is.True, c.Passage);
                        break;
                    default:
                        Assert.Fail($"a {kind} pair labelled {c.Label}: {c.Claim} / {c.Passage}");
                        break;
                }
            }
        }
        Assert.That(made.Where(c => c.Origin.EndsWith(JudgeOrigins.CovidFact, StringComparison.Ordinal) || c.Origin.EndsWith(JudgeOrigins.FncDiscuss, StringComparison.Ordinal)), Is.Empty,
            "only entailing pairs of FEVER, Emergent and FNC-1 are framed");
        List<JudgeCandidate> once = JudgeFrames.Make(Candidates, 4, every: 1);
        Assert.That(JudgeFrames.Make(Candidates, 4, every: 1).Select(c => (c.Claim, c.Passage)), Is.EqualTo(once.Select(c => (c.Claim, c.Passage))), "deterministic for a seed");
        Assert.That(JudgeFrames.Make(Candidates, 4, every: 0), Is.Empty);
    }

    [TestCase("Posts claimed that {0}.", "The bridge closed.", ExpectedResult = "Posts claimed that the bridge closed.")]
    [TestCase("Posts claimed that {0}.", "Merrow Bridge closed!", ExpectedResult = "Posts claimed that Merrow Bridge closed.")]
    [TestCase("{0}, police said.", "The bridge closed.", ExpectedResult = "The bridge closed, police said.")]
    public string TheStatementFollowsTheFrame(string frame, string statement) => JudgeFrames.Apply(frame, statement);

    [Test]
    public void AFramedPairIsNotMadeTwice()
    {
        var candidates = new List<JudgeCandidate>(Candidates);
        List<JudgeCandidate> first = JudgeFrames.Make(candidates, 2, every: 1);
        candidates.AddRange(first);
        List<JudgeCandidate> again = JudgeFrames.Make(candidates, 2, every: 1);
        Assert.That(again.Select(c => (c.Claim, c.Passage)).Intersect(first.Select(c => (c.Claim, c.Passage))), Is.Empty, "a pair already there is not made again");
    }
    private static readonly JudgeCandidate[] OtherCandidates =
    [
        Pair("The Merrow Bridge carries heavy lorries.", "The Merrow Bridge was built in 1931.", EntailmentLabel.Neither, "bridge", JudgeOrigins.FncSentenceOther),
        Pair("Workers repaired the Merrow Bridge.", "\u201CWe were told nothing,\u201D one driver said.", EntailmentLabel.Neither, "bridge2", JudgeOrigins.FncSentenceOther),
        Pair("Hollin Vale lies on the coast.", "Hollin Vale is a small fishing town.", EntailmentLabel.Entails, "hollin", JudgeOrigins.FeverNli),
        Pair("Hollin Vale has a lighthouse.", "A lighthouse stands above Hollin Vale.", EntailmentLabel.Entails, "hollin", JudgeOrigins.FeverNli),
        Pair("Hollin Vale lies beside the coast road.", "Hollin Vale is on the coast road.", EntailmentLabel.Entails, "hollin", JudgeOrigins.FeverNli),
        Pair("Hollin Vale was founded by monks.", "Monks founded Hollin Vale.", EntailmentLabel.Entails, "hollin-dev", JudgeOrigins.FeverNli),
        Pair("Hollin Vale has no lighthouse.", "A lighthouse stands above Hollin Vale.", EntailmentLabel.Contradicts, "hollin", JudgeOrigins.FeverNli),
    ];

    [Test]
    public void AnotherStatementDeniedConfirmedOrPassedOnIsNeither()
    {
        static bool? IsDev(JudgeCandidate c) => c.Keys[0].EndsWith("-dev", StringComparison.Ordinal);
        List<JudgeCandidate> made = [];
        for (int seed = 1; seed <= 12; seed++)
        {
            made.AddRange(JudgeFrames.MakeOther(OtherCandidates, IsDev, seed, every: 1));
        }
        string[] kinds = ["hearsay", "confirmed", "denied"];
        Assert.That(kinds.All(k => made.Any(c => c.Origin == k + " " + JudgeOrigins.FncSentenceOther)), Is.True, "every kind of an article sentence over twelve seeds");
        Assert.That(kinds.All(k => made.Any(c => c.Origin == k + " " + JudgeFrames.OtherClaimOrigin)), Is.True, "every kind of another FEVER claim over twelve seeds");
        using (Assert.EnterMultipleScope())
        {
            foreach (JudgeCandidate c in made)
            {
                Assert.That(c.Label, Is.EqualTo(EntailmentLabel.Neither), c.Passage);
                string kind = c.Origin[..c.Origin.IndexOf(' ', StringComparison.Ordinal)];
                string[] frames = kind switch { "hearsay" => JudgeFrames.Hearsay, "confirmed" => JudgeFrames.Confirmed, _ => JudgeFrames.Denied };
                string? inside = StatementIn(c.Passage, frames);
                if (c.Origin.EndsWith(JudgeOrigins.FncSentenceOther, StringComparison.Ordinal))
                {
                    Assert.That(c.Claim, Is.EqualTo("The Merrow Bridge carries heavy lorries."));
                    Assert.That(SameStatement(inside, "The Merrow Bridge was built in 1931."), Is.True, "the article sentence that reads inside a frame: " + c.Passage);
                    Assert.That(c.Keys, Is.EqualTo(new[] { "bridge" }));
                }
                else
                {
                    // The other claim on the subject from the same side, never one sharing a content word with the claim ("coast").
                    var pairs = new[] { ("Hollin Vale lies on the coast.", "Hollin Vale has a lighthouse"), ("Hollin Vale has a lighthouse.", "Hollin Vale lies on the coast"), ("Hollin Vale has a lighthouse.", "Hollin Vale lies beside the coast road"), ("Hollin Vale lies beside the coast road.", "Hollin Vale has a lighthouse") };
                    Assert.That(pairs, Does.Contain((c.Claim, inside)), c.Passage);
                    Assert.That(c.Keys, Is.EqualTo(new[] { "hollin" }), "the claim's group");
                }
            }
        }
        List<JudgeCandidate> once = JudgeFrames.MakeOther(OtherCandidates, IsDev, 4, every: 1);
        Assert.That(JudgeFrames.MakeOther(OtherCandidates, IsDev, 4, every: 1).Select(c => (c.Claim, c.Passage)), Is.EqualTo(once.Select(c => (c.Claim, c.Passage))), "deterministic for a seed");
        Assert.That(JudgeFrames.MakeOther(OtherCandidates, IsDev, 4, every: 0), Is.Empty);
        Assert.That(JudgeFrames.Make(OtherCandidates, 4, every: 1).Select(c => c.Passage), Is.EqualTo(JudgeFrames.Make(OtherCandidates.Concat(once).ToList(), 4, every: 1).Select(c => c.Passage)),
            "the pairs of Make do not change with these");
    }

    [TestCase("The bridge was built in 1931.", "The Merrow Bridge carries lorries.", ExpectedResult = true)]
    [TestCase("Merrow Bridge was built in 1931.", "Lorries cross the Merrow Bridge.", ExpectedResult = true)]
    [TestCase("Merrow Bridge was built in 1931.", "Merrow Bridge carries lorries.", ExpectedResult = false)]
    [TestCase("According to the council, the bridge was built in 1931.", "The Merrow Bridge carries lorries.", ExpectedResult = false)]
    [TestCase("\u201CIt was built in 1931,\u201D he said.", "The Merrow Bridge carries lorries.", ExpectedResult = false)]
    [TestCase("\u2014 The bridge, 1931.", "The Merrow Bridge carries lorries.", ExpectedResult = false)]
    public bool AnArticleSentenceIsFramedOnlyWhenItStillReadsAsOne(string passage, string claim) => JudgeFrames.ReadsInsideFrame(passage, claim);
}
