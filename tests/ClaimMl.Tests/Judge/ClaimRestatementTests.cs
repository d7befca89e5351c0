using ClaimMl.Training;
using NUnit.Framework;

namespace ClaimMl.Tests.Judge;

public sealed class ClaimRestatementTests
{
    [TestCase("According to the coastguard, two fishermen were rescued off Brannock Point.", ExpectedResult = "Two fishermen were rescued off Brannock Point.")]
    [TestCase("Police said that the road would stay closed until the weekend.", ExpectedResult = "The road would stay closed until the weekend.")]
    [TestCase("The council told reporters the library will reopen in spring.", ExpectedResult = "The library will reopen in spring.")]
    [TestCase("The ministry confirmed that the vaccine order has been cancelled.", ExpectedResult = "The vaccine order has been cancelled.")]
    [TestCase("The club confirmed the signing of a new goalkeeper.", ExpectedResult = null)]
    [TestCase("The company announced a new chief executive.", ExpectedResult = null)]
    [TestCase("The mayor claimed that the budget was balanced.", ExpectedResult = null)]
    [TestCase("Residents said it was loud.", ExpectedResult = null)]
    public string? DropFrameKeepsWhatTheFrameReportsAsFact(string claim) => ClaimRestatement.DropFrame(claim);

    [TestCase("Three bridges were closed.", ExpectedResult = "Three bridges were closed.")]
    [TestCase("The storm closed three bridges.", ExpectedResult = "The storm closed 3 bridges.")]
    [TestCase("7 people were hurt.", ExpectedResult = "Seven people were hurt.")]
    [TestCase("The storm damaged 4 schools and 120 homes.", ExpectedResult = "The storm damaged four schools and 120 homes.")]
    [TestCase("Turnout rose by 5 percent.", ExpectedResult = "Turnout rose by 5 percent.")]
    [TestCase("The vote was delayed.", ExpectedResult = "The vote was delayed.")]
    public string RewriteNumberWritesASmallNumberTheOtherWay(string claim) => ClaimRestatement.RewriteNumber(claim);

    [TestCase("Police made no arrests at the picket line outside Northgate depot.", ExpectedResult = "Police made no arrests at the picket line.")]
    [TestCase("The ferry sank in the harbour.", ExpectedResult = null)]
    [TestCase("Nobody was hurt.", ExpectedResult = null)]
    public string? DropClosingPhraseKeepsEnoughWords(string claim) => ClaimRestatement.DropClosingPhrase(claim);

    [Test]
    public void RestatementsStayWithinTheSentenceAndVaryWithTheDraw()
    {
        const string Sentence = "Officials said on Monday that three ferries were also cancelled at Harwick harbour, leaving hundreds stranded.";
        var random = new Random(7);
        var seen = new HashSet<string>();
        for (int i = 0; i < 1000; i++)
        {
            string restated = ClaimRestatement.Restate(Sentence, random);
            Assert.That(restated, Does.EndWith(".").And.Not.Contain("leaving"), "the leading clause only");
            Assert.That(char.IsUpper(restated[0]), Is.True, restated);
            seen.Add(restated);
        }
        Assert.That(seen, Does.Contain("Three ferries were cancelled at Harwick harbour."), "frame, time phrase and filler dropped");
        Assert.That(seen, Does.Contain("Officials said on Monday that three ferries were also cancelled at Harwick harbour."), "nothing taken");
        Assert.That(seen.Count, Is.GreaterThan(8), "the steps are drawn one by one");
        string first = ClaimRestatement.Restate(Sentence, new Random(3));
        Assert.That(ClaimRestatement.Restate(Sentence, new Random(3)), Is.EqualTo(first), "deterministic for a seed");
    }

    [TestCase("Officials said on Monday that the bridge would close.", ExpectedResult = "Officials said that the bridge would close.")]
    [TestCase("The bridge closed last week after a crack was found.", ExpectedResult = "The bridge closed after a crack was found.")]
    [TestCase("The bridge closed in March 2024 for repairs.", ExpectedResult = "The bridge closed for repairs.")]
    public string EveryStepThatAppliesWhenTheCoinAlwaysSaysYes(string claim) => ClaimRestatement.Restate(claim, new AlwaysTake());

    private sealed class AlwaysTake : Random
    {
        public override double NextDouble() => 0;
    }
}
