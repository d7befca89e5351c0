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
        PassageReading[] contradicting = source.Passages.Where(p => p.Probabilities.Contradicts >= settings.Contradicts && p.Probabilities.Contradicts > p.Probabilities.Entails).ToArray();
        PassageReading[] entailing = source.Passages.Where(p => p.Probabilities.Entails >= settings.Entails).ToArray();
        Stance expected = contradicting.Length > 0 ? Stance.Refutes : entailing.Length > 0 ? Stance.Supports : source.Stance is Stance.Discusses or Stance.Unrelated ? source.Stance : Stance.Discusses;
        Assert.That(source.Stance, Is.EqualTo(expected), $"{where}: the stance follows the judge's readings and thresholds");
        if (source.Stance == Stance.Refutes)
        {
            Assert.That(contradicting.Select(p => p.Text), Does.Contain(source.Evidence), $"{where}: the evidence is the contradicting passage");
        }
        if (source.Stance == Stance.Supports)
        {
            Assert.That(entailing.Select(p => p.Text), Does.Contain(source.Evidence), $"{where}: the evidence is an entailing passage");
        }
    }
}
