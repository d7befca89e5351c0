using System.Globalization;
using System.Text;
using ClaimMl.Entailment;

namespace ClaimMl.Training;

/// <summary>Pairs per label.</summary>
/// <param name="Entails">Pairs labeled <see cref="EntailmentLabel.Entails"/>.</param>
/// <param name="Contradicts">Pairs labeled <see cref="EntailmentLabel.Contradicts"/>.</param>
/// <param name="Neither">Pairs labeled <see cref="EntailmentLabel.Neither"/>.</param>
internal readonly record struct LabelCounts(int Entails, int Contradicts, int Neither)
{
    /// <summary>All pairs.</summary>
    public int Total => Entails + Contradicts + Neither;

    /// <summary>The pairs of one label.</summary>
    public int this[EntailmentLabel label] => label switch
    {
        EntailmentLabel.Entails => Entails,
        EntailmentLabel.Contradicts => Contradicts,
        _ => Neither,
    };

    /// <summary>Both counts added.</summary>
    public static LabelCounts operator +(LabelCounts a, LabelCounts b) => new(a.Entails + b.Entails, a.Contradicts + b.Contradicts, a.Neither + b.Neither);
}

/// <summary>The pairs of one origin on each side of the split.</summary>
/// <param name="Origin">The origin (<see cref="JudgeOrigins"/>).</param>
/// <param name="Train">Its training pairs per label.</param>
/// <param name="Dev">Its dev pairs per label.</param>
internal sealed record JudgeOriginCounts(string Origin, LabelCounts Train, LabelCounts Dev);

/// <summary>What <see cref="JudgePairs.Build"/> made: pairs per origin and label on each side, and what it left out.</summary>
/// <param name="Origins">One row per origin, in the order the origins first appear.</param>
/// <param name="EmptyDropped">Pairs left out for an empty or white-space claim or passage.</param>
/// <param name="DuplicatesDropped">Pairs left out because the same claim, passage and label came earlier.</param>
internal sealed record JudgePairSummary(IReadOnlyList<JudgeOriginCounts> Origins, int EmptyDropped, int DuplicatesDropped)
{
    /// <summary>The training pairs of all origins per label.</summary>
    public LabelCounts Train => Origins.Aggregate(default(LabelCounts), (sum, o) => sum + o.Train);

    /// <summary>The dev pairs of all origins per label.</summary>
    public LabelCounts Dev => Origins.Aggregate(default(LabelCounts), (sum, o) => sum + o.Dev);

    /// <summary>The row of an origin, or <see langword="null"/> when it made no pair.</summary>
    public JudgeOriginCounts? this[string origin] => Origins.FirstOrDefault(o => o.Origin == origin);

    /// <summary>A plain-text table: one line per origin (train and dev, each entails / contradicts / neither), a total, and the drops.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"{"origin",-26} {"train E",8} {"C",7} {"N",7} {"dev E",7} {"C",6} {"N",6}");
        foreach (JudgeOriginCounts o in Origins.Append(new JudgeOriginCounts("total", Train, Dev)))
        {
            text.AppendLine(c, $"{o.Origin,-26} {o.Train.Entails,8:N0} {o.Train.Contradicts,7:N0} {o.Train.Neither,7:N0} {o.Dev.Entails,7:N0} {o.Dev.Contradicts,6:N0} {o.Dev.Neither,6:N0}");
        }
        text.AppendLine(c, $"dropped: {EmptyDropped:N0} with an empty claim or passage, {DuplicatesDropped:N0} repeated");
        return text.ToString();
    }
}
