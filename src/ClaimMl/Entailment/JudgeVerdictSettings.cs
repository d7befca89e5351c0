using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ClaimMl.Model;

namespace ClaimMl.Entailment;

/// <summary>
/// How a source's stance follows from what the judge read in its passages (the <c>verdict</c> object of the
/// judge's manifest; tuned on dev data by the judge trainer): a source <b>refutes</b> the claim when a passage
/// contradicts it with probability at least <see cref="Contradicts"/> (and more than it entails it, or, with
/// <see cref="RefuteMargin"/>, by that margin more than any passage of the source entails it); otherwise it
/// <b>supports</b> the claim when a passage entails it with probability at least <see cref="Entails"/>; otherwise
/// it discusses the claim or is unrelated, as the lexical stage says. The judge reads a source only when the lexical
/// stage gives it a probability of being unrelated below <see cref="RelatedGate"/>, and then reads its
/// <see cref="Passages"/> best-aligned sentences and, with <see cref="Window"/>, one window of two sentences.
/// </summary>
internal sealed record JudgeVerdictSettings
{
    /// <summary>The highest <see cref="RelatedGate"/> a manifest may give: the tuner's gate that reads every source.</summary>
    public const float MaxRelatedGate = 1.01f;

    /// <summary>The settings of a judge whose manifest has none.</summary>
    public static readonly JudgeVerdictSettings Default = new();

    [JsonPropertyName("entails")] public float Entails { get; init; } = 0.5f;

    [JsonPropertyName("contradicts")] public float Contradicts { get; init; } = 0.5f;

    /// <summary>
    /// The judge reads a source only when the lexical stage's probability of it being unrelated is below this; a gate
    /// above 1 (the tuner's "always" choice, 1.01) reads every source.
    /// </summary>
    [JsonPropertyName("relatedGate")] public float RelatedGate { get; init; } = 0.9f;

    /// <summary>How many of a source's best-aligned sentences the judge reads (1 to <see cref="PassageSelector.MaxPassages"/>).</summary>
    [JsonPropertyName("passages")] public int Passages { get; init; } = PassageSelector.DefaultPassages;

    /// <summary>
    /// Whether the judge also reads a window of two sentences: the best-aligned and the second-best joined, adjacent or
    /// not (<see cref="PassageSelector.Select"/>), for claims that join what two sentences say. Left out of the manifest when off.
    /// </summary>
    [JsonPropertyName("window")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Window { get; init; }

    /// <summary>
    /// With <see cref="Window"/>: the window is read for entailment only. Its probability of contradicting is not used,
    /// so a source refutes only when one of its single sentences contradicts the claim (joining two sentences can make a
    /// passage that says more than either, which the judge reads too readily as contradicting). Left out of the manifest when off.
    /// </summary>
    [JsonPropertyName("windowEntailsOnly")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool WindowEntailsOnly { get; init; }

    /// <summary>How these settings read the window.</summary>
    [JsonIgnore]
    public WindowReading WindowReading => !Window ? WindowReading.None : WindowEntailsOnly ? WindowReading.EntailmentOnly : WindowReading.Full;

    /// <summary>
    /// When set, a source refutes only when its most contradicting passage's probability of contradicting exceeds the
    /// highest probability of entailing over all the passages read in that source by at least this margin: a source
    /// that also states the claim in another passage, or whose contradicting reading is barely above an entailing one,
    /// does not refute. When null (judges tuned before it), the contradicting passage need only contradict more than
    /// it entails. Left out of the manifest when null.
    /// </summary>
    [JsonPropertyName("refuteMargin")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float? RefuteMargin { get; init; }

    /// <summary>
    /// How a single sentence's probability of contradicting the claim is read: as the judge reads the claim against it
    /// (<see cref="ContradictionReading.Forward"/>, the default), or also the other way round, the sentence read as the
    /// claim and the claim as the passage, the two combined (<see cref="ContradictionReading.BothWaysLower"/>,
    /// <see cref="ContradictionReading.BothWaysMean"/>). A contradiction holds both ways; a claim that states less than
    /// its sentence, read as contradicted only because it leaves details out, need not. Left out of the manifest when forward.
    /// </summary>
    [JsonPropertyName("contradictionReading")]
    [JsonConverter(typeof(JsonStringEnumConverter<ContradictionReading>))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ContradictionReading ContradictionReading { get; init; }

    /// <summary>Platt scaling of the verdict confidence, fitted with the thresholds; none leaves it uncalibrated.</summary>
    [JsonPropertyName("calibration")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConfidenceCalibration? Calibration { get; init; }

    /// <summary>
    /// The calibration of each verdict's confidence, fitted on the dev claims given that verdict (keys "confirmed",
    /// "disputed", "unverified"); a verdict without one uses <see cref="Calibration"/>.
    /// </summary>
    [JsonPropertyName("calibrationByVerdict")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, ConfidenceCalibration>? CalibrationByVerdict { get; init; }

    /// <summary>The key of <paramref name="verdict"/> in <see cref="CalibrationByVerdict"/>.</summary>
    public static string KeyOf(Verdict verdict) => verdict switch
    {
        Verdict.Confirmed => "confirmed",
        Verdict.Disputed => "disputed",
        _ => "unverified",
    };

    /// <summary>The calibration of <paramref name="verdict"/>'s confidence: its own, else <see cref="Calibration"/>; null when there is none.</summary>
    public ConfidenceCalibration? CalibrationFor(Verdict verdict) =>
        CalibrationByVerdict is { } byVerdict && byVerdict.TryGetValue(KeyOf(verdict), out ConfidenceCalibration? own) ? own : Calibration;

    /// <summary>The settings in a manifest's <c>verdict</c> object (defaults for what it leaves out).</summary>
    /// <exception cref="ClaimMlModelException">A value is not a number in range.</exception>
    public static JudgeVerdictSettings From(JsonObject? verdict, string description)
    {
        if (verdict is null)
        {
            return Default;
        }
        JudgeVerdictSettings settings;
        try
        {
            settings = verdict.Deserialize<JudgeVerdictSettings>() ?? Default;
        }
        catch (JsonException e)
        {
            string setting = e.Path is { Length: > 2 } path ? path[2..] : "?";
            string expected = setting == "contradictionReading" ? "not one of forward, bothWaysLower, bothWaysMean" : "not a number where one belongs";
            throw new ClaimMlModelException($"Judge model '{description}': verdict setting '{setting}' in judge.json is {expected} ({e.Message})", e);
        }
        foreach (var (name, value, max, note) in new[] { ("entails", settings.Entails, 1f, ""), ("contradicts", settings.Contradicts, 1f, ""), ("relatedGate", settings.RelatedGate, MaxRelatedGate, " (above 1: every source is read)") })
        {
            if (!(value > 0 && value <= max))
            {
                throw new ClaimMlModelException($"Judge model '{description}': verdict setting '{name}' in judge.json is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it must be above 0 and at most {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}{note}.");
            }
        }
        foreach (string key in settings.CalibrationByVerdict?.Keys ?? Enumerable.Empty<string>())
        {
            if (!Array.Exists(Enum.GetValues<Verdict>(), v => KeyOf(v) == key))
            {
                throw new ClaimMlModelException($"Judge model '{description}': 'calibrationByVerdict' in judge.json has a calibration for '{key}'; the verdicts are {string.Join(", ", Enum.GetValues<Verdict>().Select(KeyOf))}.");
            }
        }
        if (settings.RefuteMargin is float margin && !(margin >= 0 && margin <= 1))
        {
            throw new ClaimMlModelException($"Judge model '{description}': verdict setting 'refuteMargin' in judge.json is {margin.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it must be from 0 to 1.");
        }
        if (settings.Passages is < 1 or > PassageSelector.MaxPassages)
        {
            throw new ClaimMlModelException($"Judge model '{description}': verdict setting 'passages' in judge.json is {settings.Passages.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it must be from 1 to {PassageSelector.MaxPassages}.");
        }
        return settings;
    }

    /// <summary>The manifest's <c>verdict</c> object for these settings.</summary>
    public JsonObject ToJson() => (JsonObject)JsonSerializer.SerializeToNode(this)!;
}

/// <summary>A source's stance, probabilities and deciding passage from the judge's readings (see <see cref="JudgeVerdictSettings"/>).</summary>
internal static class JudgedStance
{
    /// <summary>
    /// The stance of a source: <paramref name="lexical"/> are the lexical stage's probabilities, <paramref name="read"/>
    /// what the judge read in each passage (best-aligned first; empty when the source was not read).
    /// <para>
    /// The stance: refutes when the most contradicting passage reaches <see cref="JudgeVerdictSettings.Contradicts"/>
    /// and contradicts more than it entails (with <see cref="JudgeVerdictSettings.RefuteMargin"/>: more, by the margin,
    /// than the most entailing passage of the source entails); else supports when the most entailing passage reaches
    /// <see cref="JudgeVerdictSettings.Entails"/>; else discusses or unrelated, as the lexical stage says.
    /// </para>
    /// <para>
    /// The probabilities: supports and refutes are the highest entailment and contradiction over the passages, each
    /// re-centred on its threshold (odds divided by the threshold's odds, so that a reading exactly at the threshold is
    /// 0.5 and the stance follows from them as from the readings; with a margin, refutes is the lower of that and the
    /// lead of the contradiction over the entailment, mapped from [-1, 1] to [0, 1] and re-centred on the margin),
    /// and, if they sum past 1, the stance's own side keeps its probability and the other gets what is left (so a
    /// refuting source never shows supports above refutes, nor a supporting one refutes above supports); for a source
    /// that neither supports nor refutes, both are scaled down together. The rest is
    /// shared between discusses and unrelated as the lexical stage shares it. The verdict's confidence built on them is
    /// then Platt-scaled on dev claims (<see cref="JudgeVerdictSettings.CalibrationFor"/>).
    /// </para>
    /// Returns the index of the passage that decided (the contradicting or entailing one; else the best-aligned, 0), or
    /// -1 when none was read.
    /// </summary>
    /// <param name="lexical">The lexical stage's probabilities.</param>
    /// <param name="read">What the judge read in each passage, best-aligned first.</param>
    /// <param name="settings">The verdict settings.</param>
    /// <param name="lastIsWindow">Whether the last reading is the window (then, with <see cref="JudgeVerdictSettings.WindowEntailsOnly"/>, its contradiction is not used).</param>
    public static (Stance Stance, StanceProbabilities Probabilities, int Deciding) Decide(StanceProbabilities lexical, ReadOnlyMemory<EntailmentProbabilities> read, JudgeVerdictSettings settings, bool lastIsWindow = false)
    {
        ReadOnlySpan<EntailmentProbabilities> readings = read.Span;
        float related = 1 - lexical.Unrelated;
        if (readings.IsEmpty)
        {
            var unread = new StanceProbabilities(0, 0, related, lexical.Unrelated);
            return (related >= 0.5f ? Stance.Discusses : Stance.Unrelated, unread, -1);
        }
        int entailing = 0, contradicting = 0;
        int canContradict = settings.WindowEntailsOnly && lastIsWindow && readings.Length > 1 ? readings.Length - 1 : readings.Length;
        for (int i = 1; i < readings.Length; i++)
        {
            if (readings[i].Entails > readings[entailing].Entails)
            {
                entailing = i;
            }
            if (i < canContradict && readings[i].Contradicts > readings[contradicting].Contradicts)
            {
                contradicting = i;
            }
        }
        float mostEntailing = readings[entailing].Entails;
        float supports = Centre(mostEntailing, settings.Entails);
        float refutes = Centre(readings[contradicting].Contradicts, settings.Contradicts);
        if (settings.RefuteMargin is float margin)
        {
            refutes = Math.Min(refutes, Centre((readings[contradicting].Contradicts - mostEntailing + 1) / 2, (margin + 1) / 2));
        }
        EntailmentProbabilities strongest = readings[contradicting];
        if (Refutes(strongest, mostEntailing, settings))
        {
            return (Stance.Refutes, Shares(Math.Min(supports, 1 - refutes), refutes, related, lexical), contradicting);
        }
        if (readings[entailing].Entails >= settings.Entails)
        {
            return (Stance.Supports, Shares(supports, Math.Min(refutes, 1 - supports), related, lexical), entailing);
        }
        if (supports + refutes > 1)
        {
            float scale = 1 / (supports + refutes);
            supports *= scale;
            refutes *= scale;
        }
        return (related >= 0.5f ? Stance.Discusses : Stance.Unrelated, Shares(supports, refutes, related, lexical), 0);
    }

    /// <summary>The four probabilities: supports and refutes as given, the rest shared between discusses and unrelated as the lexical stage shares it.</summary>
    private static StanceProbabilities Shares(float supports, float refutes, float related, StanceProbabilities lexical)
    {
        float rest = Math.Max(0, 1 - supports - refutes);
        return new StanceProbabilities(supports, refutes, rest * related, rest * lexical.Unrelated);
    }

    /// <summary>
    /// Whether the most contradicting reading <paramref name="strongest"/> makes the source refute, given the highest
    /// entailment over the source's passages, <paramref name="mostEntailing"/> (see <see cref="Decide"/>).
    /// </summary>
    internal static bool Refutes(EntailmentProbabilities strongest, float mostEntailing, JudgeVerdictSettings settings) =>
        strongest.Contradicts >= settings.Contradicts
        && (settings.RefuteMargin is float margin
            ? strongest.Contradicts - mostEntailing >= margin
            : strongest.Contradicts > strongest.Entails);

    /// <summary><paramref name="p"/> with its odds divided by those of <paramref name="threshold"/>: the threshold maps to 0.5, 0 and 1 stay.</summary>
    internal static float Centre(float p, float threshold)
    {
        double up = p * (1.0 - threshold), down = (1.0 - p) * threshold;
        return up + down <= 0 ? 0 : (float)(up / (up + down));
    }
}

/// <summary>How a sentence's probability of contradicting the claim is read (<see cref="JudgeVerdictSettings.ContradictionReading"/>).</summary>
internal enum ContradictionReading
{
    /// <summary>The claim against the sentence only, as the judge was trained.</summary>
    [JsonStringEnumMemberName("forward")]
    Forward,

    /// <summary>Also the sentence against the claim; the lower of the two probabilities of contradicting is used.</summary>
    [JsonStringEnumMemberName("bothWaysLower")]
    BothWaysLower,

    /// <summary>Also the sentence against the claim; the mean of the two probabilities of contradicting is used.</summary>
    [JsonStringEnumMemberName("bothWaysMean")]
    BothWaysMean,
}

/// <summary>Reading a sentence's contradiction both ways (<see cref="JudgeVerdictSettings.ContradictionReading"/>).</summary>
internal static class BothWays
{
    /// <summary>
    /// A sentence is read the other way round only when the judge reads it as contradicting the claim with at least this
    /// probability (the lowest contradiction threshold the tuner tries): below it, the sentence cannot make its source
    /// refute under any setting the tuner chooses, so the second reading is spared and the forward one kept.
    /// </summary>
    public const float Floor = 0.3f;

    /// <summary>Whether a forward reading is to be read the other way round too.</summary>
    public static bool Wanted(ContradictionReading reading, EntailmentProbabilities forward) =>
        reading != ContradictionReading.Forward && forward.Contradicts >= Floor;

    /// <summary>
    /// The forward reading with its probability of contradicting replaced by the lower or the mean of the two
    /// readings' (at most 1 minus its probability of entailing); neither takes the rest, so they still sum to 1.
    /// </summary>
    public static EntailmentProbabilities Combine(EntailmentProbabilities forward, EntailmentProbabilities reverse, ContradictionReading reading)
    {
        float contradicts = reading switch
        {
            ContradictionReading.BothWaysLower => Math.Min(forward.Contradicts, reverse.Contradicts),
            ContradictionReading.BothWaysMean => (forward.Contradicts + reverse.Contradicts) / 2,
            _ => forward.Contradicts,
        };
        contradicts = Math.Min(contradicts, 1 - forward.Entails);
        return new EntailmentProbabilities(forward.Entails, contradicts, Math.Max(0, 1 - forward.Entails - contradicts));
    }
}

/// <summary>How the judge reads the window of two sentences (<see cref="JudgeVerdictSettings.Window"/>, <see cref="JudgeVerdictSettings.WindowEntailsOnly"/>).</summary>
internal enum WindowReading
{
    /// <summary>The window is not read.</summary>
    None,

    /// <summary>The window is read like any passage.</summary>
    Full,

    /// <summary>The window is read for entailment only.</summary>
    EntailmentOnly,
}
