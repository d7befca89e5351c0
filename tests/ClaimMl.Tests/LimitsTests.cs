using ClaimMl.DataFormats.ClaimSets;
using ClaimMl.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClaimMl.Tests;

/// <summary>
/// <see cref="ClaimCheckerLimits"/>: defaults, validation, and a <see cref="ClaimCheckerLimitException"/> at every public
/// entry point (Index, Check, CheckAll, CheckText) before any work, saying which limit and how to raise it.
/// </summary>
[TestFixture]
public sealed class LimitsTests
{
    private static readonly ClaimChecker Checker = ClaimChecker.CreateDefault();

    [OneTimeTearDown]
    public void DisposeChecker() => Checker.Dispose();

    private static ClaimCheckerLimitException AssertLimit(TestDelegate call, string limit, long max, long actual)
    {
        ClaimCheckerLimitException? e = Assert.Throws<ClaimCheckerLimitException>(call);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!, Is.InstanceOf<ArgumentException>());
            Assert.That(e!.LimitName, Is.EqualTo(limit));
            Assert.That(e.Limit, Is.EqualTo(max));
            Assert.That(e.Actual, Is.EqualTo(actual));
            Assert.That(e.Message, Does.Contain($"ClaimCheckerLimits.{limit}").And.Contain("ClaimChecker.WithLimits").And.Contain("ClaimCheckingOptions.Limits")
                .And.Contain(ClaimCheckerLimits.CliOption(limit)), "says which limit and how to raise it");
        }
        return e!;
    }

    [Test]
    public void DefaultsAreDocumentedAndUsed()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ClaimCheckerLimits.Default.MaxSourceLength, Is.EqualTo(10_000_000).And.EqualTo(ClaimCheckerLimits.DefaultMaxSourceLength));
            Assert.That(ClaimCheckerLimits.Default.MaxClaimLength, Is.EqualTo(10_000).And.EqualTo(ClaimCheckerLimits.DefaultMaxClaimLength));
            Assert.That(ClaimCheckerLimits.Default.MaxSources, Is.EqualTo(10_000).And.EqualTo(ClaimCheckerLimits.DefaultMaxSources));
            Assert.That(new ClaimCheckerLimits(), Is.EqualTo(ClaimCheckerLimits.Default));
            Assert.That(Checker.Limits, Is.SameAs(ClaimCheckerLimits.Default));
            Assert.That(ClaimChecker.Load(RepoPaths.ShippedModel).Limits, Is.SameAs(ClaimCheckerLimits.Default));
        }
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(int.MinValue)]
    public void NonPositiveLimitsAreRefused(int value)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => new ClaimCheckerLimits { MaxSourceLength = value }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("MaxSourceLength"));
            Assert.That(() => new ClaimCheckerLimits { MaxClaimLength = value }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("MaxClaimLength"));
            Assert.That(() => new ClaimCheckerLimits { MaxSources = value }, Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("MaxSources"));
            Assert.That(() => Checker.WithLimits(null!), Throws.ArgumentNullException);
        }
    }

    [Test]
    public void SourceLongerThanMaxSourceLengthIsRefusedByIndex()
    {
        ClaimChecker checker = Checker.WithLimits(new ClaimCheckerLimits { MaxSourceLength = 100 });
        Assert.That(checker.Index([new Source("fits.txt", new string('a', 100))]).Count, Is.EqualTo(1));
        ClaimCheckerLimitException e = AssertLimit(() => checker.Index([new Source("fits.txt", "Fine."), new Source("long.txt", new string('a', 101))]), "MaxSourceLength", 100, 101);
        Assert.That(e.Message, Does.StartWith("Source 'long.txt' is 101 characters long, over the limit of 100"));
    }

    [Test]
    public void MoreSourcesThanMaxSourcesIsRefusedByIndexBeforeIndexingAny()
    {
        ClaimChecker checker = Checker.WithLimits(new ClaimCheckerLimits { MaxSources = 3 });
        Source[] four = Enumerable.Range(0, 4).Select(i => new Source($"{i}.txt", "Text.")).ToArray();
        Assert.That(checker.Index(four[..3]).Count, Is.EqualTo(3));
        ClaimCheckerLimitException e = AssertLimit(() => checker.Index(four), "MaxSources", 3, 4);
        Assert.That(e.Message, Does.StartWith("4 sources were given, over the limit of 3"));

        // A lazy sequence is not enumerated past the limit: an endless one fails at once.
        int enumerated = 0;
        IEnumerable<Source> endless = Endless(() => enumerated++);
        e = Bounded.Run(() => Assert.Throws<ClaimCheckerLimitException>(() => checker.Index(endless))!, 10);
        Assert.That(e.Message, Does.StartWith("More than 3 sources were given"));
        Assert.That(enumerated, Is.EqualTo(4));

        static IEnumerable<Source> Endless(Action counted)
        {
            while (true)
            {
                counted();
                yield return new Source("s.txt", "Text.");
            }
        }
    }

    [Test]
    public void ClaimLongerThanMaxClaimLengthIsRefusedByCheckCheckAllAndCheckText()
    {
        ClaimChecker checker = Checker.WithLimits(new ClaimCheckerLimits { MaxClaimLength = 50 });
        SourceSet sources = checker.Index([new Source("a.txt", "The ferry runs every hour. The bridge is closed.")]);
        string fits = new string('b', 44) + " ok.", over = new string('b', 100);
        Assert.That(fits, Has.Length.EqualTo(48));
        Assert.That(checker.Check(new string('x', 50), sources).Sources, Has.Count.EqualTo(1));

        ClaimCheckerLimitException e = AssertLimit(() => checker.Check(new string('x', 51), sources), "MaxClaimLength", 50, 51);
        Assert.That(e.Message, Does.StartWith("The claim is 51 characters long, over the limit of 50"));

        e = AssertLimit(() => checker.CheckAll(["The ferry runs.", fits, over], sources), "MaxClaimLength", 50, 100);
        Assert.That(e.Message, Does.StartWith("Claim 2 is 100 characters long"), "CheckAll names the claim, and is not an AggregateException");

        e = AssertLimit(() => checker.CheckText("The ferry runs. " + new string('C', 60) + ".", sources), "MaxClaimLength", 50, 61);
        Assert.That(e.Message, Does.StartWith("Sentence 1 of the text is 61 characters long"));
    }

    [Test]
    public void CheckRefusesASourceSetLargerThanItsOwnLimit()
    {
        SourceSet five = Checker.Index(Enumerable.Range(0, 5).Select(i => new Source($"{i}.txt", "The ferry runs every hour.")));
        ClaimChecker strict = Checker.WithLimits(new ClaimCheckerLimits { MaxSources = 4 });
        AssertLimit(() => strict.Check("The ferry runs.", five), "MaxSources", 4, 5);
        AssertLimit(() => strict.CheckAll(["The ferry runs."], five), "MaxSources", 4, 5);
    }

    [Test]
    public void CheckAllRefusesBadArgumentsBeforeCheckingAnyAndUnwrapped()
    {
        SourceSet sources = Checker.Index([new Source("a.txt", "The ferry runs every hour.")]);
        SourceSet foreign = ClaimChecker.Load(RepoPaths.ShippedModel).Index([new Source("a.txt", "The ferry runs every hour.")]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => Checker.CheckAll(["Fine.", null!], sources), Throws.TypeOf<ArgumentNullException>().With.Message.Contains("Claim 1 is null"));
            Assert.That(() => Checker.CheckAll(["Fine."], foreign), Throws.TypeOf<ArgumentException>().With.Message.Contains("another model"));
            Assert.That(() => Checker.CheckAll(["Fine."], null!), Throws.ArgumentNullException);
        }
    }

    [Test]
    public void WithLimitsSharesTheModelAndItsSourceSets()
    {
        ClaimChecker wide = Checker.WithLimits(new ClaimCheckerLimits { MaxClaimLength = 200_000 });
        SourceSet sources = Checker.Index([new Source("a.txt", "The ferry runs every hour.")]);
        string longClaim = string.Join(' ', Enumerable.Repeat("The ferry runs every hour.", 1000));
        Assert.That(longClaim.Length, Is.GreaterThan(ClaimCheckerLimits.DefaultMaxClaimLength));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(wide.Model, Is.SameAs(Checker.Model));
            Assert.That(wide.Limits.MaxClaimLength, Is.EqualTo(200_000));
            Assert.That(wide.Limits.MaxSourceLength, Is.EqualTo(ClaimCheckerLimits.DefaultMaxSourceLength));
            Assert.That(() => Checker.Check(longClaim, sources), Throws.TypeOf<ClaimCheckerLimitException>());
            Assert.That(wide.Check(longClaim, sources).Sources, Has.Count.EqualTo(1), "a raised limit lets the claim through, on sources the other checker indexed");
        }
    }

    [Test]
    public void AddClaimCheckingAppliesTheLimitsOfItsOptions()
    {
        var limits = new ClaimCheckerLimits { MaxClaimLength = 20 };
        using ServiceProvider provider = new ServiceCollection().AddClaimChecking(o => o.Limits = limits).BuildServiceProvider();
        ClaimChecker checker = provider.GetRequiredService<ClaimChecker>();
        Assert.That(checker.Limits, Is.SameAs(limits));
        Assert.That(() => checker.Check("A claim longer than twenty characters.", checker.Index([])), Throws.TypeOf<ClaimCheckerLimitException>());

        using ServiceProvider defaults = new ServiceCollection().AddClaimChecking().BuildServiceProvider();
        Assert.That(defaults.GetRequiredService<ClaimChecker>().Limits, Is.EqualTo(ClaimCheckerLimits.Default));

        using ServiceProvider none = new ServiceCollection().AddClaimChecking(o => o.Limits = null!).BuildServiceProvider();
        Assert.That(() => none.GetRequiredService<ClaimChecker>(), Throws.TypeOf<OptionsValidationException>().With.Message.Contains("Limits"));
    }

    [Test]
    public void EvaluationOfLabeledSetsIsNotLimited()
    {
        string longClaim = string.Join(' ', Enumerable.Repeat("The ferry runs every hour.", 1000));
        var set = new ClaimSet("long", [new ClaimCase("1", longClaim, ["The ferry runs every hour."], Verdict.Confirmed, null, "SUPPORTS")], ClaimSetScoring.Verdicts);
        Assert.That(() => ClaimSetEvaluator.Evaluate(Checker, set), Throws.Nothing);
    }

    [TestCase("--max-source-length")]
    [TestCase("--max-claim-length")]
    [TestCase("--max-sources")]
    public void ConsoleRefusesANonPositiveLimit(string option)
    {
        CliRun run = Cli.Run("check", "--sources", RepoPaths.SampleSources, "--claims", RepoPaths.SampleClaims, option, "0");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.StdErr, Does.Contain($"{option} must be a positive number"));
            Assert.That(run.StdOut, Does.Not.Contain("\"verdict\"").And.Not.Contain("claims ×"), "nothing is checked");
        }
    }

    [Test]
    public void ConsoleLimitOptionsRaiseTheLimits()
    {
        using var temp = new TempDirectory();
        string longClaim = string.Join(' ', Enumerable.Repeat("The Merrow Bridge is closed.", 500));
        string claims = temp.WriteText("claims.txt", longClaim + "\n");
        CliRun refused = Cli.Run("check", "--sources", RepoPaths.SampleSources, "--claims", claims, "--format", "json");
        CliRun raised = Cli.Run("check", "--sources", RepoPaths.SampleSources, "--claims", claims, "--format", "json", "--max-claim-length", "20000");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.ExitCode, Is.EqualTo(2), refused.StdErr);
            Assert.That(refused.StdErr, Does.Contain($"{claims}:1: the claim is {longClaim.Length:N0} characters long, over the limit of 10,000"));
            Assert.That(raised.ExitCode, Is.Zero, raised.StdErr);
            Assert.That(raised.StdOut, Does.Contain("\"verdict\""));
        }
    }
}
