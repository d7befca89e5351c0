using ClaimMl.Entailment;
using ClaimMl.Training;

namespace ClaimMl.Tests.Judge;

/// <summary>The verdict tuner on readings made by hand: what it chooses follows from the dev claims, and fewer passages is a prefix of the readings.</summary>
[TestFixture]
public sealed class JudgeVerdictTunerTests
{
    private static readonly StanceProbabilities Related = new(0.1f, 0.1f, 0.7f, 0.1f);

    private static TunedClaim Claim(Verdict gold, params EntailmentProbabilities[] readings) =>
        new("dev", gold, [new SourceReading(Related, [], readings)]);

    private static EntailmentProbabilities E(float entails, float contradicts) => new(entails, contradicts, 1 - entails - contradicts);

    /// <summary>Each claim's best-aligned passage decides rightly; its second passage reads a contradiction into a confirmed claim.</summary>
    private static readonly TunedClaim[] Claims =
    [
        Claim(Verdict.Confirmed, E(0.9f, 0.05f), E(0.02f, 0.97f)),
        Claim(Verdict.Confirmed, E(0.92f, 0.03f), E(0.05f, 0.93f), E(0.1f, 0.1f)),
        Claim(Verdict.Confirmed, E(0.88f, 0.02f)),
        Claim(Verdict.Disputed, E(0.03f, 0.95f), E(0.1f, 0.2f)),
        Claim(Verdict.Disputed, E(0.02f, 0.9f)),
        Claim(Verdict.Unverified, E(0.1f, 0.1f), E(0.2f, 0.1f)),
        Claim(Verdict.Unverified, E(0.2f, 0.05f)),
    ];

    [Test]
    public void ItReadsOnePassageWhenTheSecondMisleadsAndThreeUnlessAskedToChoose()
    {
        var (chosen, objective, parts) = JudgeVerdictTuner.Tune(Claims, pairs: null, JudgeVerdictTuner.PassageCounts);
        Assert.That(chosen.Passages, Is.EqualTo(1));
        Assert.That(objective, Is.EqualTo(1.0).Within(1e-9), "every claim right on its best passage");
        Assert.That(parts["dev"], Is.EqualTo(objective));

        var (fixedCount, fixedObjective, _) = JudgeVerdictTuner.Tune(Claims);
        Assert.That(fixedCount.Passages, Is.EqualTo(PassageSelector.DefaultPassages));
        Assert.That(fixedObjective, Is.LessThan(1.0), "with every passage read, a misleading second passage costs a claim");
    }

    [Test]
    public void CrossValidationHoldsOutWholeEventsAndScoresEachWithSettingsChosenWithoutIt()
    {
        // Three events agree that entails ≥ 0.45 decides; a fourth, larger, states its claims only at 0.40–0.41: tuned on all, the threshold bends to it.
        TunedClaim In(string name, TunedClaim claim) => claim with { Event = name };
        var claims = new List<TunedClaim>();
        foreach (string name in new[] { "a", "b", "c" })
        {
            claims.Add(In(name, Claim(Verdict.Confirmed, E(0.6f, 0.05f))));
            claims.Add(In(name, Claim(Verdict.Unverified, E(0.42f, 0.05f))));
            claims.Add(In(name, Claim(Verdict.Disputed, E(0.05f, 0.9f))));
        }
        for (int i = 0; i < 8; i++)
        {
            claims.Add(In("d", Claim(Verdict.Confirmed, E(0.40f + (i * 0.002f), 0.05f))));
        }

        var (heldOut, folds) = JudgeVerdictTuner.CrossValidate(claims);
        var (settings, _, _) = JudgeVerdictTuner.Tune(claims);
        double inSample = JudgeVerdictTuner.MacroF1(claims.Select(c => (int)c.Gold).ToList(), claims.Select(c => (int)JudgeVerdictTuner.Decide(c, settings).Verdict).ToList(), 3);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(folds.Select(f => f.Event), Is.EqualTo(new[] { "a", "b", "c", "d" }));
            Assert.That(folds.Sum(f => f.Claims), Is.EqualTo(claims.Count));
            Assert.That(folds.Single(f => f.Event == "d").Settings.Entails, Is.GreaterThan(0.42f), "chosen without event d, the threshold does not bend to it");
            Assert.That(folds.Single(f => f.Event == "d").MacroF1, Is.EqualTo(0.0), "so event d's claims, held out, are missed");
            Assert.That(heldOut, Is.LessThan(inSample), "the held-out figure shows what tuning on the claims themselves hides");
        }
        Assert.That(() => JudgeVerdictTuner.CrossValidate(Claims), Throws.ArgumentException.With.Message.Contains("two events"));
    }

    [Test]
    public void DecideReadsOnlyTheFirstPassagesAndNothingPastTheGate()
    {
        TunedClaim claim = Claims[0];
        var settings = new JudgeVerdictSettings { Entails = 0.5f, Contradicts = 0.5f, RelatedGate = 0.9f };
        Assert.That(JudgeVerdictTuner.Decide(claim, settings with { Passages = 1 }).Verdict, Is.EqualTo(Verdict.Confirmed));
        Assert.That(JudgeVerdictTuner.Decide(claim, settings with { Passages = 2 }).Verdict, Is.EqualTo(Verdict.Disputed));
        Assert.That(JudgeVerdictTuner.Decide(claim, settings with { Passages = 3 }).Verdict, Is.EqualTo(Verdict.Disputed), "more than it holds: all of them");
        Assert.That(JudgeVerdictTuner.Decide(claim, settings with { RelatedGate = 0.05f }).Verdict, Is.EqualTo(Verdict.Unverified), "a source past the gate is not read");
    }

    private static TunedClaim Windowed(Verdict gold, EntailmentProbabilities[] sentences, EntailmentProbabilities window) =>
        new("dev", gold, [new SourceReading(Related, [], sentences.Append(window).ToArray(), EndsWithWindow: true)]);

    /// <summary>Claims that join two sentences: no sentence alone states them, the window does; other claims' windows say nothing new.</summary>
    private static readonly TunedClaim[] JoinedClaims =
    [
        Windowed(Verdict.Confirmed, [E(0.2f, 0.05f), E(0.15f, 0.05f)], E(0.9f, 0.02f)),
        Windowed(Verdict.Confirmed, [E(0.25f, 0.05f)], E(0.85f, 0.05f)),
        Windowed(Verdict.Confirmed, [E(0.9f, 0.05f), E(0.1f, 0.1f)], E(0.8f, 0.05f)),
        Windowed(Verdict.Disputed, [E(0.03f, 0.95f)], E(0.05f, 0.9f)),
        Windowed(Verdict.Unverified, [E(0.1f, 0.1f), E(0.2f, 0.1f)], E(0.15f, 0.1f)),
        Windowed(Verdict.Unverified, [E(0.2f, 0.05f)], E(0.1f, 0.05f)),
    ];

    [Test]
    public void TheWindowIsChosenWhenClaimsJoinTwoSentencesAndIsNeverReadUnlessChosen()
    {
        var (chosen, objective, _) = JudgeVerdictTuner.Tune(JoinedClaims, pairs: null, passageCounts: null, JudgeVerdictTuner.WindowChoices);
        var (without, withoutObjective, _) = JudgeVerdictTuner.Tune(JoinedClaims);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(chosen.Window, Is.True);
            Assert.That(objective, Is.EqualTo(1.0).Within(1e-9));
            Assert.That(without.Window, Is.False, "without --tune-window the window is not read");
            Assert.That(withoutObjective, Is.LessThan(1.0), "two stated claims are missed sentence by sentence");
            Assert.That(JudgeVerdictTuner.Tune(Claims, pairs: null, passageCounts: null, JudgeVerdictTuner.WindowChoices).Settings.Window, Is.False,
                "claims read without a window: the tie goes to the grid's first, no window");
        }
    }

    [Test]
    public void DecideReadsTheWindowOnlyWhenTheSettingsSayAndAfterTheChosenSentences()
    {
        TunedClaim claim = Windowed(Verdict.Confirmed, [E(0.2f, 0.05f), E(0.05f, 0.97f), E(0.1f, 0.1f)], E(0.9f, 0.02f));
        var settings = new JudgeVerdictSettings { Entails = 0.5f, Contradicts = 0.95f, RelatedGate = 0.9f };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(JudgeVerdictTuner.Decide(claim, settings).Verdict, Is.EqualTo(Verdict.Disputed), "the second sentence contradicts; the window is not read");
            Assert.That(JudgeVerdictTuner.Decide(claim, settings with { Passages = 1 }).Verdict, Is.EqualTo(Verdict.Unverified));
            Assert.That(JudgeVerdictTuner.Decide(claim, settings with { Passages = 1, Window = true }).Verdict, Is.EqualTo(Verdict.Confirmed), "the first sentence and the window");
            Assert.That(JudgeVerdictTuner.Decide(claim, settings with { Window = true }).Verdict, Is.EqualTo(Verdict.Disputed), "every sentence and the window");
            Assert.That(JudgeVerdictTuner.Readings(claim.Sources[0], settings with { Passages = 2, Window = true }).ToArray(),
                Is.EqualTo(new[] { E(0.2f, 0.05f), E(0.05f, 0.97f), E(0.9f, 0.02f) }));
        }
        JudgeVerdictSettings read = JudgeVerdictSettings.From((settings with { Window = true }).ToJson(), "test");
        Assert.That(read.Window, Is.True, "the manifest keeps the window");
        Assert.That(settings.ToJson().ContainsKey("window"), Is.False, "a judge without the window keeps its manifest as it was");
    }

    /// <summary>Claims whose windows state what two sentences join, and whose windows also read contradictions into true claims.</summary>
    private static readonly TunedClaim[] JoinedMisreadClaims =
    [
        .. JoinedClaims,
        Windowed(Verdict.Confirmed, [E(0.9f, 0.05f), E(0.1f, 0.05f)], E(0.02f, 0.96f)),
        Windowed(Verdict.Confirmed, [E(0.85f, 0.05f)], E(0.03f, 0.92f)),
    ];

    [Test]
    public void TheWindowIsReadForEntailmentOnlyWhenItsContradictionsMislead()
    {
        var (chosen, objective, _) = JudgeVerdictTuner.Tune(JoinedMisreadClaims, pairs: null, passageCounts: null, JudgeVerdictTuner.WindowChoices);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(chosen.WindowReading, Is.EqualTo(WindowReading.EntailmentOnly));
            Assert.That(objective, Is.EqualTo(1.0).Within(1e-9), "the window's entailments kept, its contradictions dropped");
            Assert.That(JudgeVerdictTuner.Tune(JoinedClaims, pairs: null, passageCounts: null, JudgeVerdictTuner.WindowChoices).Settings.WindowReading, Is.EqualTo(WindowReading.Full),
                "when the window's contradictions do no harm, the tie goes to the grid's earlier choice, the whole window");
        }
    }

    [Test]
    public void AWindowReadForEntailmentOnlyNeverRefutesAndStillSupports()
    {
        var settings = new JudgeVerdictSettings { Entails = 0.5f, Contradicts = 0.5f, RelatedGate = 0.9f, Window = true };
        TunedClaim contradictedByWindow = Windowed(Verdict.Confirmed, [E(0.9f, 0.05f)], E(0.02f, 0.96f));
        TunedClaim statedByWindow = Windowed(Verdict.Confirmed, [E(0.2f, 0.05f)], E(0.9f, 0.02f));
        TunedClaim contradictedBySentence = Windowed(Verdict.Disputed, [E(0.02f, 0.9f)], E(0.02f, 0.95f));
        JudgeVerdictSettings entailmentOnly = settings with { WindowEntailsOnly = true };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(JudgeVerdictTuner.Decide(contradictedByWindow, settings).Verdict, Is.EqualTo(Verdict.Disputed));
            Assert.That(JudgeVerdictTuner.Decide(contradictedByWindow, entailmentOnly).Verdict, Is.EqualTo(Verdict.Confirmed), "the window's contradiction is not read");
            Assert.That(JudgeVerdictTuner.Decide(statedByWindow, entailmentOnly).Verdict, Is.EqualTo(Verdict.Confirmed), "the window's entailment is");
            Assert.That(JudgeVerdictTuner.Decide(contradictedBySentence, entailmentOnly).Verdict, Is.EqualTo(Verdict.Disputed), "a sentence still refutes");
            Assert.That(JudgeVerdictTuner.Decide(contradictedByWindow, entailmentOnly with { Window = false }).Verdict, Is.EqualTo(Verdict.Confirmed));
            var (stance, _, deciding) = JudgedStance.Decide(Related, new[] { E(0.1f, 0.6f), E(0.1f, 0.97f) }, entailmentOnly, lastIsWindow: true);
            Assert.That((stance, deciding), Is.EqualTo((Stance.Refutes, 0)), "the sentence decides, not the window that contradicts more");
            Assert.That(JudgedStance.Decide(Related, new[] { E(0.1f, 0.6f), E(0.1f, 0.97f) }, entailmentOnly, lastIsWindow: false).Deciding, Is.EqualTo(1),
                "a last reading that is not a window is read whole");
        }
        JudgeVerdictSettings read = JudgeVerdictSettings.From(entailmentOnly.ToJson(), "test");
        Assert.That(read.WindowReading, Is.EqualTo(WindowReading.EntailmentOnly), "the manifest keeps it");
        Assert.That(settings.ToJson().ContainsKey("windowEntailsOnly"), Is.False, "a judge without it keeps its manifest as it was");
    }

    [Test]
    public void AVerdictMoreOftenRightReportsMoreConfidenceAndARareOneTheOverallCalibration()
    {
        var claims = new List<TunedClaim>();
        for (int i = 0; i < 12; i++)
        {
            claims.Add(Claim(Verdict.Confirmed, E(0.8f + (i * 0.01f), 0.05f))); // confirmed, and right
            claims.Add(Claim(i % 3 == 0 ? Verdict.Unverified : Verdict.Disputed, E(0.1f + (i * 0.01f), 0.2f))); // unverified, right a third of the time
        }
        for (int i = 0; i < 4; i++)
        {
            claims.Add(Claim(Verdict.Disputed, E(0.05f, 0.9f + (i * 0.01f)))); // disputed: too few for a calibration of its own
        }
        var settings = new JudgeVerdictSettings { Entails = 0.5f, Contradicts = 0.5f, RelatedGate = 0.9f };
        JudgeVerdictSettings calibrated = JudgeVerdictTuner.WithCalibration(claims, settings);

        Assert.That(calibrated.CalibrationByVerdict!.Keys, Is.EquivalentTo(new[] { "confirmed", "unverified" }));
        Assert.That(calibrated.CalibrationFor(Verdict.Disputed), Is.SameAs(calibrated.Calibration));
        float Mean(Verdict verdict) => (float)claims.Select(c => JudgeVerdictTuner.Decide(c, settings)).Where(d => d.Verdict == verdict)
            .Average(d => calibrated.CalibrationFor(verdict)!.Apply(d.Confidence));
        Assert.That(Mean(Verdict.Confirmed), Is.GreaterThan(0.75f), "12 of 12 confirmed claims are right");
        Assert.That(Mean(Verdict.Unverified), Is.InRange(0.2f, 0.5f), "4 of 12 unverified claims are right");

        JudgeVerdictSettings read = JudgeVerdictSettings.From(calibrated.ToJson(), "test");
        Assert.That(read.CalibrationFor(Verdict.Confirmed), Is.EqualTo(calibrated.CalibrationFor(Verdict.Confirmed)), "the manifest keeps each verdict's calibration");
    }

    [Test]
    public void EachFoldChoosesWhatTuningOnTheOtherEventsAloneChooses()
    {
        // Made-up readings over three parts (one of them a single event, which drops out when held out) and dev pairs:
        // the fold's settings, worked out from counts, are what tuning again without the event gives.
        var random = new Random(7);
        EntailmentProbabilities Any()
        {
            float entails = (float)random.NextDouble();
            float contradicts = (float)random.NextDouble() * (1 - entails);
            return E(entails, contradicts);
        }
        var claims = new List<TunedClaim>();
        foreach (var (part, events) in new[] { ("dev", 4), ("holdout", 3), ("holdout2", 1) })
        {
            for (int e = 0; e < events; e++)
            {
                for (int c = 0, count = 3 + random.Next(6); c < count; c++)
                {
                    var sources = new SourceReading[1 + random.Next(3)];
                    for (int s = 0; s < sources.Length; s++)
                    {
                        var unrelated = (float)random.NextDouble();
                        var lexical = new StanceProbabilities(0, 0, 1 - unrelated, unrelated);
                        bool window = random.Next(2) == 0;
                        sources[s] = new SourceReading(lexical, [], Enumerable.Range(0, 1 + random.Next(3) + (window ? 1 : 0)).Select(_ => Any()).ToArray(), EndsWithWindow: window);
                    }
                    claims.Add(new TunedClaim(part, (Verdict)random.Next(3), sources) { Event = $"{part}/{e}" });
                }
            }
        }
        var pairs = Enumerable.Range(0, 30).Select(_ => (Any(), (EntailmentLabel)random.Next(3))).ToList();

        var (_, folds) = JudgeVerdictTuner.CrossValidate(claims, pairs, JudgeVerdictTuner.PassageCounts, JudgeVerdictTuner.WindowChoices, JudgeVerdictTuner.RefuteMargins);
        Assert.That(folds, Has.Count.EqualTo(8));
        using (Assert.EnterMultipleScope())
        {
            foreach (TuningFold fold in folds)
            {
                var rest = claims.Where(c => c.Event != fold.Event).ToList();
                JudgeVerdictSettings alone = JudgeVerdictTuner.Tune(rest, pairs, JudgeVerdictTuner.PassageCounts, JudgeVerdictTuner.WindowChoices, JudgeVerdictTuner.RefuteMargins).Settings;
                Assert.That(fold.Settings with { Calibration = null, CalibrationByVerdict = null }, Is.EqualTo(alone with { Calibration = null, CalibrationByVerdict = null }), fold.Event);
            }
        }
    }

    [Test]
    public void WithAMarginASourceThatAlsoStatesTheClaimDoesNotRefuteIt()
    {
        var settings = new JudgeVerdictSettings { Entails = 0.5f, Contradicts = 0.5f, RelatedGate = 0.9f };
        EntailmentProbabilities[] statesAndContradicts = [E(0.85f, 0.05f), E(0.05f, 0.9f)];
        EntailmentProbabilities[] onlyContradicts = [E(0.2f, 0.1f), E(0.05f, 0.9f)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(JudgedStance.Decide(Related, statesAndContradicts, settings).Stance, Is.EqualTo(Stance.Refutes), "without a margin the contradiction wins");
            var (stance, probabilities, deciding) = JudgedStance.Decide(Related, statesAndContradicts, settings with { RefuteMargin = 0.3f });
            Assert.That(stance, Is.EqualTo(Stance.Supports), "0.90 contradicts is not 0.30 above 0.85 entails");
            Assert.That(deciding, Is.EqualTo(0));
            Assert.That(probabilities.Refutes, Is.LessThan(0.5f), "the refutes probability follows the margin");
            Assert.That(probabilities.Supports, Is.GreaterThan(probabilities.Refutes));

            var (alone, aloneProbabilities, aloneDeciding) = JudgedStance.Decide(Related, onlyContradicts, settings with { RefuteMargin = 0.3f });
            Assert.That(alone, Is.EqualTo(Stance.Refutes), "0.90 is 0.70 above the source's best entailment, 0.20");
            Assert.That(aloneDeciding, Is.EqualTo(1));
            Assert.That(aloneProbabilities.Refutes, Is.GreaterThanOrEqualTo(0.5f));
            Assert.That(JudgedStance.Decide(Related, onlyContradicts, settings with { RefuteMargin = 0.75f }).Stance, Is.EqualTo(Stance.Discusses), "0.70 is short of a 0.75 margin");
        }
    }

    [Test]
    public void TheShownProbabilitiesPutTheSourcesStanceFirstWhenBothReadingsPassTheirThresholds()
    {
        // Low thresholds (as tuned for the shipped judges): one passage entails past its threshold, another contradicts
        // past its threshold and by the margin, so the source refutes; re-centred, both probabilities are above 0.5.
        var settings = new JudgeVerdictSettings { Entails = 0.30f, Contradicts = 0.45f, RelatedGate = 0.5f, RefuteMargin = 0.40f };
        var (refuting, refutingShown, _) = JudgedStance.Decide(Related, new[] { E(0.40f, 0.05f), E(0.05f, 0.85f) }, settings);
        var (supporting, supportingShown, _) = JudgedStance.Decide(Related, new[] { E(0.70f, 0.05f), E(0.05f, 0.60f) }, settings);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(JudgedStance.Centre(0.40f, settings.Entails), Is.GreaterThan(0.5f), "the entailment alone reads as supporting");
            Assert.That(refuting, Is.EqualTo(Stance.Refutes));
            Assert.That(refutingShown.Refutes, Is.GreaterThan(refutingShown.Supports), "a refuting source shows refutes first");
            Assert.That(refutingShown.Refutes, Is.GreaterThanOrEqualTo(0.5f));
            Assert.That(refutingShown.Supports + refutingShown.Refutes, Is.LessThanOrEqualTo(1f + 1e-6f));
            Assert.That(supporting, Is.EqualTo(Stance.Supports), "0.60 contradicts is not 0.40 above 0.70 entails");
            Assert.That(supportingShown.Supports, Is.GreaterThan(supportingShown.Refutes));
            Assert.That(supportingShown.Supports + supportingShown.Refutes + supportingShown.Discusses + supportingShown.Unrelated, Is.EqualTo(1f).Within(1e-5f));
        }
    }

    [Test]
    public void TheMarginIsChosenWhenSourcesThatStateAClaimAlsoReadAsContradictingItAndIsKeptInTheManifest()
    {
        // Confirmed claims whose sources state them and also hold a sentence the judge reads as contradicting them more
        // strongly than any disputed claim's lone contradicting sentence: no threshold alone tells them apart.
        var claims = new List<TunedClaim>();
        for (int i = 0; i < 6; i++)
        {
            claims.Add(Claim(Verdict.Confirmed, E(0.85f + (i * 0.01f), 0.05f), E(0.05f, 0.9f)));
            claims.Add(Claim(Verdict.Disputed, E(0.1f, 0.1f), E(0.05f, 0.6f + (i * 0.01f))));
            claims.Add(Claim(Verdict.Unverified, E(0.1f, 0.1f)));
        }
        var (chosen, objective, _) = JudgeVerdictTuner.Tune(claims, pairs: null, passageCounts: null, windows: null, JudgeVerdictTuner.RefuteMargins);
        var (without, withoutObjective, _) = JudgeVerdictTuner.Tune(claims);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(chosen.RefuteMargin, Is.Not.Null);
            Assert.That(objective, Is.EqualTo(1.0).Within(1e-9));
            Assert.That(without.RefuteMargin, Is.Null, "without --tune-margin there is none");
            Assert.That(withoutObjective, Is.LessThan(1.0));
            TunedClaim[] plain = [Claim(Verdict.Confirmed, E(0.9f, 0.05f)), Claim(Verdict.Disputed, E(0.05f, 0.9f)), Claim(Verdict.Unverified, E(0.1f, 0.1f))];
            Assert.That(JudgeVerdictTuner.Tune(plain, pairs: null, passageCounts: null, windows: null, JudgeVerdictTuner.RefuteMargins).Settings.RefuteMargin, Is.Null,
                "claims a margin does not help: the tie goes to the grid's first, none");
            Assert.That(JudgeVerdictSettings.From(chosen.ToJson(), "test").RefuteMargin, Is.EqualTo(chosen.RefuteMargin), "the manifest keeps the margin");
            Assert.That(without.ToJson().ContainsKey("refuteMargin"), Is.False, "a judge without a margin keeps its manifest as it was");
        }
        var bad = chosen.ToJson();
        bad["refuteMargin"] = 1.5;
        Assert.That(() => JudgeVerdictSettings.From(bad, "bad.zip"), Throws.InstanceOf<ClaimMlModelException>().With.Message.Contains("'refuteMargin'").And.Message.Contains("bad.zip"));
    }
}
