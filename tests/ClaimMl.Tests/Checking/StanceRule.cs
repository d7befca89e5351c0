using ClaimMl.Entailment;

namespace ClaimMl.Tests.Checking;

/// <summary>Checks that a source's stance follows the checker's rule: the stance model's verdict thresholds, or in the judged mode the judge's readings against its thresholds.</summary>
internal static class StanceRule
{
    public static void AssertFollowed(ClaimChecker checker, SourceAssessment source, string where)
    {
        if (checker.Mode == ClaimCheckingMode.LexicalOnly)
        {
            Assert.That(source.Stance, Is.EqualTo(checker.Model.DecideForVerdict(source.Probabilities)), $"{where}: the stance follows the model's verdict thresholds");
            return;
        }
        JudgeVerdictSettings settings = checker.JudgeSettings;
        // The most contradicting passage refutes when it reaches the threshold and contradicts more than it entails or,
        // with a refute margin, by the margin more than the source's most entailing passage entails.
        PassageReading? strongest = source.Passages.Count == 0 ? null : source.Passages.MaxBy(p => p.Probabilities.Contradicts);
        float mostEntailing = source.Passages.Count == 0 ? 0 : source.Passages.Max(p => p.Probabilities.Entails);
        bool refutes = strongest is not null && strongest.Probabilities.Contradicts >= settings.Contradicts
            && (settings.RefuteMargin is float margin
                ? strongest.Probabilities.Contradicts - mostEntailing >= margin
                : strongest.Probabilities.Contradicts > strongest.Probabilities.Entails);
        PassageReading[] entailing = source.Passages.Where(p => p.Probabilities.Entails >= settings.Entails).ToArray();
        Stance expected = refutes ? Stance.Refutes : entailing.Length > 0 ? Stance.Supports : source.Stance is Stance.Discusses or Stance.Unrelated ? source.Stance : Stance.Discusses;
        Assert.That(source.Stance, Is.EqualTo(expected), $"{where}: the stance follows the judge's readings and thresholds");
        if (source.Stance == Stance.Refutes)
        {
            Assert.That(source.Evidence, Is.EqualTo(strongest!.Text), $"{where}: the evidence is the contradicting passage");
        }
        if (source.Stance == Stance.Supports)
        {
            Assert.That(entailing.Select(p => p.Text), Does.Contain(source.Evidence), $"{where}: the evidence is an entailing passage");
        }
    }
}
