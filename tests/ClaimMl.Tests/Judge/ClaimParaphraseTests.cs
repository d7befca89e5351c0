using ClaimMl.Entailment;
using ClaimMl.Training;
using NUnit.Framework;

namespace ClaimMl.Tests.Judge;

public sealed class ClaimParaphraseTests
{
    [TestCase("The fire destroyed 42 homes.", "The fire destroyed more than 40 homes.", "The fire destroyed over 40 homes.")]
    [TestCase("Police said that 42 homes burned.", "Police said that more than 40 homes burned.", "Police said that over 40 homes burned.")]
    [TestCase("Officials counted 1,240 ballots.", "Officials counted more than 1,200 ballots.", "Officials counted over 1,200 ballots.")]
    [TestCase("The council spent $10,000 on signs.", "The council spent about $10,000 on signs.", "The council spent some $10,000 on signs.", "The council spent around $10,000 on signs.", "The council spent roughly $10,000 on signs.")]
    [TestCase("The storm closed three bridges.", "The storm closed 3 bridges.")]
    [TestCase("The storm hurt seven people.", "The storm hurt 7 people.")]
    [TestCase("7 people were hurt.", "Seven people were hurt.")]
    public void HedgeNumberSaysTheNumberLessExactly(string claim, params string[] allowed)
    {
        var random = new Random(3);
        for (int i = 0; i < 20; i++)
        {
            Assert.That(ClaimParaphrase.HedgeNumber(claim, random), Is.AnyOf(allowed));
        }
    }

    [TestCase("The bridge opened in 1998.")]
    [TestCase("Nearly 40 people came.")]
    [TestCase("At least 40 people came.")]
    [TestCase("The iPhone 6 went on sale.")]
    [TestCase("The song reached the Hot 100 chart.")]
    [TestCase("A 42-year-old man was arrested.")]
    [TestCase("The vote is on March 12.")]
    [TestCase("The train left at 10:45.")]
    [TestCase("The rate fell to 2.75 percent.")]
    [TestCase("Rovers won 3-2.")]
    [TestCase("Flight 370 vanished.")]
    [TestCase("The 350 model costs less.")]
    [TestCase("Ada Marlow, 42, was arrested.")]
    public void HedgeNumberLeavesYearsNamesDatesAndHedgedNumbersAlone(string claim) =>
        Assert.That(ClaimParaphrase.HedgeNumber(claim, new Random(1)), Is.Null);

    [TestCase(42, 40)]
    [TestCase(10, 10)]
    [TestCase(99, 90)]
    [TestCase(157, 150)]
    [TestCase(1240, 1200)]
    [TestCase(10_500, 10_000)]
    public void RoundDownKeepsOneOrTwoLeadingDigits(long value, long expected) => Assert.That(ClaimParaphrase.RoundDown(value), Is.EqualTo(expected));

    [TestCase("The plant closed on March 3, 2015.", ExpectedResult = "The plant closed in March 2015.")]
    [TestCase("The plant closed on March 3rd, officials said.", ExpectedResult = "The plant closed in March, officials said.")]
    [TestCase("The plant closed in March 2015.", ExpectedResult = "The plant closed in 2015.")]
    [TestCase("The plant must close by March 3.", ExpectedResult = null)]
    [TestCase("The plant closed last week.", ExpectedResult = null)]
    public string? GeneraliseDateSaysTheDateLessExactly(string claim) => ClaimParaphrase.GeneraliseDate(claim);

    [TestCase("President Ada Marlow signed the bill.", ExpectedResult = "Ada Marlow signed the bill.")]
    [TestCase("The bill was signed by former Governor Ada Marlow.", ExpectedResult = "The bill was signed by Ada Marlow.")]
    [TestCase("Dr. Ines Quarry led the trial.", ExpectedResult = "Ines Quarry led the trial.")]
    [TestCase("The US President signed the bill.", ExpectedResult = null)]
    [TestCase("The President's office declined to comment.", ExpectedResult = null)]
    public string? DropTitleKeepsTheName(string claim) => ClaimParaphrase.DropTitle(claim);

    [Test]
    public void SwapSynonymRewordsOneListedWord()
    {
        var random = new Random(5);
        var seen = new HashSet<string>();
        for (int i = 0; i < 50; i++)
        {
            seen.Add(ClaimParaphrase.SwapSynonym("The council purchased the site and began work.", random)!);
        }
        Assert.That(seen, Is.EquivalentTo(new[] { "The council bought the site and began work.", "The council purchased the site and started work." }));
    }

    [TestCase("Big Ben chimed at noon.")]
    [TestCase("She said the film \"made it big\" abroad.")]
    [TestCase("The Attorney General spoke.")]
    [TestCase("Nothing here changes.")]
    public void SwapSynonymLeavesNamesAndQuotationsAlone(string claim) => Assert.That(ClaimParaphrase.SwapSynonym(claim, new Random(2)), Is.Null);

    [TestCase("Police said that the road would stay closed until Friday.", ExpectedResult = "The road would stay closed until Friday, police said.")]
    [TestCase("The road would stay closed until Friday, police said.", ExpectedResult = "Police said that the road would stay closed until Friday.")]
    [TestCase("According to the coastguard, two fishermen were rescued.", ExpectedResult = "Two fishermen were rescued, according to the coastguard.")]
    [TestCase("Two fishermen were rescued, according to the coastguard.", ExpectedResult = "According to the coastguard, two fishermen were rescued.")]
    [TestCase("Lemon said Monday that the network was still waiting.", ExpectedResult = "The network was still waiting, Lemon said Monday.")]
    [TestCase("The club announced a new manager for the season.", ExpectedResult = null)]
    [TestCase("We took a look at the photo said to show the leader.", ExpectedResult = null)]
    public string? MoveFrameKeepsTheFrame(string claim) => ClaimParaphrase.MoveFrame(claim);

    [TestCase("After the storm, the coast road was closed.", ExpectedResult = "The coast road was closed after the storm.")]
    [TestCase("On Tuesday, the council approved the budget.", ExpectedResult = "The council approved the budget on Tuesday.")]
    [TestCase("The coast road was closed after the storm.", ExpectedResult = "After the storm, the coast road was closed.")]
    [TestCase("Police said the road was closed after the storm.", ExpectedResult = null)]
    [TestCase("The road reopened shortly after the storm.", ExpectedResult = null)]
    [TestCase("Less than two weeks after the talks ended.", ExpectedResult = null)]
    [TestCase("Police searched the house after it had been sealed off.", ExpectedResult = null)]
    [TestCase("The road closed a day after police found a crack before the storm.", ExpectedResult = null)]
    public string? ReorderClauseMovesAClauseWhole(string claim) => ClaimParaphrase.ReorderClause(claim);

    [TestCase("The plan was approved by the council.", ExpectedResult = "The council approved the plan.")]
    [TestCase("The man was arrested by police", ExpectedResult = "Police arrested the man.")]
    [TestCase("The man was arrested by police in Kell.", ExpectedResult = "Police arrested the man in Kell.")]
    [TestCase("The man was seen near the bridge.", ExpectedResult = null)]
    [TestCase("The wall was built by volunteers.", ExpectedResult = null)]
    public string? ActiveVoiceKeepsWhoDidWhat(string claim) => ClaimParaphrase.ActiveVoice(claim);

    [Test]
    public void EditIsDeterministicForASeedAndNeverReturnsTheClaim()
    {
        const string Claim = "After the storm, police said 42 homes were damaged on March 3.";
        var first = new List<string?>();
        var second = new List<string?>();
        var a = new Random(11);
        var b = new Random(11);
        for (int i = 0; i < 200; i++)
        {
            first.Add(ClaimParaphrase.Edit(Claim, a));
            second.Add(ClaimParaphrase.Edit(Claim, b));
        }
        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(first, Has.None.EqualTo(Claim).And.None.Null);
            Assert.That(first.Distinct().Count(), Is.GreaterThan(5), "the edits and their order vary with the draw");
        }
        Assert.That(ClaimParaphrase.Edit("Kell is a town.", new Random(1)), Is.Null, "no edit applies");
    }

    [Test]
    public void ParaphrasedPairsKeepPassageGroupAndLabelAndNeverRepeatAPair()
    {
        const string Passage = "The council bought the old mill in 2019 for $1,240,000.";
        JudgeCandidate entailed = new("The council purchased the old mill.", Passage, EntailmentLabel.Entails, JudgeOrigins.FeverNli, ["t:a"]);
        JudgeCandidate existing = new("The council bought the old mill.", Passage, EntailmentLabel.Contradicts, JudgeOrigins.FeverNli, ["t:b"]);
        JudgeCandidate contradicted = new("The council sold the old mill.", Passage, EntailmentLabel.Contradicts, JudgeOrigins.FeverNli, ["t:c"]);
        JudgeCandidate sick = new("The council purchased a mill.", Passage, EntailmentLabel.Entails, JudgeOrigins.Sick, ["t:d"]);
        List<JudgeCandidate> made = JudgeParaphrases.Make([entailed, existing, contradicted, sick], seed: 1, every: 1);
        Assert.That(made, Is.Empty, "the only paraphrase of the entailing FEVER claim is a pair that already exists; other labels and origins are not drawn");

        JudgeCandidate other = entailed with { Claim = "The council purchased the mill for $1,240,000." };
        made = JudgeParaphrases.Make([other], seed: 1, every: 1);
        Assert.That(made, Has.Count.EqualTo(1));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(made[0].Claim, Is.Not.EqualTo(other.Claim));
            Assert.That(made[0].Passage, Is.EqualTo(Passage));
            Assert.That(made[0].Label, Is.EqualTo(EntailmentLabel.Entails));
            Assert.That(made[0].Keys, Is.EqualTo(other.Keys));
            Assert.That(made[0].Origin, Is.EqualTo(JudgeParaphrases.Origin(JudgeOrigins.FeverNli)));
        }
        Assert.That(JudgeParaphrases.Make([other], seed: 1, every: 0), Is.Empty);
    }
}
