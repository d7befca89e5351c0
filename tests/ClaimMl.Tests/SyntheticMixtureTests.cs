using ClaimMl.Training;

namespace ClaimMl.Tests;

/// <summary>Mixed training sources (<c>train --synthetic-mixtures</c>): a denying article joined to an article of another story.</summary>
public sealed class SyntheticMixtureTests
{
    [Test]
    public void EachMixtureJoinsADenyingArticleToAnotherStoryWithClaimsFromTheOther()
    {
        LabeledPairSet articles = TinyLabeledSet.Create();
        LabeledPairSet mixed = SyntheticPairs.GenerateMixtures(articles, seed: 3, perArticle: 4);
        Assert.That(mixed.Sources, Is.Not.Empty);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(mixed.Name, Is.EqualTo(SyntheticPairs.MixturePartName));
            foreach (string source in mixed.Sources)
            {
                // Two whole training articles, one after the other.
                string[] halves = source.Split("\n\n");
                Assert.That(halves, Has.Length.EqualTo(2));
                Assert.That(articles.Sources, Does.Contain(halves[0]).And.Contain(halves[1]));
                Assert.That(halves[0], Is.Not.EqualTo(halves[1]));
                Assert.That(halves.Any(h => h.Contains("denied", StringComparison.Ordinal) || h.Contains("false", StringComparison.Ordinal)
                    || h.Contains("not", StringComparison.Ordinal) || h.Contains("No ", StringComparison.Ordinal)), Is.True, "one half denies or negates");
            }
            foreach (IGrouping<int, LabeledPair> perSource in mixed.Pairs.GroupBy(p => p.Source))
            {
                string source = mixed.Sources[perSource.Key];
                LabeledPair supported = perSource.Single(p => p.Stance == Stance.Supports);
                Assert.That(source, Does.Contain(supported.Claim), "the supported claim is a sentence of the mixed source");
                foreach (LabeledPair refuted in perSource.Where(p => p.Stance == Stance.Refutes))
                {
                    Assert.That(refuted.Claim, Is.EqualTo(SyntheticPairs.FlipNegation(supported.Claim)));
                }
                Assert.That(perSource.Select(p => p.Stance), Is.SubsetOf(new[] { Stance.Supports, Stance.Refutes }));
            }
        }
    }

    [Test]
    public void MixturesDependOnlyOnTheSeed()
    {
        LabeledPairSet articles = TinyLabeledSet.Create();
        LabeledPairSet a = SyntheticPairs.GenerateMixtures(articles, seed: 3, perArticle: 4);
        LabeledPairSet b = SyntheticPairs.GenerateMixtures(articles, seed: 3, perArticle: 4);
        LabeledPairSet c = SyntheticPairs.GenerateMixtures(articles, seed: 4, perArticle: 4);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(b.Sources, Is.EqualTo(a.Sources));
            Assert.That(b.Pairs, Is.EqualTo(a.Pairs));
            Assert.That(c.Sources.SequenceEqual(a.Sources) && c.Pairs.SequenceEqual(a.Pairs), Is.False);
        }
    }

    [Test]
    public void TheConsoleRecordsTheMixturesItTrainedOn()
    {
        using var temp = new TempDirectory();
        string fnc = Path.Combine(temp.Path, "fnc");
        TinyLabeledSet.WriteFnc(fnc);
        string model = Path.Combine(temp.Path, "m.zip");
        CliRun run = Cli.Run("train", "--data", fnc, "--synthetic-mixtures", "2", "--cv-folds", "0", "--trees", "5", "--out", model);
        Assert.That(run.ExitCode, Is.Zero, run.StdErr);
        using var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "m.metrics.json")));
        System.Text.Json.JsonElement data = metrics.RootElement.GetProperty("trainingData");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(data.GetProperty("syntheticMixturesPerArticle").GetInt32(), Is.EqualTo(2));
            Assert.That(data.GetProperty("syntheticMixturePairs").GetInt32(), Is.GreaterThan(0));
            Assert.That(run.StdErr, Does.Contain("mixed sources"));
        }
    }
}
