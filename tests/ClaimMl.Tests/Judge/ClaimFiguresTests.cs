using System.Globalization;
using System.Text.RegularExpressions;
using ClaimMl.Training;

namespace ClaimMl.Tests.Judge;

[TestFixture]
public sealed class ClaimFiguresTests
{
    private static readonly Regex Hedged = new(@"(?<hedge>more than|over|at least|fewer than|less than|under|about|around|roughly|some|approximately|nearly|almost|just under|a little under|close to) \$?(?<n>[\d,]+)", RegexOptions.CultureInvariant);

    /// <summary>Whether "hedge figure" is true of the value: the reading the restated claims must pass and the misstated ones fail.</summary>
    private static bool HoldsOf(string hedge, long figure, long value) => hedge switch
    {
        "more than" or "over" => value > figure,
        "at least" => value >= figure,
        "fewer than" or "less than" or "under" => value < figure,
        "nearly" or "almost" or "just under" or "a little under" or "close to" => value <= figure && (figure - value) * 100 <= figure * 15,
        _ => Math.Abs(figure - value) * 100 <= value * 12, // about, around, roughly, some, approximately
    };

    private static (string Hedge, long Figure) Read(string text)
    {
        Match m = Hedged.Match(text);
        Assert.That(m.Success, Is.True, $"no hedged figure in '{text}'");
        return (m.Groups["hedge"].Value, long.Parse(m.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture));
    }

    [TestCase("The storm damaged 27 homes.", 27L, "27")]
    [TestCase("Police arrested 12,480 people over the year.", 12_480L, "12,480")]
    [TestCase("The company paid $450 to each worker.", 450L, "$450")]
    [TestCase("Surveyors counted 268 nesting pairs on the island.", 268L, "268")]
    [TestCase("The river rose 11 feet overnight.", 11L, "11")]
    [TestCase("A fire destroyed 1,000,000 acres.", 1_000_000L, "1,000,000")]
    public void ARestatedCountStillHoldsAndAMisstatedOneIsRuledOut(string claim, long value, string figure)
    {
        for (int seed = 0; seed < 200; seed++)
        {
            ClaimFigures.Restatement? made = ClaimFigures.RestateCount(claim, new Random(seed));
            Assert.That(made, Is.Not.Null, claim);
            (string restatedHedge, long restated) = Read(made!.Value.Restated);
            (string misstatedHedge, long misstated) = Read(made.Value.Misstated);
            Assert.Multiple(() =>
            {
                Assert.That(HoldsOf(restatedHedge, restated, value), Is.True, $"seed {seed}: '{made.Value.Restated}' should hold of {value}");
                Assert.That(HoldsOf(misstatedHedge, misstated, value), Is.False, $"seed {seed}: '{made.Value.Misstated}' should be ruled out by {value}");
                Assert.That(made.Value.Figure, Is.EqualTo(figure));
                Assert.That(made.Value.Restated, Is.Not.EqualTo(claim), "the figure is said another way");
            });
        }
    }

    [Test]
    public void BothSidesUseEveryKindOfHedgeSoThatTheWordDoesNotGiveTheLabelAway()
    {
        var restated = new HashSet<string>(StringComparer.Ordinal);
        var misstated = new HashSet<string>(StringComparer.Ordinal);
        for (int seed = 0; seed < 400; seed++)
        {
            ClaimFigures.Restatement made = ClaimFigures.RestateCount("The storm damaged 27 homes.", new Random(seed))!.Value;
            restated.Add(Read(made.Restated).Hedge);
            misstated.Add(Read(made.Misstated).Hedge);
        }
        string[] kinds = ["more than", "fewer than", "about", "nearly"];
        Assert.That(kinds, Is.SubsetOf(restated).And.SubsetOf(misstated));
    }

    [TestCase("The bridge opened in 1998.")]
    [TestCase("The iPhone 6 went on sale.")]
    [TestCase("Flight 370 vanished.")]
    [TestCase("Nearly 40 people came.")]
    [TestCase("The train left at 10:45.")]
    [TestCase("The rate fell to 2.75 percent.")]
    [TestCase("Ada Marlow, 42, was arrested.")]
    [TestCase("A 42-year-old man was arrested.")]
    [TestCase("The storm hurt seven people.")]
    public void YearsNamesTimesHedgedAndSmallNumbersAreNotRestated(string claim) =>
        Assert.That(ClaimFigures.Restate(claim, new Random(1)), Is.Null);

    [TestCase("The ban lasts ten years.", "The ban lasts a decade.", new[] { "The ban lasts two decades.", "The ban lasts five years.", "The ban lasts half a decade." })]
    [TestCase("Talks went on for 24 hours.", "Talks went on for a day.", new[] { "Talks went on for two days.", "Talks went on for a week." })]
    [TestCase("Twelve months later the mine reopened.", "A year later the mine reopened.", new[] { "Two years later the mine reopened.", "Half a year later the mine reopened." })]
    [TestCase("The farm lost 12 cows.", "The farm lost a dozen cows.", new[] { "The farm lost two dozen cows.", "The farm lost half a dozen cows." })]
    public void ASpanOfTimeIsSaidAnotherWayAndMisstatedAsAnotherSpan(string claim, string restated, string[] misstated)
    {
        for (int seed = 0; seed < 20; seed++)
        {
            ClaimFigures.Restatement? made = ClaimFigures.RestateSpan(claim, new Random(seed));
            Assert.That(made?.Restated, Is.EqualTo(restated));
            Assert.That(made?.Misstated, Is.AnyOf(misstated));
        }
    }

    [TestCase("The meeting starts at 12 noon.")]
    [TestCase("The 12 cows were sold.")]
    [TestCase("Route 12 closed.")]
    public void TwelveIsADozenOnlyWhenItCountsSomething(string claim) => Assert.That(ClaimFigures.RestateSpan(claim, new Random(1)), Is.Null);

    [Test]
    public void AChangeBetweenTwoCountsIsSaidAsItsSize()
    {
        for (int seed = 0; seed < 200; seed++)
        {
            ClaimFigures.Restatement made = ClaimFigures.RestateChange("The number of nesting pairs fell from 268 to 212 this year.", new Random(seed))!.Value;
            Assert.Multiple(() =>
            {
                Assert.That(made.Restated, Does.StartWith("The number of nesting pairs fell by ").And.EndWith(" this year."));
                Assert.That(made.Figure, Is.EqualTo("from 268 to 212"));
                (string hedge, long figure) = Read(made.Restated);
                Assert.That(HoldsOf(hedge, figure, 56), Is.True, made.Restated);
                (hedge, figure) = Read(made.Misstated);
                Assert.That(HoldsOf(hedge, figure, 56), Is.False, made.Misstated);
            });
        }
        Assert.That(ClaimFigures.RestateChange("Turnout rose from 2010 to 2014.", new Random(1)), Is.Null, "years are not counts");
    }

    [TestCase("Officials said 11 aircraft were taken.", "11", ExpectedResult = true)]
    [TestCase("The attack came before the 9/11 anniversary.", "11", ExpectedResult = false)]
    [TestCase("She released her 17th album.", "17", ExpectedResult = false)]
    [TestCase("The tip was $2,000.", "20", ExpectedResult = false)]
    [TestCase("The tip was $2,000.", "$2,000", ExpectedResult = true)]
    [TestCase("It fell to 2.5 percent.", "2", ExpectedResult = false)]
    [TestCase("Ten years later, it closed.", "ten years", ExpectedResult = true)]
    public bool APassageHoldsAFigureOnlyAsAWholeFigure(string passage, string figure) => JudgeFigures.Holds(passage, figure);
}
